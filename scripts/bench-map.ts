/**
 * `npm run bench:map [-- --runs 5 --assets 200000 --plan 10000]`: how fast the map opens. For the
 * demo city and for a synthetic metropolis of at least `--assets` assets (demo-city districts side
 * by side, its plan and works done topped up to `--plan` of each), it
 * starts Hozen on a fresh database exactly as `npm start` does, then opens `/map` in headless
 * Chromium `--runs` times, each in a new browser context (empty cache), and measures the time from
 * navigation to MapLibre's `idle` (every tile of the first view loaded and drawn) and the bytes
 * transferred (compressed, as on the wire). The first navigation after start-up is reported
 * apart ("cold": the server may still be building its map index); the figures are medians of
 * the others. Targets for the metropolis: under 2 s and under 5 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import { generateSyntheticMetro, withPlanLoad } from '../src/lib/demo-city/synthetic-metro';
import { DEFAULT_DEMO_SEED } from '../src/lib/demo-city/demo-city';
import { launchBrowser } from '../tests/e2e/browser';
import { intFlag, parseFlags, runCli } from './lib/cli';
import { makeAccount, signInOverHttp, startServer, stopServer } from './lib/server-process';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Run {
  ms: number;
  bytes: number;
  requests: number;
  features: number;
}

async function openMapOnce(url: string, session: string): Promise<Run> {
  const browser = await launchBrowser(null);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'hozen_session', value: session, url }]);
    const page = await context.newPage();
    // Every response, the map worker's tile requests included, as sent (compressed) with headers.
    let bytes = 0;
    let requests = 0;
    const sizes: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      requests++;
      sizes.push(
        request
          .sizes()
          .then((s) => {
            bytes += s.responseBodySize + s.responseHeadersSize;
          })
          // A request still finishing when the browser closes after idle is not counted.
          .catch(() => undefined)
      );
    });
    const started = performance.now();
    await page.goto(`${url}/map`);
    await page
      .locator('[data-testid="asset-map"][data-state="idle"]')
      .waitFor({ timeout: 180_000 });
    const ms = performance.now() - started;
    await Promise.all(sizes);
    const features = Number(
      await page.getByTestId('asset-map').getAttribute('data-rendered-features')
    );
    return { ms, bytes, requests, features };
  } finally {
    await browser.close();
  }
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    runs: 'string',
    assets: 'string',
    plan: 'string'
  });
  const runs = intFlag(flags.runs, '--runs', 1, 50, 5);
  const assets = intFlag(flags.assets, '--assets', 1000, 2_000_000, 200_000);
  // The metropolis's plan and works done: this many of each (its own plan tops up to it).
  const planLoad = intFlag(flags.plan, '--plan', 0, 200_000, 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-map-'));
  const rows: string[] = [];
  try {
    for (const city of ['demo', 'metro'] as const) {
      const file = path.join(dir, `${city}.sqlite`);
      const db = openDatabase(file);
      await migrateToLatest(db);
      const seeded = await seedDemoCity(db, {
        city:
          city === 'metro'
            ? withPlanLoad(generateSyntheticMetro(assets, DEFAULT_DEMO_SEED), planLoad)
            : undefined
      });
      await db.destroy();
      const count = Object.values(seeded.assets).reduce((a, b) => a + b, 0);
      const account = await makeAccount(file, 'bench', 'viewer');
      const { url, child } = await startServer(file);
      try {
        const session = await signInOverHttp(url, account);
        const cold = await openMapOnce(url, session);
        const warm: Run[] = [];
        for (let i = 0; i < runs; i++) warm.push(await openMapOnce(url, session));
        const line = [
          city === 'demo' ? 'demo city' : 'synthetic metropolis',
          count.toLocaleString('en'),
          `${Math.round(median(warm.map((r) => r.ms)))} ms`,
          `${(median(warm.map((r) => r.bytes)) / 1e6).toFixed(2)} MB`,
          String(median(warm.map((r) => r.requests))),
          String(median(warm.map((r) => r.features))),
          `${Math.round(cold.ms)} ms`
        ];
        rows.push(line.join(' | '));
        console.error(`${line[0]}: ${warm.map((r) => Math.round(r.ms)).join(', ')} ms`);
      } finally {
        await stopServer(child);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `Map first view (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}, medians of ${runs} runs, each in a fresh browser context)`
  );
  console.log('city | assets | to idle | transferred | requests | features drawn | cold start');
  for (const row of rows) console.log(row);
});
