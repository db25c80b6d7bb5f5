import fs from 'node:fs';
import path from 'node:path';
import { Migrator, NO_MIGRATIONS, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { latestMigrationName, migrateToLatest } from '../../src/lib/server/db/migrate';
import { isPostgres } from '../../src/lib/server/db/postgres';
import { insertInBatches } from '../../src/lib/server/db/batch';
import type { Database } from '../../src/lib/server/db/database';
import { migrations } from '../../db/migrations/index';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { onPostgres, testDatabase } from './helpers/temp-db';

/** The schema as the database records it: every table, column, default and index. */
async function schemaOf(db: Kysely<Database>): Promise<string> {
  if (!isPostgres(db)) {
    const { rows } = await sql`SELECT type, name, sql FROM sqlite_master
      WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`.execute(db);
    return JSON.stringify(rows);
  }
  const columns = await sql`SELECT table_name, column_name, data_type, is_nullable, column_default,
      is_identity FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, ordinal_position`.execute(db);
  const indexes = await sql`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' ORDER BY tablename, indexname`.execute(db);
  const constraints = await sql`SELECT conrelid::regclass::text AS t, conname,
      pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`.execute(db);
  return JSON.stringify([columns.rows, indexes.rows, constraints.rows]);
}

const migrator = (db: Kysely<Database>) =>
  new Migrator({ db, provider: { getMigrations: async () => migrations } });

/** Tables in an order that inserts parents before the rows that reference them. */
const PARENTS_FIRST = ['settings', 'facilities', 'assets', 'standards', 'users', 'scenarios'];

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

  it('run on the database the suite was started for', async () => {
    const db = await testDatabase('engine');
    expect(isPostgres(db)).toBe(onPostgres);
    const { rows } = await sql<{ v: string }>`SELECT ${sql.raw(
      onPostgres ? 'version()' : 'sqlite_version()'
    )} AS v`.execute(db);
    expect(rows[0]!.v).toMatch(onPostgres ? /^PostgreSQL \d+/ : /^3\.\d+/);
    await db.destroy();
  });

  it('bring a fresh database to the latest schema with every table the app needs', async () => {
    const db = await testDatabase('fresh');
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
    const db = await testDatabase('twice');
    await migrateToLatest(db);
    const before = await schemaOf(db);
    expect(before).toContain('assets');
    const report = await migrateToLatest(db);
    expect(report.applied).toEqual([]);
    expect(await schemaOf(db)).toBe(before);
    await db.destroy();
  });

  it('turn on WAL journaling (SQLite) and foreign keys', async () => {
    const db = await testDatabase('pragmas');
    await migrateToLatest(db);
    if (!onPostgres) {
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(rows[0]!.journal_mode).toBe('wal');
    }
    // Foreign keys are per connection on SQLite: check on the app's own connection by breaking one.
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
    ).rejects.toThrow(/foreign key/i);
    await db.destroy();
  });

  it('roll back to an empty database and forward again', async () => {
    const db = await testDatabase('down');
    await migrateToLatest(db);
    const down = await migrator(db).migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const left = (await db.introspection.getTables()).map((t) => t.name);
    expect(left).toEqual([]);
    expect((await migrateToLatest(db)).applied).toEqual(Object.keys(migrations).sort());
    await db.destroy();
  });

  it('keep every row of a database filled with the demo city at the first schema', async () => {
    // The demo city, seeded at the latest schema, is the source of the rows.
    const source = await testDatabase('source');
    await migrateToLatest(source);
    await seedDemoCity(source);
    // A database at the first schema only, filled with those rows (the first schema's columns).
    const old = await testDatabase('old');
    const first = Object.keys(migrations).sort()[0]!;
    expect((await migrator(old).migrateTo(first)).error).toBeUndefined();
    const firstTables = await old.introspection.getTables();
    const rank = (t: string) => PARENTS_FIRST.indexOf(t) + 1 || PARENTS_FIRST.length + 1;
    // (Tables a later migration dropped — empty, never used — have no rows to keep.)
    const latest = new Set((await source.introspection.getTables()).map((t) => t.name));
    const tables = firstTables
      .map((t) => t.name)
      .filter((t) => latest.has(t))
      .sort((a, b) => rank(a) - rank(b));
    const firstColumns = new Map(firstTables.map((t) => [t.name, t.columns.map((c) => c.name)]));
    const select = (db: Kysely<Database>, table: string) => {
      const columns = firstColumns.get(table)!;
      const query = db.selectFrom(table as keyof Database).select(columns as never[]);
      return columns.reduce((q, c) => q.orderBy(sql.ref(c)), query).execute();
    };
    const counts = new Map<string, number>();
    await old.transaction().execute(async (trx) => {
      for (const table of tables) {
        const rows = await select(source, table);
        await insertInBatches(trx, table as keyof Database, rows as never[]);
        counts.set(table, rows.length);
      }
    });
    expect(counts.get('assets')).toBeGreaterThan(30_000);
    expect(counts.get('facilities')).toBeGreaterThan(300);
    // Up to the latest schema.
    const report = await migrateToLatest(old);
    expect(report.applied).toEqual(Object.keys(migrations).sort().slice(1));
    // Every row, every value of the first schema's columns, is still there.
    for (const table of tables) {
      expect(await select(old, table), table).toEqual(await select(source, table));
    }
    // The columns added later hold their defaults.
    const policies = await old.selectFrom('facilities').select('policy').distinct().execute();
    expect(policies).toEqual([{ policy: 'standard' }]);
    await Promise.all([old.destroy(), source.destroy()]);
  }, 180_000);
});
