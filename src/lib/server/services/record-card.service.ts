/**
 * The facility record card (施設カルテ): a facility with its buildings, their inspections and
 * the works they will need (Engine I, under the national method and with life extension, side by
 * side), and the edits staff make on it — recording an inspection, setting an asset's importance —
 * each validated, written with a version check (a second editor working from an older card is
 * refused, not silently overwritten) and recorded in the audit log.
 */
import type { Kysely, Selectable } from 'kysely';
import { projectRenewals, type ProjectionResult } from '../../engine/projection';
import { gradesOf, type AssetClass } from '../../engine/asset-classes';
import { GRADE_POINTS } from '../../engine/condition';
import { longevity } from '../../engine/standards/longevity';
import { soumu } from '../../engine/standards/soumu';
import type { Database } from '../db/database';
import { assetRowToEngineAsset } from '../repositories/assets.repository';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { changesSince, writeAudit } from '../repositories/audit.repository';
import { said, SaidError, type Said } from '../../i18n/said';
import type { AssetsTable } from '../db/database';
import type { EngineAsset } from '../../engine/engine-asset';
import { facilityPolicyOverrides, type Override } from '../../engine/overrides';
import { demolitionCostPerM2 } from '../repositories/facility-plan.repository';
import type { Standard } from '../../engine/standard';
import { mapIndex } from './map-index.service';
import { EARLIEST_DATE, isCalendarDate, parseDecimal } from '../../strict-input';

export class CardError extends SaidError {}

export interface CardAsset {
  id: number;
  code: string;
  name: string;
  assetClass: AssetClass;
  category: string;
  yearBuilt: number | null;
  quantity: number;
  unit: string;
  lengthM: number | null;
  widthM: number | null;
  structure: string | null;
  material: string | null;
  diameterMm: number | null;
  floors: number | null;
  conditionGrade: string | null;
  soundness: number | null;
  importance: number;
  status: string;
  /** Inside a hazard zone (flood inundation), for BCP priority. */
  inHazardZone: boolean;
  version: number;
  inspections: {
    inspectedOn: string;
    part: string;
    grade: string;
    soundness: number | null;
    inspector: string | null;
    note: string | null;
  }[];
}

/** What staff decide for a facility: keep it under the standard, extend its buildings' lives,
 * consolidate it into another facility, or close it (複合化・統廃合), from a fiscal year. */
export const FACILITY_POLICIES = ['standard', 'extend', 'consolidate', 'close'] as const;
export type FacilityPolicy = (typeof FACILITY_POLICIES)[number];

/** An asset's or a facility's works over the horizon, under the standard and alternatives. */
export interface Lifecycle {
  startYear: number;
  years: number;
  /** Yearly cost: the national method, with life extension, and under the chosen policy (a
   * facility whose policy is not `standard`). */
  series: { soumu: number[]; longevity: number[]; policy: number[] | null };
  /** Works under the national method (or the chosen policy, when there is one). */
  works: { assetCode: string; workType: string; dueYear: number; cost: number }[];
}

export interface AuditEntry {
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  after: string | null;
  note: string | null;
}

export interface RecordCard {
  facility: {
    id: number;
    code: string;
    name: string;
    nameKana: string | null;
    category: string;
    address: string | null;
    lon: number | null;
    lat: number | null;
    yearlyUsers: number | null;
    runningCostYen: number | null;
    costPerUser: number | null;
    isShelter: boolean;
    policy: FacilityPolicy;
    policyYear: number | null;
    consolidateInto: string | null;
    version: number;
  };
  assets: CardAsset[];
  lifecycle: Lifecycle;
  audit: AuditEntry[];
}

/** The card of one asset (a road segment, a bridge, a pipe, or a building). */
export interface AssetCard {
  asset: CardAsset;
  facility: { code: string; name: string } | null;
  lifecycle: Lifecycle;
  audit: AuditEntry[];
}

type AssetRow = Selectable<AssetsTable>;

async function startYearOf(db: Kysely<Database>): Promise<number> {
  const settings = await getSettings(db);
  return asOfYearOf(settings);
}

