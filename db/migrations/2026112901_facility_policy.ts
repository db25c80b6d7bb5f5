/**
 * The policy facilities staff choose for a facility on its record card: keep it under the
 * standard, extend its buildings' lives (長寿命化), consolidate it into another facility
 * (複合化・統廃合) or close it, with the fiscal year of the consolidation or closure.
 * Portable: ADD COLUMN on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('facilities')
    .addColumn('policy', 'text', (col) => col.notNull().defaultTo('standard'))
    .execute();
  await db.schema.alterTable('facilities').addColumn('policy_year', 'integer').execute();
  await db.schema.alterTable('facilities').addColumn('consolidate_into', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('facilities').dropColumn('consolidate_into').execute();
  await db.schema.alterTable('facilities').dropColumn('policy_year').execute();
  await db.schema.alterTable('facilities').dropColumn('policy').execute();
}
