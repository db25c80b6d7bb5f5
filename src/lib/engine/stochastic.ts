/**
 * The stochastic mode (Engine II): how sure are the figures? N samples, each drawing every asset's
 * life from a Weibull survival model (see survival.ts: the standard's age is the median life), then
 * reporting the 10th, 50th and 90th percentiles of each year's cost, funded money and backlog.
 *
 * One sample:
 * 1. For each asset of a class with a shape β > 0, a factor f = L / median, with L drawn from its
 *    Weibull — one draw per asset per sample: all of its works fall due at ages × f (its lives
 *    run at that pace). Roads keep the method's yearly share.
 * 2. Engine I projects the renewal cost with those ages (`lifeScale`).
 * 3. The budget is applied as a money queue, per ledger (one, or one per asset class): each year
 *    what is owed — the cost falling due plus the backlog (escalated) — is funded up to the year's
 *    money (plus carry-over); the rest is the backlog. Money is divisible here: this mode does
 *    not rank individual works (the deterministic loop, `simulateBudget`, does), so its backlog is
 *    the money the cap leaves unspent on need, not a list of works.
 *
 * Deterministic for a seed: sample k draws from its own generator seeded by (seed, k), assets in
 * input order. Percentiles interpolate linearly between order statistics (type 7).
 */
import { ASSET_CLASSES, type AssetClass } from './asset-classes';
import type { EngineAsset } from './engine-asset';
import { projectRenewals, type ProjectionOptions } from './projection';
import { budgetAmount, type Budget } from './simulate-budget';
import type { Standard } from './standard';
import { checkShapes, DEFAULT_SHAPES, type SurvivalShapes } from './survival';
import { WORK_TYPES } from './work-types';
import { Random } from '../random';

export interface StochasticOptions extends Omit<ProjectionOptions, 'detail' | 'collectWorks'> {
  budget: Budget;
  samples: number;
  seed: number;
  carryOver?: boolean;
  escalation?: number;
  /** Weibull shapes by class (default DEFAULT_SHAPES); 0 keeps a class on fixed ages. */
  shapes?: SurvivalShapes;
}