/** The assets' card entries with their inspections (newest first) and hazard-zone flags. */
async function cardAssets(db: Kysely<Database>, rows: AssetRow[]) {
  // Independent reads at once (on PostgreSQL each is a round trip of its own).
  const [inspections, index] = await Promise.all([
    rows.length
      ? db
          .selectFrom('inspections')
          .selectAll()
          .where(
            'asset_id',
            'in',
            rows.map((r) => r.id)
          )
          .orderBy('inspected_on', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [],
    mapIndex(db)
  ]);
  const assets: CardAsset[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    assetClass: r.asset_class as AssetClass,
    category: r.category,
    yearBuilt: r.year_built,
    quantity: r.quantity,
    unit: r.unit,
    lengthM: r.length_m,
    widthM: r.width_m,
    structure: r.structure,
    material: r.material,
    diameterMm: r.diameter_mm,
    floors: r.floors,
    conditionGrade: r.condition_grade,
    soundness: r.soundness,
    importance: r.importance,
    status: r.status,
    inHazardZone: index.byCode.get(r.code)?.props.hz === 1,
    version: r.version,
    inspections: inspections
      .filter((i) => i.asset_id === r.id)
      .map((i) => ({
        inspectedOn: i.inspected_on,
        part: i.part,
        grade: i.grade,
        soundness: i.soundness,
        inspector: i.inspector,
        note: i.note
      }))
  }));
  const latest = (id: number) => inspections.find((i) => i.asset_id === id)?.inspected_on ?? null;
  return { assets, latest };
}

function lifecycleOf(
  engineAssets: EngineAsset[],
  startYear: number,
  years: number,
  overrides: Override[]
): Lifecycle {
  const run = (standard: Standard, detail: boolean, o: Override[] = []): ProjectionResult =>
    projectRenewals(engineAssets, standard, { startYear, years, detail, overrides: o });
  const base = run(soumu, overrides.length === 0);
  const chosen = overrides.length ? run(soumu, true, overrides) : null;
  return {
    startYear,
    years,
    series: {
      soumu: base.totalsByYear,
      longevity: run(longevity, false).totalsByYear,
      policy: chosen?.totalsByYear ?? null
    },
    works: ((chosen ?? base).works ?? []).map((w) => ({
      assetCode: w.assetCode,
      workType: w.workType,
      dueYear: w.dueYear,
      cost: w.cost
    }))
  };
}

async function auditOf(
  db: Kysely<Database>,
  facilityCode: string | null,
  assetCodes: string[]
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'entity', 'entity_id', 'after', 'note'])
    .where((eb) =>
      eb.or([
        ...(facilityCode
          ? [eb.and([eb('entity', '=', 'facility'), eb('entity_id', '=', facilityCode)])]
          : []),
        ...(assetCodes.length
          ? [eb.and([eb('entity', '=', 'asset'), eb('entity_id', 'in', assetCodes)])]
          : [])
      ])
    )
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map((a) => ({
    at: a.at,
    username: a.username,
    action: a.action,
    entity: a.entity,
    entityId: a.entity_id,
    after: a.after,
    note: a.note
  }));
}

