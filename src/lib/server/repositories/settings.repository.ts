import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** All settings as a key → value record. */
export async function getSettings(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}
