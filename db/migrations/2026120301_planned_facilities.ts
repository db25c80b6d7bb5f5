/**
 * A facility the plan will build (status `planned`, e.g. the 複合施設 others are consolidated into):
 * the fiscal year it opens, its planned floor area and structure. A scenario that applies the
 * facilities' policies builds it then. Portable: ADD COLUMN on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('facilities').addColumn('planned_year', 'integer').execute();
  await db.schema.alterTable('facilities').addColumn('planned_area_m2', 'real').execute();
  await db.schema.alterTable('facilities').addColumn('planned_structure', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('facilities').dropColumn('planned_structure').execute();
  await db.schema.alterTable('facilities').dropColumn('planned_area_m2').execute();
  await db.schema.alterTable('facilities').dropColumn('planned_year').execute();
}
