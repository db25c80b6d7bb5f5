/**
 * `npm run bench:load [-- --seconds 30 --connections 50 --runs 3 --pg]`: Hozen under load. It starts Hozen as
 * `npm start` does on a fresh database with the demo city and two scenarios, signs in as a council
 * member (viewer), then autocannon sends requests from `--connections` connections for
 * `--seconds`, spread over a mix of what council reads: map tiles around the city centre at
 * several zooms, a facility's record card, and the comparison of the two scenarios. It reports the
 * latency percentiles (p50, p95, p99), the requests per second and every error or non-2xx answer
 * (there must be none), per run and the median of the runs; then the same for anonymous readers of
 * the public pages (the portal published, the per-address limit raised: one address sends it
 * all). Target: p95 under 300 ms. On SQLite by default; with `--pg`, on a throwaway
 * PostgreSQL cluster (Debian's initdb + pg_ctl, loopback) through DATABASE_URL.
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget, type DatabaseTarget } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import { createFromPreset } from '../src/lib/server/services/scenarios.service';
import { putSetting } from '../src/lib/server/repositories/settings.repository';
import { CITY_CENTER } from '../src/lib/demo-city/demo-city-land';
import { intFlag, parseFlags, runCli } from './lib/cli';
import { makeAccount, signInOverHttp, startServer, stopServer } from './lib/server-process';
import { startCluster, type Cluster } from './lib/pg-cluster';

/** The XYZ tile holding a point at a zoom. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

/** One load run: autocannon over the paths in turn; the result and every response time, sorted. */
async function load(
  url: string,
  session: string | null,
  paths: string[],
  connections: number,
  seconds: number
): Promise<{ result: autocannon.Result; times: number[] }> {
  let next = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: session ? { cookie: `hozen_session=${session}` } : {},
        requests: [
          { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }
        ]
      },
      (error, done) => (error ? reject(error) : resolve(done))
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return { result, times };
}

/** requests | req/s | p50 | p95 | p99 | max | errors | timeouts | non-2xx */
const formatRow = (row: number[]) =>
  row.map((v, i) => (i >= 2 && i <= 5 ? `${Math.round(v)} ms` : String(v))).join(' | ');

/** `runs` load runs over `paths`, each row printed, then the median; throws on any error. */
async function measure(
  url: string,
  session: string | null,
  paths: string[],
  connections: number,
  seconds: number,
  runs: number
) {
  console.log('run | requests | req/s | p50 | p95 | p99 | max | errors | timeouts | non-2xx');
  const rows: number[][] = [];
  for (let run = 1; run <= runs; run++) {
    const { result, times } = await load(url, session, paths, connections, seconds);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    const row = [
      times.length,
      Math.round(result.requests.average),
      at(0.5),
      at(0.95),
      at(0.99),
      times.at(-1) ?? 0,
      result.errors,
      result.timeouts,
      result.non2xx
    ];
    rows.push(row);
    console.log(`${run} | ${formatRow(row)}`);
  }
  const median = rows[0]!.map((_, column) => {
    const values = rows.map((r) => r[column]!).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  });
  console.log(`median | ${formatRow(median)}`);
  const failed = rows.filter((r) => r[6] || r[7] || r[8]);
  if (failed.length)
    throw new Error(
      `errors, timeouts or answers not 2xx under load in ${failed.length} run(s): ${failed.map((r) => r.slice(6).join('/')).join(', ')}`
    );
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    seconds: 'string',
    connections: 'string',
    runs: 'string',
    pg: 'boolean'
  });
  const runs = intFlag(flags.runs, '--runs', 1, 20, 3);
  const seconds = intFlag(flags.seconds, '--seconds', 1, 3600, 30);
  const connections = intFlag(flags.connections, '--connections', 1, 1000, 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-load-'));
  let cluster: Cluster | undefined;
  try {
    let file: DatabaseTarget = { kind: 'sqlite', file: path.join(dir, 'demo.sqlite') };
    if (flags.pg) {
      cluster = await startCluster({ stopOnSignal: true });
      cluster.createDatabase('hozen_bench');
      file = { kind: 'postgres', url: cluster.url('hozen_bench') };
    }
    const engine = flags.pg ? 'PostgreSQL' : 'SQLite';
    const db = await openTarget(file);
    await migrateToLatest(db);
    await seedDemoCity(db);
    const who = { username: 'bench', now: new Date().toISOString() };
    const ids = [
      await createFromPreset(db, 'baseline', who),
      await createFromPreset(db, 'longevity', who)
    ];
    await putSetting(db, 'public_portal', JSON.stringify({ enabled: true, layers: ['building'] }));
    // Facilities in service, every 40th: the public pages a reader would open.
    const facilities = (
      await db
        .selectFrom('facilities')
        .select('code')
        .where('status', '=', 'active')
        .orderBy('code')
        .execute()
    )
      .filter((_, k) => k % 40 === 0)
      .map((r) => r.code);
    await db.destroy();
    process.env.HOZEN_PUBLIC_PER_MINUTE = '1000000';
    const account = await makeAccount(file, 'bench-viewer', 'viewer');
    const { url, child } = await startServer(file);
    try {
      const session = await signInOverHttp(url, account);
      const tiles: string[] = [];
      for (const z of [12, 13, 14, 15]) {
        const [x, y] = tileOf(CITY_CENTER.lon, CITY_CENTER.lat, z);
        for (const dx of [-1, 0, 1])
          for (const dy of [-1, 0, 1])
            tiles.push(
              `/api/tiles/basemap,hazards,roads,bridges,buildings/${z}/${x + dx}/${y + dy}.pbf`
            );
      }
      const paths = [
        ...tiles,
        '/facilities/F0012',
        '/facilities/F0100',
        `/scenarios/compare?ids=${ids.join(',')}`
      ];
      // Warm what a first visitor would: the map index, the scenario runs.
      for (const p of paths)
        await fetch(`${url}${p}`, { headers: { cookie: `hozen_session=${session}` } }).then((r) =>
          r.arrayBuffer()
        );
      console.log(
        `Load, demo city on ${engine} (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}): ${connections} connections for ${seconds} s as a viewer over ${tiles.length} map tiles, 2 record cards and a comparison of 2 scenarios; ${runs} run(s)`
      );
      await measure(url, session, paths, connections, seconds, runs);

      // The public pages, read without an account: the front page, the list, districts, facility pages,
      // the map and the open data. (One address sends it all: its per-address limit is raised.)
      const publicPaths = [
        '/public',
        '/public/facilities',
        '/public/map',
        '/public/open-data',
        '/public/consultations',
        `/public/district?q=${encodeURIComponent('志太4丁目')}`,
        `/public/district?place=${encodeURIComponent('駅前2丁目')}`,
        ...facilities.map((code) => `/public/facilities/${code}`)
      ];
      for (const p of publicPaths) await fetch(`${url}${p}`).then((r) => r.arrayBuffer());
      console.log(
        `Anonymous readers of the public pages: ${connections} connections for ${seconds} s over ${publicPaths.length} pages; ${runs} run(s)`
      );
      await measure(url, null, publicPaths, connections, seconds, runs);
    } finally {
      await stopServer(child);
    }
  } finally {
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
