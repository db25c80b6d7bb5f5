/**
 * Council links keep the SHA-256 of their token, as sessions do, not the token: a copy of the
 * database (a backup) opens no link. The link is shown in full once, when it is made; afterwards
 * it is named by its first six characters (`token_prefix`) and revoked by its id. Existing links
 * keep working: their tokens are hashed here.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('share_links').renameColumn('token', 'token_hash').execute();
  await db.schema.alterTable('share_links').addColumn('token_prefix', 'text').execute();
  const rows = await db.selectFrom('share_links').select(['id', 'token_hash']).execute();
  for (const row of rows as { id: number; token_hash: string }[])
    await db
      .updateTable('share_links')
      .set({ token_hash: sha256(row.token_hash), token_prefix: row.token_hash.slice(0, 6) })
      .where('id', '=', row.id)
      .execute();
  await sql`UPDATE share_links SET token_prefix = '' WHERE token_prefix IS NULL`.execute(db);
}

/** The schema as before; the links made or hashed since open nothing any more (a hash is not a token). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('share_links').dropColumn('token_prefix').execute();
  await db.schema.alterTable('share_links').renameColumn('token_hash', 'token').execute();
}
