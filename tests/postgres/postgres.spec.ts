/**
 * What only PostgreSQL does: numbers that `pg` would hand over as strings, connections the server
 * ends under a running Hozen, a database missing on the server. Run by `npm run test:pg` only
 * (the `postgres` test project exists when HOZEN_TEST_PG names a cluster).
 */
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { testDatabase } from '../integration/helpers/temp-db';

describe('on PostgreSQL', () => {
  it('names a database that does not exist on the server', () => {
    const url = new URL(process.env.HOZEN_TEST_PG!);
    url.pathname = '/no_such_database';
    const { status, stderr } = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/migrate.ts'],
      {
        env: { ...process.env, DATABASE_URL: url.toString() },
        encoding: 'utf8'
      }
    );
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(
      /^hozen: DATABASE_URL postgres:\/\/hozen@127\.0\.0\.1:\d+\/no_such_database: the database does not exist \(create it first: createdb NAME\)$/
    );
  });

  it('gives counts and sums as numbers, as SQLite does', async () => {
    const db = await testDatabase('numbers');
    await migrateToLatest(db);
    await seedDemoCity(db);
    const row = await db
      .selectFrom('assets')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('year_built').as('years'),
        eb.fn.sum<number>('acquisition_yen').as('yen')
      ])
      .executeTakeFirstOrThrow();
    expect(typeof row.n).toBe('number');
    expect(row.n).toBeGreaterThan(30_000);
    expect(typeof row.years).toBe('number');
    // A bigint column comes back as a number too.
    const cost = await db
      .selectFrom('facilities')
      .select('running_cost_yen')
      .where('running_cost_yen', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(typeof cost.running_cost_yen).toBe('number');
    await db.destroy();
  }, 120_000);

  it('goes on when the server ends its connections (a restart, a failover)', async () => {
    const db = await testDatabase('terminated');
    await migrateToLatest(db);
    // Several pooled connections, idle afterwards.
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(db)));
    const name = await databaseName(db);
    const other = await testDatabase('terminator');
    const { rows } = await sql<{ ended: boolean }>`
      select pg_terminate_backend(pid) as ended from pg_stat_activity
      where datname = ${name} and pid <> pg_backend_pid()`.execute(other);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ended)).toBe(true);
    // Let the pool hear of it; the process must still be here and the next query answered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(after.rows[0]!.one).toBe(1);
    await Promise.all([db.destroy(), other.destroy()]);
  });
});

async function databaseName(db: Awaited<ReturnType<typeof testDatabase>>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]!.name;
}
