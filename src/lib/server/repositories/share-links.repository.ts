/** Council links to scenario comparisons: by the token's hash, never the token itself. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ShareLinksTable } from '../db/database';

export async function insertShareLink(
  db: Kysely<Database>,
  row: Insertable<ShareLinksTable>
): Promise<void> {
  await db.insertInto('share_links').values(row).execute();
}

/** The links to one comparison (its scenario ids, in order), newest first. */
export function shareLinksOf(db: Kysely<Database>, scenarioIds: string) {
  return db
    .selectFrom('share_links')
    .select(['id', 'token_prefix', 'scenario_ids', 'created_at', 'created_by', 'revoked_at'])
    .where('scenario_ids', '=', scenarioIds)
    .orderBy('id', 'desc')
    .execute();
}

/** A link still in force by its id (its token's first characters), or undefined. */
export function liveShareLink(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('share_links')
    .select('token_prefix')
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** A link still in force by its token's hash, or undefined. */
export function liveShareLinkByHash(db: Kysely<Database>, hash: string) {
  return db
    .selectFrom('share_links')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeShareLinkRow(
  db: Kysely<Database>,
  id: number,
  now: string
): Promise<void> {
  await db.updateTable('share_links').set({ revoked_at: now }).where('id', '=', id).execute();
}
