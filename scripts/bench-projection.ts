/**
 * `npm run bench [-- --sizes 10000,100000,1000000 --runs 5 --years 60]`: the projection engine on
 * synthetic portfolios (the demo city's class mix). Each run is a fresh child process, so its peak
 * memory (max RSS) is its own; the figures printed are medians over the runs.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { BUILDING_CATEGORIES } from '../src/lib/engine/asset-classes';
import type { EngineAsset } from '../src/lib/engine/engine-asset';
import { projectRenewals } from '../src/lib/engine/projection';
import { summarizeProjection } from '../src/lib/engine/projection-summary';
import { soumu } from '../src/lib/engine/standards/soumu';
import { Random } from '../src/lib/server/seed/random';
import { parseFlags, runCli, UsageError } from './lib/cli';

/** A synthetic portfolio of `n` assets: 2 % buildings, 18 % roads, 1.5 % bridges, the rest pipes. */
function portfolio(n: number, seed = 1): EngineAsset[] {
  const rnd = new Random(seed);
  const assets: EngineAsset[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd.next();
    const assetClass: EngineAsset['assetClass'] =
      r < 0.02
        ? 'building'
        : r < 0.2
          ? 'road'
          : r < 0.215
            ? 'bridge'
            : r < 0.6
              ? 'water_pipe'
              : 'sewer_pipe';
    // Every asset has the same shape, as assets read from the database do.
    assets.push({
      code: `A${i}`,
      assetClass,
      category:
        assetClass === 'building'
          ? rnd.pick(BUILDING_CATEGORIES)
          : assetClass === 'road'
            ? rnd.chance(0.05)
              ? 'cycle_pedestrian'
              : 'general'
            : assetClass === 'water_pipe'
              ? 'distribution'
              : 'sanitary',
      yearBuilt: rnd.chance(0.03) ? null : rnd.int(1950, 2025),
      quantity:
        assetClass === 'building'
          ? rnd.uniform(50, 5_000)
          : assetClass === 'road'
            ? rnd.uniform(100, 2_000)
            : assetClass === 'bridge'
              ? rnd.uniform(20, 1_500)
              : rnd.uniform(10, 100),
      structure:
        assetClass === 'building'
          ? rnd.pick(['rc', 'steel', 'wood'])
          : assetClass === 'bridge'
            ? rnd.pick(['pc', 'rc', 'steel', 'unknown'])
            : null,
      material:
        assetClass === 'sewer_pipe' ? rnd.pick(['concrete', 'clay', 'pvc', 'rehabilitated']) : null,
      diameterMm: assetClass === 'water_pipe' ? rnd.pick([75, 100, 150, 200, 300]) : null,
      pipeKind:
        assetClass === 'water_pipe' ? (rnd.chance(0.05) ? 'conveyance' : 'distribution') : null,
      facilityCode: null
    });
  }
  return assets;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    sizes: 'string',
    runs: 'string',
    years: 'string',
    child: 'string'
  });
  const years = Number(flags.years ?? 60);
  if (flags.child !== undefined) {
    const assets = portfolio(Number(flags.child));
    const started = performance.now();
    const result = projectRenewals(assets, soumu, { startYear: 2026, years });
    const total = summarizeProjection(result).total;
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, total }));
    return;
  }
  const sizes = String(flags.sizes ?? '10000,100000,1000000')
    .split(',')
    .map(Number);
  const runs = Number(flags.runs ?? 5);
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0) || !Number.isInteger(runs) || runs < 1)
    throw new UsageError('--sizes takes positive integers, --runs a positive integer');
  console.log(
    `Projection benchmark (soumu, ${years} years), median of ${runs} runs — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`
  );
  console.log('assets      wall ms   assets·years/s   peak RSS MB');
  for (const size of sizes) {
    const samples: { ms: number; maxRssMb: number }[] = [];
    for (let r = 0; r < runs; r++) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1]!, '--child', String(size), '--years', String(years)],
        { encoding: 'utf8', maxBuffer: 1 << 20 }
      );
      if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
      samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!));
    }
    const ms = median(samples.map((s) => s.ms));
    const rss = median(samples.map((s) => s.maxRssMb));
    console.log(
      `${String(size).padEnd(10)} ${ms.toFixed(1).padStart(9)} ${((size * years) / (ms / 1000)).toExponential(2).padStart(16)} ${rss.toFixed(0).padStart(13)}`
    );
  }
});
