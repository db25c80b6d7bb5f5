/**
 * Getting a database ready to serve: the checks that never write, the migrations, and the demo
 * city when the database is empty. Used by `npm start`, by the server at start-up and by scripts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { openDatabase, preflightDatabaseFile } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { isDatabaseEmpty, seedDemoCity, type SeedReport } from './demo-seed.service';
import { ensureBuiltinStandards } from '../repositories/standards.repository';

export interface PrepareOptions {
  /** Seed the demo city when the database holds no facilities and no assets. */
  seedIfEmpty: boolean;
  seed?: number;
}

export interface PreparedDatabase {
  db: Kysely<Database>;
  created: boolean;
  migrationsApplied: string[];
  seeded: SeedReport | null;
}

/**
 * Opens `file` (creating it if missing), applies every migration and, if asked, seeds the demo
 * city into an empty database. Throws `DatabaseFileError` for a file that cannot be used; nothing
 * is written to such a file.
 */
export async function prepareDatabase(
  file: string,
  options: PrepareOptions
): Promise<PreparedDatabase> {
  const state = preflightDatabaseFile(file);
  const db = openDatabase(file, { skipPreflight: true });
  try {
    const { applied } = await migrateToLatest(db);
    await ensureBuiltinStandards(db, new Date().toISOString());
    const seeded =
      options.seedIfEmpty && (await isDatabaseEmpty(db))
        ? await seedDemoCity(db, { seed: options.seed })
        : null;
    return { db, created: state !== 'sqlite', migrationsApplied: applied, seeded };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
