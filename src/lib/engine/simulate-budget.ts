/**
 * The budget-constrained yearly loop (Engine II): the works Engine I finds, funded year by year
 * from the money the city has.
 *
 * For each fiscal year: slices of works started earlier (and demolitions of closed assets) are
 * committed first; the candidates are every work due this year or earlier and not yet funded (the
 * backlog); they are ranked and funded by `allocateBudget` (tier, priority score, due year, id).
 *
 * Rules of deferral (stated so a council can read them):
 * - An unfunded work stays in the backlog; its cost grows by `escalation` per year it waits.
 * - A rebuild or replacement starts the asset's next life in the year it is funded: every later
 *   work of the asset moves by the years the rebuild waited, and none of them can start before it.
 * - A renovation, life-extension renovation or repair still waiting when the asset's rebuild falls
 *   due is dropped: the rebuild replaces it ("superseded").
 * - Works from the closing year of a closed asset on are excluded (its demolition is committed).
 * - Yearly flows (roads ÷ 15, the spreading rule of unknown years) are one work per year.
 * With no budget cap every work is funded when due, and the result equals Engine I's projection.
 *
 * Pure and deterministic. Only the age-based service life of the national method is modelled
 * here; condition curves, Markov and survival models are not (yet).
 */
import { allocateBudget, BudgetLedger, type Candidate, type DeferReason } from './allocate-budget';
import type { EngineAsset } from './engine-asset';
import { resolveOverrides } from './overrides';
import { projectRenewals, type ProjectionOptions, type ProjectionResult } from './projection';
import type { Standard } from './standard';
import { WORK_TYPES, type WorkType } from './work-types';

export type Budget =
  | { kind: 'none' }
  | { kind: 'flat'; amount: number }
  /** Yen per fiscal year from the start year; years past the list get nothing. */
  | { kind: 'schedule'; amounts: readonly number[] };

/** Weights of the priority score; each term is scaled to 0–1 before weighting. */
export interface PriorityWeights {
  /** importance 1–5 → 0–1 (consequence of failure). */
  importance: number;
  /** worse condition scores higher: 1 − soundness/100 (unknown: 0.5). */
  condition: number;
  /** years overdue, capped at 20 → 0–1. */
  overdue: number;
  /** 1 for an asset in a hazard zone or used as a shelter (BCP). */
  hazard: number;
}

export const DEFAULT_WEIGHTS: PriorityWeights = {
  importance: 1,
  condition: 1,
  overdue: 1,
  hazard: 0.5
};

export interface BudgetOptions extends ProjectionOptions {
  budget: Budget;
  /** Unspent money moves to the next year (default off). */
  carryOver?: boolean;
  /** Yearly growth of a waiting work's cost, e.g. 0.03 (default 0). */
  escalation?: number;
  weights?: Partial<PriorityWeights>;
  /** Assets with at least this importance are tier 0 (funded before every other). Default: none. */
  safetyTierImportance?: number | null;
}

export interface YearSnapshot {
  fiscalYear: number;
  budget: number;
  /** Money the year's committed slices and candidates' first-year slices would need (yen). */
  needed: number;
  funded: number;
  /** Cost of the works left waiting at the end of the year (yen, with escalation) and their count. */
  backlogYen: number;
  backlogCount: number;
  /** Assets whose rebuild or replacement is overdue and unfunded at the end of the year. */
  pastLifeCount: number;
  /** Committed money beyond the year's budget. */
  overCommitted: number;
}

export type OutcomeStatus = 'funded' | 'unfunded' | 'dropped' | 'excluded';

/** What happened to one work (yearly flows are not listed: they are funded or not each year). */
export interface WorkOutcome {
  assetCode: string;
  workType: WorkType;
  dueYear: number;
  fundedYear: number | null;
  status: OutcomeStatus;
  /** Why it waited (last reason), was dropped or excluded. */
  reason: DeferReason | 'superseded by rebuild' | 'asset closed' | null;
  yearsDeferred: number;
}

export interface BudgetResult {
  /** Funded money in Engine I's cell layout (per year × class × category × work type). */
  funded: ProjectionResult;
  /** The unconstrained projection the loop started from. */
  unconstrained: ProjectionResult;
  years: YearSnapshot[];
  outcomes: WorkOutcome[];
}

