/**
 * `npm run test:pg [-- vitest arguments]`: the integration suite on PostgreSQL. Starts a throwaway
 * cluster (Debian's initdb + pg_ctl in a temporary folder, on a free loopback port), runs
 * `vitest run --project integration --project postgres` with HOZEN_TEST_PG set to it (every test
 * database is then a new PostgreSQL database; tests/postgres/ holds what only PostgreSQL does),
 * stops the cluster and deletes it, and exits with vitest's status.
 */
import { spawn } from 'node:child_process';
import { startCluster } from './lib/pg-cluster';
import { runCli } from './lib/cli';

/**
 * Test files about SQLite files themselves, which a PostgreSQL database has no counterpart of
 * (their PostgreSQL side is tested in the files that do run).
 */
const SQLITE_FILE_TESTS = [
  // MBTiles basemaps are SQLite files whatever the app's database is.
  'tests/integration/mbtiles.spec.ts'
];

runCli(async () => {
  const cluster = await startCluster();
  console.log(`test:pg: PostgreSQL cluster on 127.0.0.1:${cluster.port}`);
  // vitest itself, not through npx: a signal forwarded to it reaches the test run.
  const child = spawn(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--project',
      'integration',
      '--project',
      'postgres',
      ...SQLITE_FILE_TESTS.flatMap((file) => ['--exclude', file]),
      ...process.argv.slice(2)
    ],
    { stdio: 'inherit', env: { ...process.env, HOZEN_TEST_PG: cluster.url() } }
  );
  // Interrupted (Ctrl-C, a CI timeout): the tests stop first, then the cluster is stopped and
  // deleted all the same — none is left running.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const status = await new Promise<number>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  );
  cluster.stop();
  process.exit(status);
});
