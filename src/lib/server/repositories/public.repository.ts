/**
 * What the public pages read: only the fields and the records the portal may publish (facilities
 * and buildings in service, plans' actions, bridges and lines) — never notes, people or audit.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** The ids of `ids` that name a scenario. */
export function scenarioIdsAmong(db: Kysely<Database>, ids: number[]) {
  return db.selectFrom('scenarios').select('id').where('id', 'in', ids).execute();
}

/** The facilities in service, with the fields the public pages show. */
export function activeFacilityRows(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'id',
      'code',
      'name',
      'category',
      'address',
      'lon',
      'lat',
      'yearly_users',
      'running_cost_yen',
      'is_shelter'
    ])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
}

/** A plan's items still to come (not cancelled, not done), with the facility of an asset's item. */
export function openPlanItemRows(db: Kysely<Database>, planId: number) {
  return (
    db
      .selectFrom('plan_items')
      .leftJoin('assets', 'assets.code', 'plan_items.asset_code')
      .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
      .select([
        'plan_items.facility_code',
        'facilities.code as asset_facility',
        'plan_items.action',
        'plan_items.fiscal_year',
        'plan_items.reason'
      ])
      .where('plan_items.plan_id', '=', planId)
      // What is still to come: not cancelled, not done.
      .where('plan_items.status', 'not in', ['cancelled', 'done'])
      .execute()
  );
}

/** A plan's items not cancelled, counted by action. */
export function planActionCounts(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom('plan_items')
    .select(['action', db.fn.countAll<number>().as('n')])
    .where('plan_id', '=', planId)
    .where('status', '!=', 'cancelled')
    .groupBy('action')
    .execute();
}

/** The buildings in service of a facility in service. */
export function activeBuildingsOf(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('assets')
    .innerJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.name',
      'assets.year_built',
      'assets.structure',
      'assets.quantity',
      'assets.condition_grade',
      'assets.floors'
    ])
    .where('facilities.code', '=', code)
    .where('facilities.status', '=', 'active')
    .where('assets.asset_class', '=', 'building')
    .where('assets.status', '=', 'active')
    .orderBy('assets.code')
    .execute();
}

/** The bridges in service with their extent. */
export function activeBridgeRows(db: Kysely<Database>) {
  return db
    .selectFrom('assets')
    .select([
      'code',
      'name',
      'year_built',
      'condition_grade',
      'min_lon',
      'min_lat',
      'max_lon',
      'max_lat'
    ])
    .where('asset_class', '=', 'bridge')
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
}

/** A plan's items not cancelled, by year, with their facility (directly or through the asset). */
export function planItemRowsFor(db: Kysely<Database>, planId: number) {
  return db
    .selectFrom('plan_items')
    .leftJoin('assets', 'assets.code', 'plan_items.asset_code')
    .leftJoin('facilities as via', 'via.id', 'assets.facility_id')
    .leftJoin('facilities', 'facilities.code', 'plan_items.facility_code')
    .select([
      'plan_items.id',
      'plan_items.action',
      'plan_items.fiscal_year',
      'plan_items.reason',
      'facilities.code as facility_code',
      'facilities.name as facility_name',
      'via.code as via_code',
      'via.name as via_name',
      'assets.name as asset_name'
    ])
    .where('plan_items.plan_id', '=', planId)
    .where('plan_items.status', '!=', 'cancelled')
    .orderBy('plan_items.fiscal_year')
    .orderBy('plan_items.id')
    .execute();
}