/** The record card of a facility, or null when no facility has the code. */
export async function recordCard(
  db: Kysely<Database>,
  code: string,
  years = 40
): Promise<RecordCard | null> {
  const f = await db
    .selectFrom('facilities')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!f) return null;
  const rows = await db
    .selectFrom('assets')
    .selectAll()
    .where('facility_id', '=', f.id)
    .where('status', '!=', 'demolished')
    .orderBy('code')
    .execute();
  const [{ assets, latest }, startYear, audit] = await Promise.all([
    cardAssets(db, rows),
    startYearOf(db),
    auditOf(
      db,
      f.code,
      rows.map((r) => r.code)
    )
  ]);
  const engineAssets = rows.map((r) =>
    assetRowToEngineAsset({
      ...r,
      facility_code: f.code,
      is_shelter: f.is_shelter,
      inspected_on: latest(r.id)
    })
  );
  return {
    facility: {
      id: f.id,
      code: f.code,
      name: f.name,
      nameKana: f.name_kana,
      category: f.category,
      address: f.address,
      lon: f.lon,
      lat: f.lat,
      yearlyUsers: f.yearly_users,
      runningCostYen: f.running_cost_yen,
      costPerUser:
        f.yearly_users && f.running_cost_yen ? f.running_cost_yen / f.yearly_users : null,
      isShelter: f.is_shelter === 1,
      policy: (FACILITY_POLICIES as readonly string[]).includes(f.policy)
        ? (f.policy as FacilityPolicy)
        : 'standard',
      policyYear: f.policy_year,
      consolidateInto: f.consolidate_into,
      version: f.version
    },
    assets,
    lifecycle: lifecycleOf(
      engineAssets,
      startYear,
      years,
      facilityPolicyOverrides(f, await demolitionCostPerM2(db))
    ),
    audit
  };
}

/** The card of one asset by its code, or null when no asset has it. */
export async function assetCard(
  db: Kysely<Database>,
  code: string,
  years = 40
): Promise<AssetCard | null> {
  const row = await db.selectFrom('assets').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return null;
  const f = row.facility_id
    ? await db
        .selectFrom('facilities')
        .select(['code', 'name', 'is_shelter'])
        .where('id', '=', row.facility_id)
        .executeTakeFirst()
    : undefined;
  const { assets, latest } = await cardAssets(db, [row]);
  const engineAsset = assetRowToEngineAsset({
    ...row,
    facility_code: f?.code ?? null,
    is_shelter: f?.is_shelter ?? null,
    inspected_on: latest(row.id)
  });
  return {
    asset: assets[0]!,
    facility: f ? { code: f.code, name: f.name } : null,
    lifecycle: lifecycleOf([engineAsset], await startYearOf(db), years, []),
    audit: await auditOf(db, null, [row.code])
  };
}

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
    const asset = await trx
      .selectFrom('assets')
      .selectAll()
      .where('code', '=', input.assetCode)
      .executeTakeFirst();
    if (!asset) throw new CardError(noAsset(input.assetCode), 404);
    const soundness = input.soundness ?? GRADE_POINTS[input.grade] ?? null;
    const updated = await trx
      .updateTable('assets')
      .set({
        condition_grade: input.grade,
        soundness,
        version: asset.version + 1,
        updated_at: who.now
      })
      .where('id', '=', asset.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw await staleError(
        trx,
        'asset',
        asset,
        input.version,
        said('点検をもう一度記録してください', 'record the inspection again')
      );
    await trx
      .insertInto('inspections')
      .values({
        asset_id: asset.id,
        inspected_on: input.inspectedOn,
        part: 'overall',
        grade: input.grade,
        soundness,
        inspector: input.inspector,
        note: input.note,
        created_at: who.now
      })
      .execute();
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
    const start = await startYearOf(db);
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
    else if (
      !(await db.selectFrom('facilities').select('id').where('code', '=', into).executeTakeFirst())
    )
      problems.into = noFacility(into);
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
    const f = await trx
      .selectFrom('facilities')
      .selectAll()
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (!f) throw new CardError(noFacility(input.code), 404);
    const timed = input.policy === 'close' || input.policy === 'consolidate';
    const after = {
      policy: input.policy,
      policy_year: timed ? Number(input.year) : null,
      consolidate_into: input.policy === 'consolidate' ? input.into.trim() : null
    };
    const updated = await trx
      .updateTable('facilities')
      .set({ ...after, version: f.version + 1, updated_at: who.now })
      .where('id', '=', f.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
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
    const asset = await trx
      .selectFrom('assets')
      .selectAll()
      .where('code', '=', input.assetCode)
      .executeTakeFirst();
    if (!asset) throw new CardError(noAsset(input.assetCode), 404);
    const updated = await trx
      .updateTable('assets')
      .set({ importance: input.importance, version: asset.version + 1, updated_at: who.now })
      .where('id', '=', asset.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
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
