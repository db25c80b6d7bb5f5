/**
 * `npm run bench:stall [-- --runs 5 --loads 20]`: does heavy work stall everyone else? It starts
 * Hozen as `npm start` does on a fresh demo city, then per run loads the sign-in page `--loads`
 * times, one every 100 ms, twice — first with nothing else running (the reference), then while a
 * viewer's projection export (100 years under a budget of a few yen: the heaviest an export may
 * be) and finance's budget solver run — and reports p50/p95/max of both side by side, per run and
 * the median of the runs. Each run asks for a different budget, so no export comes from the cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget, type DatabaseTarget } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import { createFromPreset } from '../src/lib/server/services/scenarios.service';
import { intFlag, parseFlags, runCli } from './lib/cli';
import { makeAccount, signInOverHttp, startServer, stopServer } from './lib/server-process';

/**
 * Loads of the sign-in page, one sent every `every` ms without waiting for the others (so that a
 * stall of the server delays every load sent during it): each one's time (ms), sorted.
 */
async function signInPageLoads(url: string, loads: number, every = 100): Promise<number[]> {
  const times = await Promise.all(
    Array.from({ length: loads }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * every));
      const started = performance.now();
      const r = await fetch(`${url}/login`);
      await r.text();
      if (r.status !== 200) throw new Error(`/login answered ${r.status}`);
      return performance.now() - started;
    })
  );
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const figures = (t: number[]) => [at(t, 0.5), at(t, 0.95), t.at(-1)!];
const ms = (v: number) => `${v.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { runs: 'string', loads: 'string' });
  const runs = intFlag(flags.runs, '--runs', 1, 50, 5);
  const loads = intFlag(flags.loads, '--loads', 5, 1000, 20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-stall-'));
  try {
    const file: DatabaseTarget = { kind: 'sqlite', file: path.join(dir, 'demo.sqlite') };
    const db = await openTarget(file);
    await migrateToLatest(db);
    await seedDemoCity(db);
    const scenario = await createFromPreset(db, 'baseline', {
      username: 'bench',
      now: new Date().toISOString()
    });
    await db.destroy();
    const viewer = await makeAccount(file, 'bench-viewer', 'viewer');
    const finance = await makeAccount(file, 'bench-finance', 'finance');
    const { url, child } = await startServer(file);
    try {
      const cookie = async (account: typeof viewer) =>
        `hozen_session=${await signInOverHttp(url, account)}`;
      const [asViewer, asFinance] = [await cookie(viewer), await cookie(finance)];
      console.log(
        `Sign-in page while heavy work runs, demo city (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}): ${loads} loads 100 ms apart, idle and during a 100-year export under a budget of a few yen and the budget solver; ${runs} run(s)`
      );
      console.log('run | idle p50 | idle p95 | idle max | busy p50 | busy p95 | busy max | export');
      const rows: number[][] = [];
      for (let run = 1; run <= runs; run++) {
        const idle = await signInPageLoads(url, loads);
        const started = performance.now();
        const heavy = fetch(`${url}/export/projection.xlsx?years=100&budget=${run}`, {
          headers: { cookie: asViewer }
        }).then(async (r) => {
          await r.arrayBuffer();
          if (r.status !== 200) throw new Error(`the export answered ${r.status}`);
          return performance.now() - started;
        });
        const solver = fetch(`${url}/scenarios/${scenario}?/solve`, {
          method: 'POST',
          headers: { cookie: asFinance, origin: url, accept: 'application/json' },
          body: new URLSearchParams({ year: String(2030 + run) })
        }).then((r) => r.text());
        // Let both start before measuring.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const busy = await signInPageLoads(url, loads);
        const [exportMs] = await Promise.all([heavy, solver]);
        const row = [...figures(idle), ...figures(busy), exportMs];
        rows.push(row);
        console.log(`${run} | ${row.map(ms).join(' | ')}`);
      }
      const medians = rows[0]!.map((_, c) => median(rows.map((r) => r[c]!)));
      console.log(`median | ${medians.map(ms).join(' | ')}`);
    } finally {
      await stopServer(child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