const RESTARTS = new Set<WorkType>([
  'rebuild',
  'backlog_rebuild',
  'replacement',
  'backlog_replacement',
  'new_construction'
]);
const N_WORK = WORK_TYPES.length;
const WORK_INDEX = Object.fromEntries(WORK_TYPES.map((w, i) => [w, i])) as Record<WorkType, number>;

/** A work as the loop tracks it; it is its own funding candidate (no allocation per year). */
interface Item extends Candidate {
  id: number;
  slices: number[];
  asset: number;
  combo: number;
  workType: WorkType;
  /** Yen before inflation and escalation. */
  total: number;
  spread: number;
  originalDue: number;
  due: number;
  /** The life it belongs to: it cannot start before its asset has reached that life. */
  life: number;
  restarts: boolean;
  recurring: boolean;
  /** Yearly flows: the share that falls due every year. */
  perYear: number;
  status: OutcomeStatus | 'pending' | 'merged';
  fundedYear: number | null;
  reason: WorkOutcome['reason'];
}

/**
 * Runs the yearly budget loop over `assets` under `standard`.
 */
export function simulateBudget(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: BudgetOptions
): BudgetResult {
  const S = options.startYear;
  const H = options.years;
  const end = S + H - 1;
  const base = projectRenewals(assets, standard, { ...options, detail: false, collectWorks: true });
  const all = base.assets;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const escalation = options.escalation ?? 0;
  const inflation = Array.from({ length: H }, (_, k) => Math.pow(1 + (options.inflation ?? 0), k));
  const overrides = options.overrides ?? [];
  const closeYear = all.map((a) =>
    overrides.length ? resolveOverrides(a, overrides).closeYear : Infinity
  );

  // Work items, per asset in emission order (a life's works, then the rebuild starting the next).
  const items: Item[] = [];
  const flows: Item[] = [];
  const byAsset: number[][] = all.map(() => []);
  const lifeOf = new Int32Array(all.length);
  for (const w of base.works!) {
    if (w.recurring) {
      // One reusable item per yearly flow: `total` holds what is owed (this year's share plus
      // any unfunded earlier shares, escalated), so the backlog never exceeds one entry per flow.
      const flow = item(w.assetIndex, w.combo, w.workType, 0, 1, w.dueYear, -1, false, true);
      flow.perYear = (w.quantity * w.unitCost) / w.spreadYears;
      flow.id = -(flows.length + 1); // flows are told from discrete works by a negative id
      flows.push(flow);
      continue;
    }
    const restarts = RESTARTS.has(w.workType);
    const life = w.workType === 'demolition' ? -1 : lifeOf[w.assetIndex]!;
    if (restarts) lifeOf[w.assetIndex]! += 1;
    const index =
      items.push(
        item(
          w.assetIndex,
          w.combo,
          w.workType,
          w.quantity * w.unitCost,
          w.spreadYears,
          w.dueYear,
          life,
          restarts,
          false
        )
      ) - 1;
    byAsset[w.assetIndex]!.push(index);
  }

  const byId = (id: number): Item => (id < 0 ? flows[-id - 1]! : items[id]!);
  const buckets: number[][] = Array.from({ length: H }, () => []);
  items.forEach((it, i) => buckets[it.due - S]?.push(i));
  const unlockedLife = new Int32Array(all.length);
  /** Index (in byAsset) of each asset's next pending rebuild or replacement, or -1. */
  const nextRestart = (asset: number): Item | null => {
    for (const i of byAsset[asset]!) {
      const it = items[i]!;
      if (it.restarts && it.status === 'pending' && it.life === unlockedLife[asset]) return it;
    }
    return null;
  };

  const budgets = Array.from({ length: H }, (_, t) => {
    const b = options.budget;
    return b.kind === 'none' ? Infinity : b.kind === 'flat' ? b.amount : (b.amounts[t] ?? 0);
  });
  const ledger = new BudgetLedger(budgets, options.carryOver ?? false);
  const cells = new Float64Array(base.cells.length);
  const nCombos = base.combos.length;
  const safetyTier = options.safetyTierImportance ?? null;
  // The parts of the priority score and the tier that do not change with the year, per asset.
  const assetScore = new Float64Array(all.length);
  const assetTier = new Uint8Array(all.length);
  all.forEach((asset, i) => {
    const importance = asset.importance ?? 3;
    assetTier[i] = safetyTier !== null && importance >= safetyTier ? 0 : 1;
    assetScore[i] =
      weights.importance * ((importance - 1) / 4) +
      weights.condition * (asset.soundness == null ? 0.5 : 1 - asset.soundness / 100) +
      weights.hazard * (asset.hazard ? 1 : 0);
  });
  const waiting = new Uint8Array(all.length);
  const years: YearSnapshot[] = [];
  let backlog: number[] = [];

  /** Sets the work's slices if started in `year` (its own array, reused from year to year). */
  const setSlices = (it: Item, year: number): void => {
    const slices = it.slices;
    slices.length = 0;
    if (it.recurring) {
      slices.push(it.total * inflation[year - S]!);
      return;
    }
    const grown =
      escalation === 0 ? it.total : it.total * Math.pow(1 + escalation, year - it.originalDue);
    const last = Math.min(end, it.workType === 'demolition' ? end : closeYear[it.asset]! - 1);
    for (let y = year; y < year + it.spread && y <= last; y++) {
      slices.push((grown / it.spread) * inflation[y - S]!);
    }
  };

  for (let t = 0; t < H; t++) {
    const year = S + t;
    const pool: number[] = [];
    const flowPool: Item[] = [];
    const consider = (i: number) => {
      const it = items[i]!;
      if (it.life > unlockedLife[it.asset]!) return; // waits for its rebuild (re-bucketed then)
      if (it.workType !== 'demolition' && it.due >= closeYear[it.asset]!) {
        it.status = 'excluded';
        it.reason = 'asset closed';
        return;
      }
      if (!it.restarts && !it.recurring && it.workType !== 'demolition') {
        const restart = nextRestart(it.asset);
        if (restart && restart.due <= year) {
          it.status = 'dropped';
          it.reason = 'superseded by rebuild';
          return;
        }
      }
      pool.push(i);
    };
    for (const i of backlog) if (items[i]!.status === 'pending') consider(i);
    // A bucket may hold stale entries of works moved by a late rebuild: only those due now count.
    for (const i of buckets[t]!)
      if (items[i]!.status === 'pending' && items[i]!.due === year) consider(i);
    for (const flow of flows) {
      if (year >= closeYear[flow.asset]!) {
        flow.total = 0; // a closed asset's unfunded flow is excluded
        continue;
      }
      flow.total = flow.total * (1 + escalation) + flow.perYear;
      flowPool.push(flow);
    }

    const forced: Item[] = [];
    const candidates: Item[] = [];
    let needed = ledger.committed(t);
    const considered: Item[] = flowPool.slice();
    for (const i of pool) considered.push(items[i]!);
    for (const it of considered) {
      setSlices(it, year);
      needed += it.slices[0] ?? 0;
      if (it.workType === 'demolition') {
        forced.push(it);
        continue;
      }
      it.tier = assetTier[it.asset]!;
      it.score =
        assetScore[it.asset]! + weights.overdue * (Math.min(20, year - it.originalDue) / 20);
      candidates.push(it);
    }

    const result = allocateBudget(ledger, t, candidates, forced);

    for (const id of result.funded) {
      const it = byId(id as number);
      if (it.recurring) {
        for (let k = 0; k < it.slices.length; k++) {
          cells[((t + k) * nCombos + it.combo) * N_WORK + WORK_INDEX[it.workType]]! +=
            it.slices[k]!;
        }
        it.total = 0;
        continue;
      }
      it.status = 'funded';
      it.fundedYear = year;
      const work = WORK_INDEX[it.workType];
      for (let k = 0; k < it.slices.length; k++) {
        cells[((t + k) * nCombos + it.combo) * N_WORK + work]! += it.slices[k]!;
      }
      if (it.restarts) {
        unlockedLife[it.asset]! += 1;
        const shift = year - it.due;
        if (shift > 0) {
          for (const j of byAsset[it.asset]!) {
            const later = items[j]!;
            if (later.status === 'pending' && later.life >= unlockedLife[it.asset]!) {
              later.due += shift;
              if (later.due <= end) buckets[later.due - S]!.push(j);
            }
          }
        }
      }
    }
    const nextBacklog: number[] = [];
    for (const d of result.deferred) {
      const it = byId(d.id as number);
      it.reason = d.reason;
      if (it.status !== 'pending') continue;
      if (it.recurring) continue; // flows carry what they owe in `total`
      nextBacklog.push(it.id);
    }
    backlog = nextBacklog;

    let backlogYen = 0;
    let pastLife = 0;
    waiting.fill(0);
    let backlogCount = backlog.length;
    for (const flow of flowPool) {
      if (flow.total > 0) {
        backlogYen += flow.total * (1 + escalation);
        backlogCount += 1;
      }
    }
    for (const i of backlog) {
      const it = items[i]!;
      backlogYen +=
        escalation === 0
          ? it.total
          : it.total * Math.pow(1 + escalation, year + 1 - it.originalDue);
      if (it.restarts && waiting[it.asset] === 0) {
        waiting[it.asset] = 1;
        pastLife += 1;
      }
    }
    years.push({
      fiscalYear: year,
      budget: budgets[t]!,
      needed,
      funded: result.spent,
      backlogYen,
      backlogCount,
      pastLifeCount: pastLife,
      overCommitted: result.overCommitted
    });
  }

  const outcomes: WorkOutcome[] = [];
  for (const it of items) {
    if (it.recurring || it.status === 'merged') continue;
    outcomes.push({
      assetCode: all[it.asset]!.code,
      workType: it.workType,
      dueYear: it.originalDue,
      fundedYear: it.fundedYear,
      status: it.status === 'pending' ? 'unfunded' : it.status,
      reason: it.status === 'funded' ? (it.fundedYear! > it.due ? it.reason : null) : it.reason,
      yearsDeferred:
        it.fundedYear !== null
          ? it.fundedYear - it.originalDue
          : Math.max(0, end + 1 - it.originalDue)
    });
  }

  const totalsByYear = years.map((y) => y.funded);
  return {
    funded: { ...base, cells, totalsByYear, works: null },
    unconstrained: base,
    years,
    outcomes
  };

  function item(
    asset: number,
    combo: number,
    workType: WorkType,
    total: number,
    spread: number,
    due: number,
    life: number,
    restarts: boolean,
    recurring: boolean
  ): Item {
    return {
      id: items.length,
      slices: [],
      tier: 1,
      score: 0.5, // a double from the start: V8 keeps one field representation for all items
      dueYear: due,
      asset,
      combo,
      workType,
      total,
      spread,
      originalDue: due,
      due,
      life,
      restarts,
      recurring,
      perYear: 0,
      status: 'pending',
      fundedYear: null,
      reason: null
    };
  }
}

