/**
 * `npm run bench:scenarios [-- --runs 7 --plan 10000]`: how long finance and council wait for the
 * scenario pages. Hozen is started on a fresh database with the demo city, its plan and works done
 * topped up to `--plan` of each, and four scenarios (one per preset; the consolidation plan takes
 * the adopted 個別施設計画); each run first changes the data (an audit entry, as any edit writes one), so that every
 * scenario misses the cache, then times over HTTP: a projection page (`/scenarios/ID`, the run
 * plus the server's render) and the comparison of the four (`/scenarios/compare?ids=…`), then the
 * same pages again from the cache; and the capped scenario with 100 samples of the lives (its
 * page streams progress while the samples run). Medians. Targets: under 1 s and under 2 s after
 * a cache miss for the first two.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { withPlanLoad } from '../src/lib/demo-city/synthetic-metro';
import { generateDemoCity } from '../src/lib/demo-city/demo-city';
import { seedDemoCity } from '../src/lib/server/services/demo-seed.service';
import {
  createFromPreset,
  getScenario,
  updateScenario
} from '../src/lib/server/services/scenarios.service';
import { PRESETS } from '../src/lib/scenario';
import { DEFAULT_FUNDING } from '../src/lib/engine/funding-defaults';
import { intFlag, parseFlags, runCli } from './lib/cli';
import { makeAccount, signInOverHttp, startServer, stopServer } from './lib/server-process';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The council member's session the pages are read with. */
let session = '';

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie: `hozen_session=${session}` } });
  await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { runs: 'string', plan: 'string' });
  const runs = intFlag(flags.runs, '--runs', 1, 50, 7);
  // The demo city's plan and works done topped up to this many of each; its consolidation
  // scenario takes the adopted plan.
  const planLoad = intFlag(flags.plan, '--plan', 0, 200_000, 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-bench-scenarios-'));
  try {
    const file = path.join(dir, 'demo.sqlite');
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedDemoCity(db, { city: withPlanLoad(generateDemoCity(), planLoad) });
    const who = { username: 'bench', now: new Date().toISOString() };
    const ids: number[] = [];
    for (const preset of PRESETS) ids.push(await createFromPreset(db, preset, who));
    const plan = (await getScenario(db, ids.at(-1)!))!;
    if (planLoad > 0)
      await updateScenario(
        db,
        plan.id,
        plan.version,
        { params: { ...plan.params, adoptedPlan: true } },
        who
      );
    // The capped scenario again with 100 samples of the lives (the P10–P90 bands).
    const sampled = await createFromPreset(db, 'capped', who);
    const s = (await getScenario(db, sampled))!;
    await updateScenario(db, sampled, s.version, { params: { ...s.params, samples: 100 } }, who);
    // The capped scenario again with the finance model (default funding rules): what funding adds.
    const funded = await createFromPreset(db, 'capped', who);
    const f = (await getScenario(db, funded))!;
    await updateScenario(
      db,
      funded,
      f.version,
      { params: { ...f.params, funding: DEFAULT_FUNDING } },
      who
    );
    const account = await makeAccount(file, 'bench', 'viewer');
    const { url, child } = await startServer(file);
    session = await signInOverHttp(url, account);
    const miss = {
      page: [] as number[],
      compare: [] as number[],
      sampled: [] as number[],
      funded: [] as number[]
    };
    const hit = {
      page: [] as number[],
      compare: [] as number[],
      sampled: [] as number[],
      funded: [] as number[]
    };
    try {
      await timed(`${url}/scenarios`); // the server's first request (database opened, caches)
      for (let i = 0; i < runs; i++) {
        const touch = async () =>
          db
            .insertInto('audit_log')
            .values({
              at: new Date().toISOString(),
              username: 'bench',
              action: 'touch',
              entity: 'database',
              entity_id: null,
              before: null,
              after: null,
              note: 'bench:scenarios, to make every scenario miss the cache'
            })
            .execute();
        await touch();
        miss.page.push(await timed(`${url}/scenarios/${ids[2]}`));
        hit.page.push(await timed(`${url}/scenarios/${ids[2]}`));
        await touch();
        miss.compare.push(await timed(`${url}/scenarios/compare?ids=${ids.join(',')}`));
        hit.compare.push(await timed(`${url}/scenarios/compare?ids=${ids.join(',')}`));
        await touch();
        miss.funded.push(await timed(`${url}/scenarios/${funded}`));
        hit.funded.push(await timed(`${url}/scenarios/${funded}`));
        await touch();
        miss.sampled.push(await timed(`${url}/scenarios/${sampled}`));
        hit.sampled.push(await timed(`${url}/scenarios/${sampled}`));
      }
    } finally {
      await stopServer(child);
      await db.destroy();
    }
    const ms = (values: number[]) => `${Math.round(median(values))} ms`;
    console.log(
      `Scenario pages, demo city (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}, medians of ${runs} runs, over HTTP)`
    );
    console.log('page | cache miss | from the cache');
    console.log(`projection page (budget-capped scenario) | ${ms(miss.page)} | ${ms(hit.page)}`);
    console.log(
      `projection page, the same with the finance model | ${ms(miss.funded)} | ${ms(hit.funded)}`
    );
    console.log(`comparison of 4 scenarios | ${ms(miss.compare)} | ${ms(hit.compare)}`);
    console.log(
      `projection page, capped with 100 samples | ${ms(miss.sampled)} | ${ms(hit.sampled)}`
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
