/**
 * The facilities' plan as the engines take it: the policies chosen on the record cards, the
 * facilities the plan will build, and the city's demolition cost (setting
 * `demolition_cost_yen_per_m2`; none set: closures are not costed).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { facilityPolicyOverrides, type Override } from '../../engine/overrides';

/** The yen per ㎡ a closed building costs to demolish, or null when the city has not set it. */
export async function demolitionCostPerM2(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'demolition_cost_yen_per_m2')
    .executeTakeFirst();
  const value = Number(row?.value);
  return row && Number.isFinite(value) && value > 0 ? value : null;
}

/** Every override the facilities' plan stands for. */
export async function facilityPlanOverrides(db: Kysely<Database>): Promise<Override[]> {
  const [rows, demolition] = await Promise.all([
    db
      .selectFrom('facilities')
      .select([
        'code',
        'category',
        'status',
        'policy',
        'policy_year',
        'planned_year',
        'planned_area_m2',
        'planned_structure'
      ])
      .where((eb) => eb.or([eb('policy', '!=', 'standard'), eb('status', '=', 'planned')]))
      .orderBy('code')
      .execute(),
    demolitionCostPerM2(db)
  ]);
  return rows.flatMap((row) => facilityPolicyOverrides(row, demolition));
}
