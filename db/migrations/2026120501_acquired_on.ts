/**
 * 取得年月日: the date an asset was acquired, as the fixed-asset register (固定資産台帳) gives it —
 * ISO text (YYYY-MM-DD) or null. The year built stays the fiscal year the engines age an asset
 * from; this date places the first year's depreciation by month (統一的な基準, the plan report's
 * 有形固定資産減価償却率). Portable: ADD COLUMN on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('acquired_on', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').dropColumn('acquired_on').execute();
}