export interface Band {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

export interface StochasticYear {
  fiscalYear: number;
  /** Renewal cost falling due (yen). */
  cost: Band;
  funded: Band;
  /** Money owed and not funded at the end of the year (yen). */
  backlog: Band;
}

export interface StochasticResult {
  samples: number;
  seed: number;
  shapes: SurvivalShapes;
  years: StochasticYear[];
  /** Over the horizon: total cost, total funded, backlog at the end, peak backlog. */
  totals: { cost: Band; funded: Band; backlogEnd: Band; peakBacklog: Band };
}

/** The q-quantile (0–1) of sorted values, interpolated linearly (type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function band(values: Float64Array): Band {
  const sorted = values.slice().sort();
  let sum = 0;
  for (const v of values) sum += v;
  return {
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    mean: values.length ? sum / values.length : NaN
  };
}

/** A generator for sample k of `seed` (its own stream, whatever the other samples drew). */
function sampleRandom(seed: number, k: number): Random {
  // Mix the pair into one 32-bit seed (the murmur3 finalizer), so neighbouring samples differ.
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return new Random((h ^ (h >>> 16)) >>> 0);
}

/**
 * Sample k's life factors: for an asset whose class has shape β > 0, f = L / median with L drawn
 * from the Weibull whose median is the standard's age — f = (−ln U / ln 2)^(1/β), U uniform in
 * (0, 1] — else 1. Written to `out` (by asset index).
 */
export function drawLifeScales(
  shapeOf: Float64Array,
  seed: number,
  k: number,
  out: Float64Array
): Float64Array {
  const random = sampleRandom(seed, k);
  for (let i = 0; i < shapeOf.length; i++) {
    const shape = shapeOf[i]!;
    out[i] = shape > 0 ? Math.pow(-Math.log(1 - random.next()) / Math.LN2, 1 / shape) : 1;
  }
  return out;
}

/** Runs `samples` draws and returns the yearly bands. */
export function simulateSamples(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: StochasticOptions
): StochasticResult {
  const steps = sampleSteps(assets, standard, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run one sample at a time: yields the number of samples done after each, returns the
 * bands — so that a caller can report progress and let other work run between samples.
 */
export function* sampleSteps(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: StochasticOptions
): Generator<number, StochasticResult, void> {
  const { samples, seed } = options;
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`samples must be a whole number ≥ 1 (${samples})`);
  if (!Number.isInteger(seed)) throw new Error(`the seed must be a whole number (${seed})`);
  const shapes = options.shapes ?? DEFAULT_SHAPES;
  const problems = checkShapes(shapes);
  if (problems.length) throw new Error(`survival shapes: ${problems.join('; ')}`);
  const H = options.years;
  const S = options.startYear;
  const escalation = options.escalation ?? 0;
  const b = options.budget;
  const perClass = b.kind === 'per_class';

  // The Weibull with median 1 for each asset's class: f = (−ln U)^(1/β) / (ln 2)^(1/β).
  const shapeOf = new Float64Array(assets.length);
  assets.forEach(
    (a, i) => (shapeOf[i] = a.assetClass === 'road' ? 0 : (shapes[a.assetClass] ?? 0))
  );
  const lifeScale = new Float64Array(assets.length);
  const ledgers = perClass ? ASSET_CLASSES : (['all'] as const);
  // The one ledger ('all') is never a per-class budget, so the class passed for it is not read.
  const budgetOf = (ledger: AssetClass | 'all', t: number): number =>
    budgetAmount(b, t, ledger === 'all' ? 'building' : ledger);

  const cost = Array.from({ length: H }, () => new Float64Array(samples));
  const funded = Array.from({ length: H }, () => new Float64Array(samples));
  const backlog = Array.from({ length: H }, () => new Float64Array(samples));
  const totalCost = new Float64Array(samples);
  const totalFunded = new Float64Array(samples);
  const peak = new Float64Array(samples);
  const need = new Float64Array(H);
  const N_WORK = WORK_TYPES.length;

  for (let k = 0; k < samples; k++) {
    drawLifeScales(shapeOf, seed, k, lifeScale);
    const projection = projectRenewals(assets, standard, { ...options, lifeScale });
    const nCombos = projection.combos.length;
    for (const ledger of ledgers) {
      // This ledger's need per year: all cells, or its class's columns.
      need.fill(0);
      if (ledger === 'all') need.set(projection.totalsByYear);
      else {
        const columns = projection.combos.flatMap((c, j) => (c.assetClass === ledger ? [j] : []));
        if (columns.length === 0) continue;
        for (let t = 0; t < H; t++)
          for (const j of columns)
            for (let w = 0; w < N_WORK; w++)
              need[t]! += projection.cells[(t * nCombos + j) * N_WORK + w]!;
      }
      let owed = 0;
      let carry = 0;
      for (let t = 0; t < H; t++) {
        owed = owed * (1 + escalation) + need[t]!;
        const money = budgetOf(ledger, t) + carry;
        const spent = Math.min(owed, money);
        owed -= spent;
        carry = options.carryOver && Number.isFinite(money) ? money - spent : 0;
        cost[t]![k]! += need[t]!;
        funded[t]![k]! += spent;
        backlog[t]![k]! += owed;
      }
    }
    for (let t = 0; t < H; t++) {
      totalCost[k]! += cost[t]![k]!;
      totalFunded[k]! += funded[t]![k]!;
      peak[k] = Math.max(peak[k]!, backlog[t]![k]!);
    }
    yield k + 1;
  }

  return {
    samples,
    seed,
    shapes,
    years: Array.from({ length: H }, (_, t) => ({
      fiscalYear: S + t,
      cost: band(cost[t]!),
      funded: band(funded[t]!),
      backlog: band(backlog[t]!)
    })),
    totals: {
      cost: band(totalCost),
      funded: band(totalFunded),
      backlogEnd: band(H > 0 ? backlog[H - 1]! : new Float64Array(samples)),
      peakBacklog: band(peak)
    }
  };
}
