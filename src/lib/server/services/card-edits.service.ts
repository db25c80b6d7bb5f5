/**
 * The edits staff make on a record card — recording an inspection, choosing a facility's policy,
 * setting an asset's importance — each validated, written with a version check (a second editor
 * working from an older card is refused, not silently overwritten) and recorded in the audit log.
 */
import type { Kysely } from 'kysely';
import { gradesOf, type AssetClass } from '../../engine/asset-classes';
import { GRADE_POINTS } from '../../engine/condition';
import type { Database } from '../db/database';
import { asOfYear } from '../repositories/settings.repository';
import { changesSince, writeAudit } from '../repositories/audit.repository';
import { assetByCode, insertInspection, updateAssetIfAt } from '../repositories/assets.repository';
import {
  facilityByCode,
  facilityIdOf,
  updateFacilityIfAt
} from '../repositories/facilities.repository';
import { said, SaidError, type Said } from '../../i18n/said';
import { FACILITY_POLICIES } from '../../record-card';
import { EARLIEST_DATE, isCalendarDate, parseDecimal } from '../../strict-input';

export class CardError extends SaidError {}

/** The refusal of a save based on an out-of-date card: someone changed the row meanwhile. */
/** The refusal of a save based on a version older than the card's, saying what changed since. */
async function staleError(
  db: Kysely<Database>,
  entity: 'asset' | 'facility',
  row: { code: string; version: number },
  basedOn: number,
  redo: Said
): Promise<CardError> {
  const changes = await changesSince(db, entity, row.code, row.version - basedOn);
  return new CardError(
    said(
      `${row.code} は、このカルテを開いた後に他の人が変更しました（現在の版 ${row.version}${changes.ja ? `。${changes.ja}` : ''}）。カルテを開き直して、${redo.ja}`,
      `${row.code} was changed by someone else after you opened this card (now version ${row.version}${changes.en ? `; ${changes.en}` : ''}); reload the card and ${redo.en}`
    ),
    409
  );
}

export const noAsset = (code: string) =>
  said(`資産コード ${code} の資産はありません`, `no asset with the code ${code}`);
const noFacility = (code: string) =>
  said(`施設コード ${code} の施設はありません`, `no facility with the code ${code}`);

export interface InspectionInput {
  assetCode: string;
  version: number;
  inspectedOn: string;
  grade: string;
  soundness: number | null;
  inspector: string | null;
  note: string | null;
}

/** Problems with an inspection form (field → reason), empty when it is valid. */
export function checkInspection(
  input: { inspectedOn: string; grade: string; soundness: string; inspector: string; note: string },
  assetClass: AssetClass,
  today: string
): Record<string, Said> {
  const problems: Record<string, Said> = {};
  if (!isCalendarDate(input.inspectedOn))
    problems.inspectedOn = said(
      `${EARLIEST_DATE} 以降の日付（年-月-日）を入力してください`,
      `a date (YYYY-MM-DD) from ${EARLIEST_DATE}`
    );
  else if (input.inspectedOn > today)
    problems.inspectedOn = said('未来の日付は記録できません', 'not in the future');
  const grades = gradesOf(assetClass);
  if (!grades.includes(input.grade))
    problems.grade = said(`${grades.join('・')} のいずれか`, `one of ${grades.join(', ')}`);
  if (input.soundness !== '') {
    const s = parseDecimal(input.soundness);
    if (s === null || s < 0 || s > 100)
      problems.soundness = said('0〜100 の数値、または空欄', 'a number from 0 to 100, or empty');
  }
  if (input.inspector.length > 100)
    problems.inspector = said('100 文字以内', 'at most 100 characters');
  if (input.note.length > 2000) problems.note = said('2,000 文字以内', 'at most 2,000 characters');
  return problems;
}

/**
 * Records an inspection: the asset's grade (and 健全度, or the grade's points) become the latest,
 * its version goes up, and the audit log says who, when and what. Refused with 409 when the asset
 * changed since the card was opened (its version is not the one the form carries).
 */
