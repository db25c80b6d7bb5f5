/**
 * Databases for integration tests, on the engine the suite runs against: temporary SQLite files
 * (the default), or — under `npm run test:pg`, which sets HOZEN_TEST_PG to its throwaway
 * cluster's URL — a new PostgreSQL database per call. Removed when the test file ends.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openTarget, type DatabaseTarget } from '../../../src/lib/server/db/connection';
import type { Database } from '../../../src/lib/server/db/database';

/** The cluster's URL when the suite runs on PostgreSQL. */
const clusterUrl = process.env.HOZEN_TEST_PG?.trim() || null;

/** Whether this run of the suite is on PostgreSQL. */
export const onPostgres = clusterUrl !== null;

/** A fresh temporary folder, deleted when the test file ends. */
export function tempDir(prefix = 'hozen-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let folder: string | undefined;

export interface TestDatabase {
  target: DatabaseTarget;
  /** The environment a child process (npm start, a CLI script) needs to use this database. */
  env: Record<string, string>;
  /** Opens a new connection (pool) to it; the caller destroys it. */
  open(): Promise<Kysely<Database>>;
}

/** A new, empty database named after `name` (a SQLite file not yet created, or a new
 * PostgreSQL database). */
export async function testTarget(name: string): Promise<TestDatabase> {
  if (!clusterUrl) {
    folder ??= tempDir();
    const file = path.join(folder, `${name}-${randomBytes(3).toString('hex')}.sqlite`);
    const target: DatabaseTarget = { kind: 'sqlite', file };
    return {
      target,
      env: { HOZEN_DB: file, DATABASE_URL: '' },
      open: () => openTarget(target, { skipPreflight: true })
    };
  }
  const database = `t_${name.replace(/\W+/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  return {
    target,
    env: { DATABASE_URL: url.toString() },
    open: () => openTarget(target, { skipPreflight: true })
  };
}

/** A new, empty database, opened. The test file destroys it (as it would a SQLite one). */
export async function testDatabase(name: string): Promise<Kysely<Database>> {
  return (await testTarget(name)).open();
}
