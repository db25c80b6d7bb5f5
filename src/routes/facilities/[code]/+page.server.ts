import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  CardError,
  checkInspection,
  recordCard,
  recordInspection
} from '$lib/server/services/record-card.service';
import type { AssetClass } from '$lib/engine/asset-classes';

export const load: PageServerLoad = async ({ params }) => {
  const card = await recordCard(await getDb(), params.code);
  if (!card) error(404, `no facility with the code ${params.code}`);
  return { card };
};

export const actions: Actions = {
  /** Records an inspection of one of the facility's assets (validated; refused if out of date). */
  inspect: async ({ request }) => {
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    type Values = { inspectedOn: string; grade: string; soundness: string; note: string };
    const refuse = (
      status: 400 | 404 | 409,
      message: string,
      values: Values | null = null,
      problems: Record<string, string> | null = null
    ) => fail(status, { asset: text('asset'), message, values, problems });
    const db = await getDb();
    const asset = await db
      .selectFrom('assets')
      .select(['asset_class'])
      .where('code', '=', text('asset'))
      .executeTakeFirst();
    if (!asset) return refuse(404, `no asset with the code ${text('asset')}`);
    const input = {
      inspectedOn: text('inspectedOn'),
      grade: text('grade'),
      soundness: text('soundness'),
      note: text('note')
    };
    const problems = checkInspection(
      input,
      asset.asset_class as AssetClass,
      new Date().toISOString().slice(0, 10)
    );
    if (Object.keys(problems).length)
      return refuse(400, 'check the fields marked', input, problems);
    try {
      await recordInspection(
        db,
        {
          assetCode: text('asset'),
          version: Number(text('version')),
          inspectedOn: input.inspectedOn,
          grade: input.grade,
          soundness: input.soundness === '' ? null : Number(input.soundness),
          inspector: text('inspector') || null,
          note: input.note || null
        },
        { username: text('inspector') || null, now: new Date().toISOString() }
      );
    } catch (e) {
      if (e instanceof CardError) return refuse(e.status, e.message, input);
      throw e;
    }
    return { saved: text('asset') };
  }
};
