/** The 個別施設計画's versions and items as stored. */
import type { Kysely } from 'kysely';
import type { Database, NewPlanItemRow, PlanItemRow, PlanVersionRow } from '../db/database';
import type { PlanAction, PlanItem, PlanStatus } from '../../plan/plan';

/** Every plan version, newest first. */
export function planVersions(db: Kysely<Database>): Promise<PlanVersionRow[]> {
  return db.selectFrom('plan_versions').selectAll().orderBy('id', 'desc').execute();
}

/** One plan version, or undefined. */
export function planVersion(db: Kysely<Database>, id: number) {
  return db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The adopted plan version, or undefined. */
export function adoptedPlanVersion(db: Kysely<Database>) {
  return db
    .selectFrom('plan_versions')
    .selectAll()
    .where('status', '=', 'adopted')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Records a plan version; its id. */
export async function insertPlanVersion(
  db: Kysely<Database>,
  row: { name: string; fiscal_year: number; based_on: number | null; note: string | null },
  now: string
): Promise<number> {
  const inserted = await db
    .insertInto('plan_versions')
    .values({ ...row, status: 'draft', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Marks a version adopted and the one adopted before it superseded. */
export async function adoptVersion(
  db: Kysely<Database>,
  id: number,
  who: string,
  now: string
): Promise<void> {
  await db
    .updateTable('plan_versions')
    .set({ status: 'superseded', updated_at: now })
    .where('status', '=', 'adopted')
    .execute();
  await db
    .updateTable('plan_versions')
    .set({ status: 'adopted', adopted_at: now, adopted_by: who, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The items of a plan version, by year then id. */
export function planItemRows(db: Kysely<Database>, planId: number): Promise<PlanItemRow[]> {
  return db
    .selectFrom('plan_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('fiscal_year')
    .orderBy('id')
    .execute();
}

/** One plan item, or undefined. */
export function planItemRow(db: Kysely<Database>, id: number) {
  return db.selectFrom('plan_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many items a plan version holds. */
export async function countPlanItems(db: Kysely<Database>, planId: number): Promise<number> {
  const row = await db
    .selectFrom('plan_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records plan items; their ids, in order. */
export async function insertPlanItems(
  db: Kysely<Database>,
  rows: readonly NewPlanItemRow[]
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('plan_items')
      .values(rows.slice(i, i + 500) as NewPlanItemRow[])
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Removes a plan item. */
export async function deletePlanItem(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('plan_items').where('id', '=', id).execute();
}

/** A stored item as the plan's pure functions take it. */
export function planItemOf(row: PlanItemRow): PlanItem {
  return {
    id: row.id,
    facilityCode: row.facility_code,
    assetCode: row.asset_code,
    action: row.action as PlanAction,
    fiscalYear: row.fiscal_year,
    costYen: row.cost_yen === null ? null : Number(row.cost_yen),
    status: row.status as PlanStatus,
    intoFacility: row.into_facility,
    reason: row.reason
  };
}

/** What a plan can act on: every asset in service with its facility (code and name). */
export function planTargetRows(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.code',
      'assets.name',
      'assets.asset_class',
      'assets.category',
      'assets.quantity',
      'assets.structure',
      'assets.material',
      'assets.diameter_mm',
      'facilities.code as facility_code',
      'facilities.name as facility_name'
    ])
    .where('assets.status', '!=', 'demolished')
    .orderBy('assets.code')
    .execute();
}

/** The facilities: code, name, category and what a planned one will be. */
export function planFacilityRows(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select(['code', 'name', 'category', 'status', 'planned_area_m2', 'planned_structure'])
    .orderBy('code')
    .execute();
}

/** Which of these plan item ids exist. */
export async function existingPlanItems(
  db: Kysely<Database>,
  ids: readonly number[]
): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('plan_items')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** A version's items on a facility or on any of these assets, by year. */
export function planItemsOn(
  db: Kysely<Database>,
  planId: number,
  facilityCode: string | null,
  assetCodes: readonly string[]
): Promise<PlanItemRow[]> {
  return db
    .selectFrom('plan_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .where((eb) =>
      eb.or([
        ...(facilityCode ? [eb('facility_code', '=', facilityCode)] : []),
        ...(assetCodes.length ? [eb('asset_code', 'in', [...assetCodes])] : [])
      ])
    )
    .orderBy('fiscal_year')
    .orderBy('id')
    .execute();
}

/** The facilities the plan will build (status planned): what each will be. */
export function plannedFacilityRows(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select(['code', 'category', 'planned_area_m2', 'planned_structure'])
    .where('status', '=', 'planned')
    .execute();
}