export interface BudgetSummary {
  /** Money spent over the horizon, and what the unconstrained projection needs (yen). */
  funded: number;
  unconstrained: number;
  /** unconstrained − funded. */
  fundingGap: number;
  backlogEnd: number;
  backlogEndCount: number;
  peakBacklog: number;
  peakBacklogYear: number;
  /** Asset Sustainability Ratio: renewal funded ÷ renewal needed (unconstrained). */
  assetSustainabilityRatio: number | null;
  /** Assets past their service life at the end. */
  pastLifeEnd: number;
  /** Σ funded(S + k) ÷ (1 + discount)^k. */
  presentValue: number;
}

/** The key figures of a budget run (the council's comparison table). */
export function summarizeBudget(result: BudgetResult, discount = 0): BudgetSummary {
  const funded = result.years.reduce((sum, y) => sum + y.funded, 0);
  const unconstrained = result.unconstrained.totalsByYear.reduce((a, b) => a + b, 0);
  let peak = result.years[0];
  for (const y of result.years) if (peak === undefined || y.backlogYen > peak.backlogYen) peak = y;
  const last = result.years.at(-1);
  return {
    funded,
    unconstrained,
    fundingGap: unconstrained - funded,
    backlogEnd: last?.backlogYen ?? 0,
    backlogEndCount: last?.backlogCount ?? 0,
    peakBacklog: peak?.backlogYen ?? 0,
    peakBacklogYear: peak?.fiscalYear ?? result.funded.startYear,
    assetSustainabilityRatio: unconstrained > 0 ? funded / unconstrained : null,
    pastLifeEnd: last?.pastLifeCount ?? 0,
    presentValue: result.years.reduce((sum, y, k) => sum + y.funded / Math.pow(1 + discount, k), 0)
  };
}
