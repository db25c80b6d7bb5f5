/**
 * A reading of the database computed once per state of the data (its revision key): callers until
 * the next change share one promise; a failed computation is forgotten, so the next call tries
 * again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { revisionKey } from '../repositories/revision.repository';

export function perRevision<T>(
  compute: (db: Kysely<Database>) => Promise<T>
): (db: Kysely<Database>) => Promise<T> {
  const cache = new WeakMap<Kysely<Database>, { key: string; value: Promise<T> }>();
  return async (db) => {
    const key = await revisionKey(db);
    let entry = cache.get(db);
    if (entry?.key !== key) {
      const fresh = { key, value: compute(db) };
      cache.set(db, fresh);
      fresh.value.catch(() => {
        if (cache.get(db) === fresh) cache.delete(db);
      });
      entry = fresh;
    }
    return entry.value;
  };
}
