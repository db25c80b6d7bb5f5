import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { fiscalYearOf } from '../../engine/asset-classes';

/** All settings as a key → value record. */
export async function getSettings(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/**
 * The fiscal year the data describes (setting `data_as_of_year`), else the fiscal year of today
 * (April to March): the one rule every page, export and run starts from.
 */
export function asOfYearOf(settings: Record<string, string>, today = new Date()): number {
  return (
    Number(settings.data_as_of_year) || fiscalYearOf(today.getFullYear(), today.getMonth() + 1)
  );
}

/** The fiscal year the data describes, read from the settings. */
export async function asOfYear(db: Kysely<Database>): Promise<number> {
  return asOfYearOf(await getSettings(db));
}

/** Sets one setting (created or replaced). */
export async function putSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Removes one setting. */
export async function deleteSetting(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/** The city's population as set (null: not set). */
export async function cityPopulation(db: Kysely<Database>): Promise<number | null> {
  const n = Number((await getSettings(db)).city_population);
  return Number.isFinite(n) && n > 0 ? n : null;
}
