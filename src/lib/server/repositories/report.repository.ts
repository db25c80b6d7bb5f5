/**
 * What the plan report (公共施設等総合管理計画の資料) reads of the register, aggregated in the
 * database: the stock by class and use, floor area by year built, condition, the facilities'
 * policies and running costs, the fixed-asset ledger's columns, and the works done by year.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

/** Assets in service by class and use: how many, and their quantity (㎡ or m). */
export function stockByClassAndCategory(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select([
      'asset_class',
      'category',
      'unit',
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(quantity), 0)`.as('quantity')
    ])
    .where('status', '!=', 'demolished')
    .groupBy(['asset_class', 'category', 'unit'])
    .execute();
}

/** Facilities (not planned ones) by use: how many, in service and closed, and shelters. */
export function facilitiesByCategory(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'category',
      sql<number>`sum(case when status = 'active' then 1 else 0 end)`.as('active'),
      sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when is_shelter = 1 and status = 'active' then 1 else 0 end)`.as(
        'shelters'
      )
    ])
    .where('status', '!=', 'planned')
    .groupBy('category')
    .execute();
}

/** Buildings in service: floor area by fiscal year built (null: unknown). */
export function buildingAreaByYear(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select(['year_built', sql<number>`coalesce(sum(quantity), 0)`.as('area')])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .groupBy('year_built')
    .execute();
}

/** Buildings in service by condition grade (null: not graded): count and floor area. */
export function buildingAreaByGrade(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select([
      'condition_grade',
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(quantity), 0)`.as('area')
    ])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .groupBy('condition_grade')
    .execute();
}

/** Bridges in service by grade (I–IV; null: not inspected). */
export function bridgesByGrade(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select(['condition_grade', sql<number>`count(*)`.as('n')])
    .where('asset_class', '=', 'bridge')
    .where('status', '!=', 'demolished')
    .groupBy('condition_grade')
    .execute();
}

/**
 * Facilities in service with their use, policy, shelter flag, running cost (the card's yearly
 * cost) and their buildings' floor area in service.
 */
export function facilitiesWithArea(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .leftJoin('assets', (join) =>
      join
        .onRef('assets.facility_id', '=', 'facilities.id')
        .on('assets.asset_class', '=', 'building')
        .on('assets.status', '!=', 'demolished')
    )
    .select([
      'facilities.code',
      'facilities.category',
      'facilities.policy',
      'facilities.is_shelter',
      'facilities.running_cost_yen',
      sql<number>`coalesce(sum(assets.quantity), 0)`.as('area')
    ])
    .where('facilities.status', '=', 'active')
    .groupBy([
      'facilities.id',
      'facilities.code',
      'facilities.category',
      'facilities.policy',
      'facilities.is_shelter',
      'facilities.running_cost_yen'
    ])
    .execute();
}

/**
 * The fixed-asset ledger's columns of every asset that has them, with the fiscal year it was
 * demolished (its latest 除却 recorded) when it is no longer in service.
 */
export function ledgerRows(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select([
      'asset_class',
      'year_built',
      'acquisition_yen',
      'service_life_years',
      'acquired_on',
      'status',
      sql<
        number | null
      >`(select max(a.fiscal_year) from actuals a where a.asset_code = assets.code and a.work_type = 'demolition')`.as(
        'demolished_year'
      )
    ])
    .where('acquisition_yen', '>', 0)
    .where('service_life_years', '>', 0)
    .execute();
}

/** How many assets in service lack 取得価額 or 耐用年数 (not in the ratio). */
export async function countWithoutLedger(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('assets')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '!=', 'demolished')
    .where((eb) =>
      eb.or([
        eb('acquisition_yen', 'is', null),
        eb('acquisition_yen', '<=', 0),
        eb('service_life_years', 'is', null)
      ])
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Works done by fiscal year, type and asset class: how many and what they cost (null: not given). */
export function actualsByYear(db: Kysely<Database>) {
  return db
    .selectFrom('actuals')
    .leftJoin('assets', 'assets.code', 'actuals.asset_code')
    .select([
      'actuals.fiscal_year',
      'actuals.work_type',
      'assets.asset_class',
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(actuals.cost_yen), 0)`.as('cost'),
      sql<number>`sum(case when actuals.cost_yen is null then 1 else 0 end)`.as('noCost')
    ])
    .groupBy(['actuals.fiscal_year', 'actuals.work_type', 'assets.asset_class'])
    .orderBy('actuals.fiscal_year')
    .execute();
}

/**
 * Every building ever registered (demolished ones too) grouped by year built, status and the
 * fiscal year of its latest recorded 除却: enough to give the floor area as it stood in a past year.
 */
export function buildingAreaHistory(db: Kysely<Database>) {
  const demolishedYear = sql<
    number | null
  >`(select max(a.fiscal_year) from actuals a where a.asset_code = assets.code and a.work_type = 'demolition')`;
  return db
    .selectFrom(
      db
        .selectFrom('assets')
        .select(['year_built', 'status', 'quantity', demolishedYear.as('demolished_year')])
        .where('asset_class', '=', 'building')
        .as('b')
    )
    .select([
      'b.year_built',
      'b.status',
      'b.demolished_year',
      sql<number>`coalesce(sum(b.quantity), 0)`.as('area')
    ])
    .groupBy(['b.year_built', 'b.status', 'b.demolished_year'])
    .execute();
}

/** Buildings in service: code, floor area, and their facility's code and shelter flag. */
export function buildingsWithFacility(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.code',
      'assets.quantity',
      'facilities.code as facility',
      'facilities.is_shelter'
    ])
    .where('assets.asset_class', '=', 'building')
    .where('assets.status', '!=', 'demolished')
    .execute();
}
