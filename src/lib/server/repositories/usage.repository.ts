/** Each facility's use per fiscal year (利用者数, 運営費, 定員, 在籍), and the card's figures it feeds. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, FacilityUsageTable } from '../db/database';
import { insertInBatches } from '../db/batch';

/** Replaces the years the rows give for their facilities by the rows. */
export async function replaceUsageYears(
  db: Kysely<Database>,
  rows: readonly Insertable<FacilityUsageTable>[]
): Promise<void> {
  const years = new Map<number, number[]>();
  for (const r of rows)
    years.set(r.facility_id, [...(years.get(r.facility_id) ?? []), r.fiscal_year]);
  for (const [id, list] of years)
    await db
      .deleteFrom('facility_usage')
      .where('facility_id', '=', id)
      .where('fiscal_year', 'in', list)
      .execute();
  await insertInBatches(db, 'facility_usage', rows);
}

/** A facility's years of use, oldest first. */
export function usageYears(db: Kysely<Database>, facilityId: number) {
  return db
    .selectFrom('facility_usage')
    .select(['fiscal_year', 'users', 'cost_yen', 'capacity', 'enrolled'])
    .where('facility_id', '=', facilityId)
    .orderBy('fiscal_year')
    .execute();
}

/**
 * Sets a facility's card figures (yearly users, running cost) from the latest year that has each
 * (a figure no year has is left as it is); the facility's version moves on.
 */
export async function refreshCardFigures(
  db: Kysely<Database>,
  facilityId: number,
  now: string
): Promise<void> {
  const rows = await usageYears(db, facilityId);
  const users = rows.findLast((u) => u.users !== null)?.users ?? null;
  const cost = rows.findLast((u) => u.cost_yen !== null)?.cost_yen ?? null;
  await db
    .updateTable('facilities')
    .set((eb) => ({
      ...(users !== null ? { yearly_users: Math.round(users) } : {}),
      ...(cost !== null ? { running_cost_yen: cost } : {}),
      version: eb('version', '+', 1),
      updated_at: now
    }))
    .where('id', '=', facilityId)
    .execute();
}
