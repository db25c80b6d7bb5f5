import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { latestMigrationName, migrateToLatest } from '../../src/lib/server/db/migrate';
import { migrations } from '../../db/migrations/index';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
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

  it('keep every row of a database filled with the demo city at the first schema', async () => {
    // The demo city, seeded at the latest schema, is the source of the rows.
    const sourceFile = path.join(dir, 'source.sqlite');
    const source = openDatabase(sourceFile);
    await migrateToLatest(source);
    await seedDemoCity(source);
    await source.destroy();
    // A database at the first schema only, filled with those rows (the first schema's columns).
    const oldFile = path.join(dir, 'old.sqlite');
    const old = openDatabase(oldFile);
    const { Migrator } = await import('kysely');
    const first = Object.keys(migrations).sort()[0]!;
    const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(first)).error).toBeUndefined();
    await old.destroy();
    const from = new SqliteDatabase(sourceFile, { readonly: true });
    const to = new SqliteDatabase(oldFile);
    const tables = (
      to
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'"
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const columnsOf = (db: SqliteDatabase.Database, table: string) =>
      (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    const firstColumns = new Map(tables.map((t) => [t, columnsOf(to, t)]));
    const counts = new Map<string, number>();
    to.pragma('foreign_keys = OFF');
    to.transaction(() => {
      for (const table of tables) {
        const cols = firstColumns.get(table)!;
        const list = cols.map((c) => `"${c}"`).join(', ');
        const rows = from.prepare(`SELECT ${list} FROM "${table}"`).all() as Record<
          string,
          unknown
        >[];
        const insert = to.prepare(
          `INSERT INTO "${table}" (${list}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
        );
        for (const row of rows) insert.run(row);
        counts.set(table, rows.length);
      }
    })();
    to.close();
    expect(counts.get('assets')).toBeGreaterThan(30_000);
    expect(counts.get('facilities')).toBeGreaterThan(300);
    // Up to the latest schema.
    const upgraded = openDatabase(oldFile);
    const report = await migrateToLatest(upgraded);
    expect(report.applied).toEqual(Object.keys(migrations).sort().slice(1));
    await upgraded.destroy();
    // Every row, every value of the first schema's columns, is still there.
    const after = new SqliteDatabase(oldFile, { readonly: true });
    for (const table of tables) {
      const list = firstColumns
        .get(table)!
        .map((c) => `"${c}"`)
        .join(', ');
      const order = firstColumns.get(table)!.includes('id') ? 'id' : '1';
      const query = `SELECT ${list} FROM "${table}" ORDER BY ${order}, ${list}`;
      expect(after.prepare(query).all(), table).toEqual(from.prepare(query).all());
    }
    // The columns added later hold their defaults.
    const policies = after.prepare('SELECT DISTINCT policy FROM facilities').all();
    expect(policies).toEqual([{ policy: 'standard' }]);
    after.close();
    from.close();
  }, 180_000);
});
