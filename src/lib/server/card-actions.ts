/**
 * The form actions of the record cards (a facility's and an asset's): record an inspection, set
 * an asset's importance, choose a facility's policy. Each is validated on the server, refused with
 * the fields marked or with a 409 when the card is out of date, and written with an audit entry.
 */
import { assetByCode } from './repositories/assets.repository';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { AssetClass } from '../engine/asset-classes';
import { getDb } from './db';
import { whoOf } from './who';
import {
  CardError,
  checkImportance,
  checkInspection,
  checkPolicy,
  noAsset,
  recordInspection,
  setFacilityPolicy,
  setImportance
} from './services/card-edits.service';
import { parseDecimal } from '$lib/strict-input';
import {
  ActualError,
  checkActual,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  recordActual
} from './services/actuals.service';
import { boundedFormData, UploadError } from './upload';
import { inLanguage, said, type Said } from '$lib/i18n/said';
import type { Lang } from '$lib/i18n/messages';

type Values = Record<string, string>;

function reader(form: FormData) {
  return (name: string) => String(form.get(name) ?? '').trim();
}

/** What a refused form sends back: which form, the message, the values typed, the fields marked. */
function refuse(
  lang: Lang,
  status: 400 | 404 | 409,
  form: string,
  target: string,
  message: Said,
  values: Values | null = null,
  problems: Record<string, Said> | null = null
) {
  return fail(status, {
    form,
    target,
    message: message[lang],
    values,
    problems: inLanguage(lang, problems)
  });
}

const CHECK_FIELDS = said('印の付いた項目を確かめてください', 'check the fields marked');

/** Records an inspection of an asset (validated; refused if out of date). */
export async function inspectAction({ request, locals }: RequestEvent) {
  const text = reader(await request.formData());
  const target = text('asset');
  const db = await getDb();
  const asset = await assetByCode(db, target);
  if (!asset) return refuse(locals.lang, 404, 'inspect', target, noAsset(target));
  const input = {
    inspectedOn: text('inspectedOn'),
    grade: text('grade'),
    soundness: text('soundness'),
    inspector: text('inspector'),
    note: text('note')
  };
  const problems = checkInspection(
    input,
    asset.asset_class as AssetClass,
    new Date().toISOString().slice(0, 10)
  );
  if (Object.keys(problems).length)
    return refuse(locals.lang, 400, 'inspect', target, CHECK_FIELDS, input, problems);
  try {
    await recordInspection(
      db,
      {
        assetCode: target,
        version: Number(text('version')),
        inspectedOn: input.inspectedOn,
        grade: input.grade,
        soundness: input.soundness === '' ? null : parseDecimal(input.soundness),
        inspector: input.inspector || null,
        note: input.note || null
      },
      whoOf(locals)
    );
  } catch (e) {
    if (e instanceof CardError)
      return refuse(locals.lang, e.status, 'inspect', target, e.said, input);
    throw e;
  }
  return { form: 'inspect', target, saved: target };
}

/** Sets an asset's importance (1–5; refused if out of date). */
export async function importanceAction({ request, locals }: RequestEvent) {
  const text = reader(await request.formData());
  const target = text('asset');
  const values = { importance: text('importance') };
  const problems = checkImportance(values.importance);
  if (Object.keys(problems).length)
    return refuse(locals.lang, 400, 'importance', target, CHECK_FIELDS, values, problems);
  try {
    await setImportance(
      await getDb(),
      {
        assetCode: target,
        version: Number(text('version')),
        importance: Number(values.importance)
      },
      whoOf(locals)
    );
  } catch (e) {
    if (e instanceof CardError)
      return refuse(locals.lang, e.status, 'importance', target, e.said, values);
    throw e;
  }
  return { form: 'importance', target, saved: target };
}

/** Chooses a facility's policy: standard, life extension, consolidation or closure (with its year). */
export async function policyAction({ request, params, locals }: RequestEvent) {
  const text = reader(await request.formData());
  const code = String(params.code ?? '');
  const values = { policy: text('policy'), year: text('year'), into: text('into') };
  const db = await getDb();
  const problems = await checkPolicy(db, code, values);
  if (Object.keys(problems).length)
    return refuse(locals.lang, 400, 'policy', code, CHECK_FIELDS, values, problems);
  try {
    await setFacilityPolicy(
      db,
      { code, version: Number(text('version')), ...values },
      whoOf(locals)
    );
  } catch (e) {
    if (e instanceof CardError)
      return refuse(locals.lang, e.status, 'policy', code, e.said, values);
    throw e;
  }
  return { form: 'policy', target: code, saved: code };
}

/** A work done's form: its fields and up to five documents (5 MB each). */
const MAX_ACTUAL_FORM = MAX_DOCUMENTS * MAX_DOCUMENT_BYTES + 64 * 1024;

/** Records a work done on an asset of the card, with its documents (validated, audited). */
export async function actualAction({ request, locals }: RequestEvent) {
  let form: FormData;
  try {
    form = await boundedFormData(request, MAX_ACTUAL_FORM);
  } catch (e) {
    if (e instanceof UploadError)
      return refuse(
        locals.lang,
        400,
        'actual',
        '',
        said(
          '書類が大きすぎます（5 MB・5 件まで）',
          'the documents are too large (5 MB each, 5 files)'
        )
      );
    throw e;
  }
  const text = reader(form);
  const input = {
    assetCode: text('asset'),
    workType: text('workType'),
    completedOn: text('completedOn'),
    cost: text('cost'),
    contractor: text('contractor'),
    note: text('note'),
    planItemId: text('planItem')
  };
  const problems = checkActual(input, new Date().toISOString().slice(0, 10));
  if (Object.keys(problems).length)
    return refuse(locals.lang, 400, 'actual', input.assetCode, CHECK_FIELDS, input, problems);
  const documents = await Promise.all(
    form
      .getAll('documents')
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map(async (f) => ({
        name: f.name,
        type: f.type,
        bytes: new Uint8Array(await f.arrayBuffer())
      }))
  );
  try {
    await recordActual(await getDb(), whoOf(locals), input, documents);
  } catch (e) {
    if (e instanceof ActualError)
      return refuse(
        locals.lang,
        e.status === 413 ? 400 : e.status,
        'actual',
        input.assetCode,
        e.said,
        input
      );
    throw e;
  }
  return { form: 'actual', target: input.assetCode, saved: input.assetCode };
}
