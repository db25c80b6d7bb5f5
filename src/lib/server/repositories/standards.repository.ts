/**
 * Standards: the built-in ones live in code (src/lib/engine/standards) and are mirrored into the
 * `standards` table so scenarios can refer to them; custom standards (a user's edited copy) are
 * stored as a checked JSON document in `standards.params`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { writeAudit } from './audit.repository';
import { parseStandard, type Standard } from '../../engine/standard';
import { BUILTIN_STANDARDS } from '../../engine/standards/index';

/**
 * Writes the rows of the built-in standards, or refreshes those whose definition changed in code.
 * Idempotent, and writes nothing when the rows are current (it runs at every start).
 */
export async function ensureBuiltinStandards(db: Kysely<Database>, now: string): Promise<void> {
  const stored = new Map(
    (
      await db
        .selectFrom('standards')
        .select(['key', 'params'])
        .where('is_builtin', '=', 1)
        .execute()
    ).map((row) => [row.key, row.params])
  );
  for (const standard of Object.values(BUILTIN_STANDARDS)) {
    const params = JSON.stringify(standard);
    if (stored.get(standard.key) === params) continue;
    const values = {
      name_ja: standard.nameJa,
      name_en: standard.nameEn,
      description: standard.description,
      is_builtin: 1,
      params,
      updated_at: now
    };
    await db
      .insertInto('standards')
      .values({ key: standard.key, based_on_id: null, created_at: now, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

/** A standard by key: built-in from code, custom from the database (checked), or null. */
export async function getStandard(db: Kysely<Database>, key: string): Promise<Standard | null> {
  const builtin = BUILTIN_STANDARDS[key];
  if (builtin) return builtin;
  const row = await db
    .selectFrom('standards')
    .select(['params'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row?.params) return null;
  const parsed = parseStandard(JSON.parse(row.params));
  if (!parsed.ok)
    throw new Error(`standard "${key}" in the database is invalid: ${parsed.errors.join('; ')}`);
  return parsed.standard;
}

/** Keys of every standard, built-in first. */
export async function listStandardKeys(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('standards')
    .select(['key', 'is_builtin'])
    .orderBy('is_builtin', 'desc')
    .orderBy('key')
    .execute();
  const keys = new Set([...Object.keys(BUILTIN_STANDARDS), ...rows.map((r) => r.key)]);
  return [...keys];
}

/**
 * Stores a user's copy of a standard (new key), recording it in the audit log.
 * @throws if the key exists or the standard is invalid; nothing is written then.
 */
export async function saveCustomStandard(
  db: Kysely<Database>,
  standard: unknown,
  options: { basedOn: string; now: string; username: string | null }
): Promise<Standard> {
  const parsed = parseStandard(standard);
  if (!parsed.ok) throw new Error(`invalid standard: ${parsed.errors.join('; ')}`);
  const value = parsed.standard;
  if (BUILTIN_STANDARDS[value.key])
    throw new Error(`"${value.key}" is a built-in standard; give the copy another key`);
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('standards')
      .select('id')
      .where('key', '=', value.key)
      .executeTakeFirst();
    if (exists) throw new Error(`a standard with the key "${value.key}" already exists`);
    const base = await trx
      .selectFrom('standards')
      .select('id')
      .where('key', '=', options.basedOn)
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('standards')
      .values({
        key: value.key,
        name_ja: value.nameJa,
        name_en: value.nameEn,
        description: value.description,
        is_builtin: 0,
        based_on_id: base?.id ?? null,
        params: JSON.stringify(value),
        created_at: options.now,
        updated_at: options.now
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      { username: options.username, now: options.now },
      {
        action: 'create',
        entity: 'standard',
        entityId: String(inserted.id),
        before: null,
        after: value,
        note: `copy of ${options.basedOn}`
      }
    );
    return value;
  });
}