export async function recordInspection(
  db: Kysely<Database>,
  input: InspectionInput,
  who: { username: string | null; now: string }
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const asset = await assetByCode(trx, input.assetCode);
    if (!asset) throw new CardError(noAsset(input.assetCode), 404);
    const soundness = input.soundness ?? GRADE_POINTS[input.grade] ?? null;
    const set = { condition_grade: input.grade, soundness };
    if (!(await updateAssetIfAt(trx, asset.id, input.version, set, who.now)))
      throw await staleError(
        trx,
        'asset',
        asset,
        input.version,
        said('点検をもう一度記録してください', 'record the inspection again')
      );
    await insertInspection(trx, {
      asset_id: asset.id,
      inspected_on: input.inspectedOn,
      part: 'overall',
      grade: input.grade,
      soundness,
      inspector: input.inspector,
      note: input.note,
      created_at: who.now
    });
    await writeAudit(trx, who, {
      action: 'inspect',
      entity: 'asset',
      entityId: asset.code,
      before: { condition_grade: asset.condition_grade, soundness: asset.soundness },
      after: { condition_grade: input.grade, soundness, inspected_on: input.inspectedOn },
      note: input.note
    });
  });
}

export interface PolicyInput {
  policy: string;
  /** Fiscal year of the consolidation or closure, as typed. */
  year: string;
  /** Code of the facility it is consolidated into, as typed. */
  into: string;
}

/**
 * Problems with a policy form (field → reason), empty when it is valid: a consolidation or
 * closure needs a fiscal year within the 60-year horizon; a consolidation names another
 * facility that exists.
 */
export async function checkPolicy(
  db: Kysely<Database>,
  code: string,
  input: PolicyInput
): Promise<Record<string, Said>> {
  const problems: Record<string, Said> = {};
  if (!(FACILITY_POLICIES as readonly string[]).includes(input.policy)) {
    problems.policy = said(
      '標準・長寿命化・複合化・廃止のいずれか',
      `one of ${FACILITY_POLICIES.join(', ')}`
    );
    return problems;
  }
  if (input.policy === 'close' || input.policy === 'consolidate') {
    const start = await asOfYear(db);
    const year = Number(input.year);
    if (!/^\d{4}$/.test(input.year.trim()) || year < start || year > start + 60)
      problems.year = said(
        `${start}〜${start + 60} の年度（西暦4桁）`,
        `a fiscal year from ${start} to ${start + 60}`
      );
  }
  if (input.policy === 'consolidate') {
    const into = input.into.trim();
    if (!into) problems.into = said('統合先の施設コード', 'the code of the facility it joins');
    else if (into === code)
      problems.into = said('この施設以外の施設', 'another facility than this one');
    else if ((await facilityIdOf(db, into)) === null) problems.into = noFacility(into);
  }
  return problems;
}

/**
 * Sets a facility's policy (checked with `checkPolicy` first), with a version check (409 when
 * the facility changed since the card was opened) and an audit entry with before and after.
 */
export async function setFacilityPolicy(
  db: Kysely<Database>,
  input: { code: string; version: number } & PolicyInput,
  who: { username: string | null; now: string }
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const f = await facilityByCode(trx, input.code);
    if (!f) throw new CardError(noFacility(input.code), 404);
    const timed = input.policy === 'close' || input.policy === 'consolidate';
    const after = {
      policy: input.policy,
      policy_year: timed ? Number(input.year) : null,
      consolidate_into: input.policy === 'consolidate' ? input.into.trim() : null
    };
    if (!(await updateFacilityIfAt(trx, f.id, input.version, after, who.now)))
      throw await staleError(
        trx,
        'facility',
        f,
        input.version,
        said('方針をもう一度選んでください', 'choose the policy again')
      );
    await writeAudit(trx, who, {
      action: 'policy',
      entity: 'facility',
      entityId: f.code,
      before: {
        policy: f.policy,
        policy_year: f.policy_year,
        consolidate_into: f.consolidate_into
      },
      after
    });
  });
}

/** Problems with an importance (1 low – 5 critical: the consequence of the asset failing). */
export function checkImportance(value: string): Record<string, Said> {
  return /^[1-5]$/.test(value.trim())
    ? {}
    : { importance: said('1〜5 の整数', 'a whole number from 1 to 5') };
}

/** Sets an asset's importance, with a version check (409 when stale) and an audit entry. */
export async function setImportance(
  db: Kysely<Database>,
  input: { assetCode: string; version: number; importance: number },
  who: { username: string | null; now: string }
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const asset = await assetByCode(trx, input.assetCode);
    if (!asset) throw new CardError(noAsset(input.assetCode), 404);
    const set = { importance: input.importance };
    if (!(await updateAssetIfAt(trx, asset.id, input.version, set, who.now)))
      throw await staleError(
        trx,
        'asset',
        asset,
        input.version,
        said('重要度をもう一度設定してください', 'set the importance again')
      );
    await writeAudit(trx, who, {
      action: 'importance',
      entity: 'asset',
      entityId: asset.code,
      before: { importance: asset.importance },
      after: { importance: input.importance }
    });
  });
}
