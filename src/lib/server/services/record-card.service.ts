/**
 * The facility record card (施設カルテ): a facility with its buildings, their inspections and
 * the works they will need (Engine I, under the national method and with life extension, side by
 * side), and the edits staff make on it — recording an inspection, setting an asset's importance —
 * each validated, written with a version check (a second editor working from an older card is
 * refused, not silently overwritten) and recorded in the audit log.
 */
import type { Kysely } from 'kysely';
import { projectRenewals, type ProjectionResult } from '../../engine/projection';
import { BUILDING_GRADES, BRIDGE_GRADES, type AssetClass } from '../../engine/asset-classes';
import { GRADE_POINTS } from '../../engine/condition';
import { longevity } from '../../engine/standards/longevity';
import { soumu } from '../../engine/standards/soumu';
import type { Database } from '../db/database';
import { assetRowToEngineAsset } from '../repositories/assets.repository';
import { getSettings } from '../repositories/settings.repository';

export class CardError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409
  ) {
    super(message);
  }
}

export interface CardAsset {
  id: number;
  code: string;
  name: string;
  assetClass: AssetClass;
  category: string;
  yearBuilt: number | null;
  quantity: number;
  unit: string;
  structure: string | null;
  floors: number | null;
  conditionGrade: string | null;
  soundness: number | null;
  importance: number;
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
    version: number;
  };
  assets: CardAsset[];
  startYear: number;
  years: number;
  /** Yearly cost of the facility's works: the national method and with life extension. */
  lifecycle: { soumu: number[]; longevity: number[] };
  /** Works under the national method, per asset. */
  works: { assetCode: string; workType: string; dueYear: number; cost: number }[];
  audit: {
    at: string;
    username: string | null;
    action: string;
    entity: string;
    entityId: string | null;
    after: string | null;
    note: string | null;
  }[];
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
  const inspections = rows.length
    ? await db
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
    : [];
  const settings = await getSettings(db);
  const startYear = Number(settings.data_as_of_year) || new Date().getFullYear();
  const engineAssets = rows.map((r) =>
    assetRowToEngineAsset({
      ...r,
      facility_code: f.code,
      is_shelter: f.is_shelter,
      inspected_on: inspections.find((i) => i.asset_id === r.id)?.inspected_on ?? null
    })
  );
  const run = (standard: typeof soumu, detail: boolean): ProjectionResult =>
    projectRenewals(engineAssets, standard, { startYear, years, detail });
  const base = run(soumu, true);
  const extended = run(longevity, false);
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'entity', 'entity_id', 'after', 'note'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'facility'), eb('entity_id', '=', f.code)]),
        ...(rows.length
          ? [
              eb.and([
                eb('entity', '=', 'asset'),
                eb(
                  'entity_id',
                  'in',
                  rows.map((r) => r.code)
                )
              ])
            ]
          : [])
      ])
    )
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
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
      version: f.version
    },
    assets: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      assetClass: r.asset_class as AssetClass,
      category: r.category,
      yearBuilt: r.year_built,
      quantity: r.quantity,
      unit: r.unit,
      structure: r.structure,
      floors: r.floors,
      conditionGrade: r.condition_grade,
      soundness: r.soundness,
      importance: r.importance,
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
    })),
    startYear,
    years,
    lifecycle: { soumu: base.totalsByYear, longevity: extended.totalsByYear },
    works: (base.works ?? []).map((w) => ({
      assetCode: w.assetCode,
      workType: w.workType,
      dueYear: w.dueYear,
      cost: w.cost
    })),
    audit: audit.map((a) => ({
      at: a.at,
      username: a.username,
      action: a.action,
      entity: a.entity,
      entityId: a.entity_id,
      after: a.after,
      note: a.note
    }))
  };
}

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
  input: { inspectedOn: string; grade: string; soundness: string; note: string },
  assetClass: AssetClass,
  today: string
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.inspectedOn) || Number.isNaN(Date.parse(input.inspectedOn)))
    problems.inspectedOn = 'a date (YYYY-MM-DD)';
  else if (input.inspectedOn > today) problems.inspectedOn = 'not in the future';
  const grades: readonly string[] = assetClass === 'bridge' ? BRIDGE_GRADES : BUILDING_GRADES;
  if (!grades.includes(input.grade)) problems.grade = `one of ${grades.join(', ')}`;
  if (input.soundness !== '') {
    const s = Number(input.soundness);
    if (!Number.isFinite(s) || s < 0 || s > 100)
      problems.soundness = 'a number from 0 to 100, or empty';
  }
  if (input.note.length > 2000) problems.note = 'at most 2,000 characters';
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
    if (!asset) throw new CardError(`no asset with the code ${input.assetCode}`, 404);
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
      throw new CardError(
        `${asset.code} was changed by someone else after you opened this card (now version ${asset.version}); reload the card and record the inspection again`,
        409
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
    await trx
      .insertInto('audit_log')
      .values({
        at: who.now,
        username: who.username,
        action: 'inspect',
        entity: 'asset',
        entity_id: asset.code,
        before: JSON.stringify({
          condition_grade: asset.condition_grade,
          soundness: asset.soundness
        }),
        after: JSON.stringify({
          condition_grade: input.grade,
          soundness,
          inspected_on: input.inspectedOn
        }),
        note: input.note
      })
      .execute();
  });
}
