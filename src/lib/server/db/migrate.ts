/** Applying Hozen's migrations with Kysely's Migrator. */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from '../../../../db/migrations/index';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  /** Names applied by this call, in order (empty when already up to date). */
  applied: string[];
  /** The latest migration name known to this Hozen. */
  latest: string;
}

/**
 * Brings the database to the latest schema. All-or-nothing per migration (each runs in a
 * transaction); throws with the failing migration's name.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? '(setup)'} failed: ${reason}`);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied, latest: latestMigrationName() };
}

/** The name of the newest migration this version of Hozen knows. */
export function latestMigrationName(): string {
  const names = Object.keys(migrations).sort();
  return names[names.length - 1] ?? '';
}
