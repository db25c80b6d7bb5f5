import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { latestMigrationName, migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../db/migrations/index';
import { tempDir } from './helpers/temp-db';

const dir = tempDir();

/** The schema as SQLite records it: every table, index and column definition. */
function schemaOf(file: string): string {
  const sqlite = new SqliteDatabase(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
      )
      .all();
    return JSON.stringify(rows);
  } finally {
    sqlite.close();
  }
}

describe('migrations', () => {
  it('lists every migration file in db/migrations/index.ts', () => {
    const files = fs
      .readdirSync(path.resolve('db/migrations'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations).sort()).toEqual(files);
    expect(latestMigrationName()).toBe(files.at(-1));
  });

  it('bring a fresh database to the latest schema with every table the app needs', async () => {
    const file = path.join(dir, 'fresh.sqlite');
    const db = openDatabase(file);
    const report = await migrateToLatest(db);
    expect(report.applied).toEqual(Object.keys(migrations).sort());
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    for (const table of [
      'assets',
      'audit_log',
      'basemap_features',
      'facilities',
      'hazard_zones',
      'inspections',
      'lifecycle_policies',
      'scenario_overrides',
      'scenario_runs',
      'scenarios',
      'settings',
      'standards',
      'users'
    ]) {
      expect(tables).toContain(table);
    }
    const assetColumns = (await db.introspection.getTables())
      .find((t) => t.name === 'assets')!
      .columns.map((c) => c.name);
    for (const column of [
      'asset_class',
      'category',
      'year_built',
      'quantity',
      'unit',
      'structure',
      'material',
      'diameter_mm',
      'condition_grade',
      'importance',
      'status',
      'geometry',
      'min_lon',
      'min_lat',
      'max_lon',
      'max_lat'
    ]) {
      expect(assetColumns).toContain(column);
    }
    await db.destroy();
  });

  it('change nothing when run a second time', async () => {
    const file = path.join(dir, 'twice.sqlite');
    const first = openDatabase(file);
    await migrateToLatest(first);
    await first.destroy();
    const before = schemaOf(file);

    const second = openDatabase(file);
    const report = await migrateToLatest(second);
    await second.destroy();
    expect(report.applied).toEqual([]);
    expect(schemaOf(file)).toBe(before);
  });

  it('turn on WAL journaling and foreign keys', async () => {
    const file = path.join(dir, 'pragmas.sqlite');
    const db = openDatabase(file);
    await migrateToLatest(db);
    const sqlite = new SqliteDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();
    // Foreign keys are per connection: check on the app's own connection by breaking one.
    await expect(
      db
        .insertInto('inspections')
        .values({
          asset_id: 999_999,
          inspected_on: '2026-04-01',
          grade: 'A',
          soundness: null,
          inspector: null,
          note: null,
          created_at: 'now'
        })
        .execute()
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('roll back to an empty database and forward again', async () => {
    const file = path.join(dir, 'down.sqlite');
    const db = openDatabase(file);
    await migrateToLatest(db);
    const { Migrator, NO_MIGRATIONS } = await import('kysely');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const left = (await db.introspection.getTables()).map((t) => t.name);
    expect(left).toEqual([]);
    expect((await migrateToLatest(db)).applied).toEqual(Object.keys(migrations).sort());
    await db.destroy();
  });
});
