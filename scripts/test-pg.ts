/**
 * `npm run test:pg [-- vitest arguments]`: the integration suite on PostgreSQL. Starts a throwaway
 * cluster (Debian's initdb + pg_ctl in a temporary folder, on a free loopback port), runs
 * `vitest run --project integration --project postgres` with HOZEN_TEST_PG set to it (every test
 * database is then a new PostgreSQL database; tests/postgres/ holds what only PostgreSQL does),
 * stops the cluster and deletes it, and exits with vitest's status.
 */
import { spawnSync } from 'node:child_process';
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
  let status: number;
  try {
    const result = spawnSync(
      'npx',
      [
        'vitest',
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
    status = result.status ?? 1;
  } finally {
    cluster.stop();
  }
  process.exit(status);
});
