import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  actualAction,
  importanceAction,
  inspectAction,
  policyAction
} from '$lib/server/card-actions';
import { recordCard } from '$lib/server/services/record-card.service';
import { facilityDemand } from '$lib/server/services/population.service';
import { facilityByCode } from '$lib/server/repositories/facilities.repository';
import { facilityUsage } from '$lib/server/services/usage.service';
import {
  MAX_PHOTO_BYTES,
  PhotoError,
  photoMeta,
  removeFacilityPhoto,
  setFacilityPhoto
} from '$lib/server/services/facility-photo.service';
import { boundedFormData, UploadError } from '$lib/server/upload';
import { whoOf } from '$lib/server/who';

export const load: PageServerLoad = async ({ params }) => {
  const db = await getDb();
  const card = await recordCard(db, params.code);
  if (!card) error(404, `no facility with the code ${params.code}`);
  const row = await facilityByCode(db, params.code);
  const demand = await facilityDemand(db, {
    lon: card.facility.lon,
    lat: card.facility.lat,
    category: card.facility.category,
    subcategory: row?.subcategory ?? null
  });
  const floorArea = card.assets
    .filter((a) => a.assetClass === 'building' && a.status === 'active')
    .reduce((sum, a) => sum + a.quantity, 0);
  const usage = row ? await facilityUsage(db, row.id, floorArea) : [];
  return { card, demand, usage, photo: await photoMeta(db, params.code) };
};

export const actions: Actions = {
  inspect: inspectAction,
  importance: importanceAction,
  policy: policyAction,
  actual: actualAction,
  /** Sets, replaces or (with `remove`) removes the facility's photo for its public page. */
  photo: async ({ params, request, locals }) => {
    const refuse = (status: number, message: string) => fail(status, { photoProblem: message });
    let form: FormData;
    try {
      form = await boundedFormData(request, MAX_PHOTO_BYTES + 64 * 1024);
    } catch (e) {
      if (e instanceof UploadError)
        return refuse(413, locals.lang === 'ja' ? '写真は5 MBまでです' : 'the photo is over 5 MB');
      throw e;
    }
    const db = await getDb();
    try {
      if (form.get('remove')) await removeFacilityPhoto(db, whoOf(locals), params.code);
      else {
        const file = form.get('photo');
        await setFacilityPhoto(db, whoOf(locals), params.code, {
          bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(),
          alt: String(form.get('alt') ?? '')
        });
      }
      return { photoSaved: true };
    } catch (e) {
      if (e instanceof PhotoError) return refuse(e.status, e.said[locals.lang]);
      throw e;
    }
  }
};
