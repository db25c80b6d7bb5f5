/**
 * Getting a database ready to serve: the checks that never write, the migrations, the demo
 * city when the database is empty, and an administrator when it has no account. Used by `npm start`, by the server at start-up and by scripts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { openTarget, preflightTarget, targetOf, type DatabaseTarget } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { isDatabaseEmpty, seedDemoCity, type SeedReport } from './demo-seed.service';
import { createFromPreset } from './scenarios.service';
import { PRESETS } from '../../scenario';
import { ensureBuiltinStandards } from '../repositories/standards.repository';
import { ensureFirstAdmin } from './auth.service';

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
  /** The administrator created because the database had no account (its password, once). */
  firstAdmin: { username: string; password: string } | null;
}

/**
 * Opens the database (a SQLite file path, created if missing, or a target), applies every
 * migration and, if asked, seeds the demo city into an empty database. Throws `DatabaseFileError`
 * for a database that cannot be used; nothing is written to it.
 */
export async function prepareDatabase(
  where: string | DatabaseTarget,
  options: PrepareOptions
): Promise<PreparedDatabase> {
  const target: DatabaseTarget = typeof where === 'string' ? targetOf(where) : where;
  const state = await preflightTarget(target);
  const db = await openTarget(target, { skipPreflight: true });
  try {
    const { applied } = await migrateToLatest(db);
    await ensureBuiltinStandards(db, new Date().toISOString());
    const seeded =
      options.seedIfEmpty && (await isDatabaseEmpty(db))
        ? await seedDemoCity(db, { seed: options.seed })
        : null;
    // The demo city opens with the four presets to compare: the national method, life extension,
    // the cap at the recent investment and the demo's own plan (個別施設計画).
    if (seeded) {
      const who = { username: 'system', now: new Date().toISOString() };
      for (const preset of PRESETS) await createFromPreset(db, preset, who);
    }
    const firstAdmin = options.seedIfEmpty ? await ensureFirstAdmin(db) : null;
    return {
      db,
      created: state === 'missing' || state === 'empty',
      migrationsApplied: applied,
      seeded,
      firstAdmin
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** What the console says when the first administrator was created (the only time it is shown). */
export function firstAdminMessage(
  admin: { username: string; password: string },
  loginUrl: string
): string {
  return [
    'First start: an administrator account was created.',
    `  Sign in at ${loginUrl} as "${admin.username}" with the password: ${admin.password}`,
    '  (shown only this once; add users under 管理 › ユーザー管理, or with `npm run user:add`)'
  ].join('\n');
}
