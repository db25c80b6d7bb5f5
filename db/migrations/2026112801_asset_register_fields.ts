/**
 * The 固定資産台帳 (fixed-asset register) fields an import keeps with each asset: its acquisition
 * value (取得価額, yen) and statutory service life (耐用年数, years). Both optional.
 * Portable: ADD COLUMN on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('acquisition_yen', 'double precision').execute();
  await db.schema.alterTable('assets').addColumn('service_life_years', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').dropColumn('service_life_years').execute();
  await db.schema.alterTable('assets').dropColumn('acquisition_yen').execute();
}
