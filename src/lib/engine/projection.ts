/**
 * The long-term renewal projection (更新費用試算): for a start fiscal year S and a horizon of H
 * years, every work each asset needs under a standard, its cost split over its spread years, summed
 * per fiscal year × asset class × category × work type.
 *
 * Conventions Hozen fixes where the 総務省 method is silent (docs/standards.md §1.3):
 * - A work due at age N falls due in fiscal year (year built + N); its cost is split equally over
 *   its spread years starting in that year. Slices after the horizon are not counted.
 * - An asset rebuilt or replaced starts a new life in the first year of that work's cost; its later
 *   works inside the horizon are counted. A backlog rebuild or replacement restarts the life at S.
 * - An asset whose year built is unknown is renewed by the spreading rule: its quantity ÷ cycle
 *   every year (the method's rule for roads and bridges; for buildings and pipes it is Hozen's
 *   analogue — each work of the cycle, ÷ the rebuild age, every year — to confirm).
 * - Roads: total area ÷ cycle renewed every year; age is not used (docs/standards.md §1.2).
 * - Inflation multiplies a slice in year S + k by (1 + inflation)^k; the present value discounts
 *   the inflated cost of year S + k by (1 + discount)^k. Money is never rounded here.
 *
 * Pure: no I/O, no clock. Aggregates go to a flat Float64Array so that a million assets × 60
 * years stays fast; per-asset work lists are built only when asked (`detail`).
 */
import { ASSET_CLASSES, type AssetClass } from './asset-classes';
import type { EngineAsset } from './engine-asset';
import { newBuildingAssets, resolveOverrides, type Override } from './overrides';
import { bandCost, type BuildingLifecycle, type BuildingWork, type Standard } from './standard';
import { WORK_TYPES, type WorkType } from './work-types';

export interface ProjectionOptions {
  /** First fiscal year of the projection (S). */
  startYear: number;
  /** Horizon in years (H); the method's default is 40. */
  years: number;
  /** Yearly price increase, e.g. 0.02 (default 0: constant prices, as the method assumes). */
  inflation?: number;
  /** Yearly discount rate for the present value, e.g. 0.02 (default 0). */
  discount?: number;
  /** Scenario overrides (life extension, closures, new buildings, floor reduction). */
  overrides?: readonly Override[];
  /** Keep every work of every asset, with the rule it comes from (for tracing and JSON). */
  detail?: boolean;
  /** Keep every work as columns of numbers (what the budget loop needs, at less cost). */
  collectWorks?: boolean;
  /**
   * A factor per asset (by index) on the ages its works fall due at — rebuild age, work ages and
   * their backlog windows, replacement cycles — rounded to whole years (at least 1). The
   * stochastic mode draws it from a survival model; absent, every factor is 1 (the method).
   */
  lifeScale?: Float64Array;
}

/** One work on one asset: what, when, how much, and the rule and unit cost it comes from. */
export interface AssetWork {
  assetCode: string;
  workType: WorkType;
  /** Fiscal year of the first slice of its cost. */
  dueYear: number;
  spreadYears: number;
  /** Quantity priced (㎡ or m) and cost per unit (yen, before inflation). */
  quantity: number;
  unitCost: number;
  /** Cost inside the horizon (yen, with inflation). */
  cost: number;
  rule: string;
  /** Index of the asset in `ProjectionResult.assets`, and of its cell column in `combos`. */
  assetIndex: number;
  combo: number;
  /** A yearly flow (roads ÷ 15, unknown-year spreading), not a discrete work. */
  recurring: boolean;
}

/**
 * Every work as columns (`collectWorks`): work k is on asset `assetIndex[k]` (cell column
 * `combo[k]`), of type WORK_TYPES[`work[k]`], due in `dueYear[k]`, costing `cost[k]` yen before
 * inflation split over `spreadYears[k]`; `recurring[k]` is 1 for a yearly flow.
 */
export interface WorkColumns {
  count: number;
  assetIndex: Int32Array;
  combo: Int32Array;
  work: Uint8Array;
  dueYear: Int32Array;
  spreadYears: Int32Array;
  cost: Float64Array;
  recurring: Uint8Array;
}

function growColumns(c: WorkColumns): WorkColumns {
  const size = Math.max(1024, c.assetIndex.length * 2);
  const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T) => {
    const b = make(size);
    b.set(a);
    return b;
  };
  return {
    count: c.count,
    assetIndex: grow(c.assetIndex, (n) => new Int32Array(n)),
    combo: grow(c.combo, (n) => new Int32Array(n)),
    work: grow(c.work, (n) => new Uint8Array(n)),
    dueYear: grow(c.dueYear, (n) => new Int32Array(n)),
    spreadYears: grow(c.spreadYears, (n) => new Int32Array(n)),
    cost: grow(c.cost, (n) => new Float64Array(n)),
    recurring: grow(c.recurring, (n) => new Uint8Array(n))
  };
}

export interface ProjectionResult {
  startYear: number;
  years: number;
  /** The assets projected: the input plus the scenario's new buildings. */
  assets: readonly EngineAsset[];
  /** The (class, category) pairs of the cells, in first-seen order. */
  combos: { assetClass: AssetClass; category: string }[];
  /** cost[(yearIndex × combos + combo) × WORK_TYPES.length + work] in yen. */
  cells: Float64Array;
  /** Inflated cost per year index. */
  totalsByYear: number[];
  /** Every work with its rule (`detail`). */
  works: AssetWork[] | null;
  /** Every work as columns (`collectWorks`). */
  workColumns: WorkColumns | null;
}

const N_WORK = WORK_TYPES.length;
const WORK_INDEX = Object.fromEntries(WORK_TYPES.map((w, i) => [w, i])) as Record<WorkType, number>;
const BACKLOG_OF: Record<BuildingWork['type'], WorkType> = {
  renovation: 'backlog_renovation',
  life_extension: 'backlog_life_extension',
  midlife_repair: 'midlife_repair'
};

/** The category a cell is reported under: buildings and roads their category, bridges their structure, pipes their kind or material. */
export function reportingCategory(asset: EngineAsset): string {
  switch (asset.assetClass) {
    case 'bridge':
      return asset.structure ?? 'unknown';
    case 'water_pipe':
      return asset.pipeKind ?? 'distribution';
    case 'sewer_pipe':
      return asset.material ?? 'other';
    default:
      return asset.category;
  }
}

/** Price factors (1 + rate)^k for the years k = 0 … years − 1 of a horizon. */
/** A building category's rebuild and renovation rates per ㎡ (the `other` rates if it has none). */
export function buildingRates(
  standard: Standard,
  category: string
): { rebuild: number; renovation: number } {
  const costs = standard.buildings.unitCosts;
  return costs[category] ?? costs.other ?? { rebuild: 0, renovation: 0 };
}

/**
 * What renewing one unit (㎡ or m) of an asset costs under a standard, before inflation: a
 * building's rebuild rate, a road's repaving rate, a bridge's rate by structure, a pipe's rate by
 * kind and diameter (water) or by material or diameter (sewer). Times the quantity, it is the
 * asset's replacement value.
 */
export function replacementUnitCost(asset: EngineAsset, standard: Standard): number {
  switch (asset.assetClass) {
    case 'building':
      return buildingRates(standard, asset.category).rebuild;
    case 'road':
      return asset.category === 'cycle_pedestrian'
        ? standard.roads.unitCosts.cycle_pedestrian
        : standard.roads.unitCosts.general;
    case 'bridge': {
      const costs = standard.bridges.unitCosts;
      return costs[(asset.structure ?? 'unknown') as keyof typeof costs] ?? costs.unknown;
    }
    case 'water_pipe': {
      const kind = asset.pipeKind === 'conveyance' ? 'conveyance' : 'distribution';
      return bandCost(standard.waterPipes[kind], asset.diameterMm);
    }
    case 'sewer_pipe': {
      const sp = standard.sewerPipes;
      if (sp.pricing === 'diameter') return bandCost(sp.byDiameter, asset.diameterMm);
      return (
        sp.byMaterial[(asset.material ?? 'other') as keyof typeof sp.byMaterial] ??
        sp.byMaterial.other
      );
    }
  }
}

export function inflationFactors(years: number, rate: number): Float64Array {
  const factors = new Float64Array(years);
  for (let k = 0; k < years; k++) factors[k] = Math.pow(1 + rate, k);
  return factors;
}

/** Assigns a cell column to every (class, category) pair, in first-seen order. */
function comboColumns(all: readonly EngineAsset[]) {
  const comboIndex = new Map<AssetClass, Map<string, number>>();
  const combos: ProjectionResult['combos'] = [];
  const assetCombo = new Int32Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const asset = all[i]!;
    const category = reportingCategory(asset);
    let byCategory = comboIndex.get(asset.assetClass);
    if (!byCategory) comboIndex.set(asset.assetClass, (byCategory = new Map()));
    let index = byCategory.get(category);
    if (index === undefined) {
      index = combos.length;
      combos.push({ assetClass: asset.assetClass, category });
      byCategory.set(category, index);
    }
    assetCombo[i] = index;
  }
  return { combos, assetCombo };
}

/**
 * A renovation done (実績) up to this many years before a renovation or life-extension work falls
 * due stands for it: that work of the life is not projected again. Works are rarely done in the
 * exact year a rule names; the ten years are Hozen's stated assumption, not a national rule.
 */
export const RENOVATION_EARLY_YEARS = 10;

export const workCost = (work: BuildingWork, rates: { rebuild: number; renovation: number }) =>
  work.cost.kind === 'renovation_rate' ? rates.renovation : rates.rebuild * work.cost.ratio;

/**
 * One projection's accumulators (cells, work columns, the per-asset trace) and the rules that
 * fill them, asset by asset. The current asset's fields are set before each asset, so that the
 * rules allocate no closures on the hot path.
 */
class Projector {
  readonly S: number;
  readonly H: number;
  readonly end: number;
  readonly inflation: Float64Array;
  readonly cells: Float64Array;
  readonly works: AssetWork[] | null;
  columns: WorkColumns | null;
  /** Whether rules name themselves for the trace (`detail`). */
  readonly d: boolean;
  // The current asset.
  combo = 0;
  assetIndex = 0;
  closeYear = Infinity;
  code = '';
  scale = 1;
  /** Fiscal year of the asset's latest renovation done (実績), or -Infinity. */
  renovated = -Infinity;

  constructor(
    readonly standard: Standard,
    options: ProjectionOptions,
    readonly nCombos: number
  ) {
    this.S = options.startYear;
    this.H = options.years;
    this.end = this.S + this.H - 1;
    this.inflation = inflationFactors(this.H, options.inflation ?? 0);
    this.cells = new Float64Array(this.H * nCombos * N_WORK);
    this.works = options.detail ? [] : null;
    this.d = !!options.detail;
    this.columns = options.collectWorks
      ? growColumns({
          count: 0,
          assetIndex: new Int32Array(0),
          combo: new Int32Array(0),
          work: new Uint8Array(0),
          dueYear: new Int32Array(0),
          spreadYears: new Int32Array(0),
          cost: new Float64Array(0),
          recurring: new Uint8Array(0)
        })
      : null;
  }

  /** An age of the standard at this asset's pace. */
  at(age: number): number {
    return this.scale === 1 ? age : Math.max(1, Math.round(age * this.scale));
  }

  /**
   * Adds quantity × unitCost (yen, before inflation) split over `spread` years from `start`.
   * `rule` names the rule for the per-asset trace (callers build it only when `detail` is on:
   * `d ? … : ''`, so the hot path allocates no strings).
   */
  emit(
    type: WorkType,
    start: number,
    spread: number,
    quantity: number,
    unitCost: number,
    rule: string,
    recurring = false
  ): void {
    const { S, end, closeYear, combo, nCombos, cells, inflation } = this;
    const slice = (quantity * unitCost) / spread;
    const work = WORK_INDEX[type];
    let inHorizon = 0;
    for (let k = 0; k < spread; k++) {
      const year = start + k;
      if (year >= closeYear || year > end) break;
      if (year < S) continue;
      const y = year - S;
      const cost = slice * inflation[y]!;
      cells[(y * nCombos + combo) * N_WORK + work]! += cost;
      inHorizon += cost;
    }
    if (inHorizon <= 0) return;
    if (this.columns) {
      if (this.columns.count === this.columns.assetIndex.length)
        this.columns = growColumns(this.columns);
      const columns = this.columns;
      const k = columns.count++;
      columns.assetIndex[k] = this.assetIndex;
      columns.combo[k] = combo;
      columns.work[k] = work;
      columns.dueYear[k] = start;
      columns.spreadYears[k] = spread;
      columns.cost[k] = quantity * unitCost;
      columns.recurring[k] = recurring ? 1 : 0;
    }
    this.works?.push({
      assetCode: this.code,
      workType: type,
      dueYear: start,
      spreadYears: spread,
      quantity,
      unitCost,
      cost: inHorizon,
      rule,
      assetIndex: this.assetIndex,
      combo,
      recurring
    });
  }

  /** A building: its lives (works, then the rebuild that starts the next) to the horizon's end. */
  building(asset: EngineAsset, extend: boolean, keep: number, isNew: boolean): void {
    const { S, d, standard } = this;
    const b = standard.buildings;
    const lifecycleName =
      extend && !b.nonExtendableStructures.includes(asset.structure ?? '')
        ? 'extended'
        : 'conventional';
    const lc: BuildingLifecycle = b[lifecycleName];
    const rates = buildingRates(standard, asset.category);
    const tag = d ? `${standard.key}.buildings.${lifecycleName}` : '';
    let area = asset.quantity;
    const yb = asset.yearBuilt;
    if (yb === null) return this.unknownYearBuilding(area, lc, rates, tag);

    let lifeStart: number;
    if (isNew) {
      const rule = d ? `${tag}: new building at the rebuild rate` : '';
      this.emit('new_construction', yb, lc.rebuildSpreadYears, area, rates.rebuild, rule);
      lifeStart = yb;
    } else if (S - yb > this.at(lc.rebuildAge)) {
      area *= keep;
      const rule = d ? `${tag}.backlog_rebuild (age ${S - yb} > ${lc.rebuildAge})` : '';
      this.emit('backlog_rebuild', S, lc.backlogRebuildSpreadYears, area, rates.rebuild, rule);
      lifeStart = S;
    } else {
      lifeStart = yb;
    }
    for (;;) {
      this.lifeWorks(lifeStart, area, lc, rates, tag);
      const next = lifeStart + this.at(lc.rebuildAge);
      if (next > this.end || next >= this.closeYear) return;
      area *= keep;
      const rule = d ? `${tag}.rebuild@${lc.rebuildAge}` : '';
      this.emit('rebuild', next, lc.rebuildSpreadYears, area, rates.rebuild, rule);
      lifeStart = next;
    }
  }

  /**
   * One life's works from `lifeStart`: those already overdue at S (only in the first life) are
   * caught up as backlog within the rule's age window.
   */
  private lifeWorks(
    lifeStart: number,
    area: number,
    lc: BuildingLifecycle,
    rates: { rebuild: number; renovation: number },
    tag: string
  ): void {
    const { S, d } = this;
    const age = S - lifeStart;
    for (const w of lc.works) {
      const due = lifeStart + this.at(w.atAge);
      if (w.type !== 'midlife_repair' && this.renovated >= due - RENOVATION_EARLY_YEARS) continue;
      if (due >= S) {
        const rule = d ? `${tag}.${w.type}@${w.atAge}` : '';
        this.emit(w.type, due, w.spreadYears, area, workCost(w, rates), rule);
      } else if (
        w.backlog &&
        age >= this.at(w.backlog.fromAge) &&
        age <= this.at(w.backlog.toAge)
      ) {
        const rule = d ? `${tag}.${w.type}@${w.atAge} backlog (age ${age})` : '';
        this.emit(BACKLOG_OF[w.type], S, w.backlog.spreadYears, area, workCost(w, rates), rule);
      }
    }
  }

  /** Spreading rule: every work of one cycle, ÷ the rebuild age, every year of the horizon. */
  private unknownYearBuilding(
    area: number,
    lc: BuildingLifecycle,
    rates: { rebuild: number; renovation: number },
    tag: string
  ): void {
    const { S, H, d } = this;
    const share = (area * H) / lc.rebuildAge;
    const unknown = `÷ ${lc.rebuildAge} yearly (year built unknown)`;
    this.emit('rebuild', S, H, share, rates.rebuild, d ? `${tag}.rebuild ${unknown}` : '', true);
    for (const w of lc.works) {
      const rule = d ? `${tag}.${w.type}@${w.atAge} ${unknown}` : '';
      this.emit(w.type, S, H, share, workCost(w, rates), rule, true);
    }
  }

  /** Bridges and pipes: replaced every `cycle` years; overdue at S → backlog over `backlogSpread`. */
  cyclic(
    asset: EngineAsset,
    cycle: number,
    spread: number,
    backlogSpread: number,
    unitCost: number,
    tag: string
  ): void {
    const { S, H, d } = this;
    const yb = asset.yearBuilt;
    const q = asset.quantity;
    if (yb === null) {
      const rule = d ? `${tag} ÷ ${cycle} yearly (year built unknown)` : '';
      this.emit('replacement', S, H, (q * H) / cycle, unitCost, rule, true);
      return;
    }
    let next: number;
    cycle = this.at(cycle);
    if (S - yb > cycle) {
      const rule = d ? `${tag} backlog (age ${S - yb} > ${cycle})` : '';
      this.emit('backlog_replacement', S, backlogSpread, q, unitCost, rule);
      next = S + cycle;
    } else {
      next = yb + cycle;
    }
    for (; next <= this.end && next < this.closeYear; next += cycle)
      this.emit('replacement', next, spread, q, unitCost, d ? `${tag}@${cycle}` : '');
  }

  /** Roads, bridges and pipes by their class's rule. */
  infrastructure(asset: EngineAsset): void {
    const { S, H, d, standard } = this;
    const unit = replacementUnitCost(asset, standard);
    switch (asset.assetClass) {
      case 'road': {
        const r = standard.roads;
        const rule = d ? `${standard.key}.roads.${asset.category} ÷ ${r.cycleYears} yearly` : '';
        this.emit('replacement', S, H, (asset.quantity * H) / r.cycleYears, unit, rule, true);
        return;
      }
      case 'bridge': {
        const br = standard.bridges;
        const structure = (asset.structure ?? 'unknown') as keyof typeof br.unitCosts;
        const tag = d ? `${standard.key}.bridges.${structure}` : '';
        this.cyclic(asset, br.cycleYears, br.spreadYears, br.backlogSpreadYears, unit, tag);
        return;
      }
      case 'water_pipe': {
        const wp = standard.waterPipes;
        const kind = asset.pipeKind === 'conveyance' ? 'conveyance' : 'distribution';
        const tag = d ? `${standard.key}.waterPipes.${kind} φ${asset.diameterMm ?? '?'}` : '';
        this.cyclic(asset, wp.cycleYears, wp.spreadYears, wp.backlogSpreadYears, unit, tag);
        return;
      }
      case 'sewer_pipe': {
        const sp = standard.sewerPipes;
        const material = (asset.material ?? 'other') as keyof typeof sp.byMaterial;
        const tag = d
          ? `${standard.key}.sewerPipes.${sp.pricing === 'diameter' ? `diameter φ${asset.diameterMm ?? '?'}` : material}`
          : '';
        this.cyclic(asset, sp.cycleYears, sp.spreadYears, sp.backlogSpreadYears, unit, tag);
        return;
      }
    }
  }

  /** The yearly totals of the cells. */
  totalsByYear(): number[] {
    const totals: number[] = [];
    const perYear = this.nCombos * N_WORK;
    for (let y = 0; y < this.H; y++) {
      let sum = 0;
      for (let k = y * perYear; k < (y + 1) * perYear; k++) sum += this.cells[k]!;
      totals.push(sum);
    }
    return totals;
  }
}

/**
 * Projects renewal costs for `assets` under `standard`.
 * @returns the yearly cells, the yearly totals and (with `detail`) every work of every asset.
 */
export function projectRenewals(
  assets: readonly EngineAsset[],
  standard: Standard,
  options: ProjectionOptions
): ProjectionResult {
  const overrides = options.overrides ?? [];
  const all = overrides.some((o) => o.kind === 'new_building')
    ? [...assets, ...newBuildingAssets(overrides)]
    : assets;
  const newCodes = new Set(newBuildingAssets(overrides).map((a) => a.code));
  const hasOverrides = overrides.length > 0;
  const { combos, assetCombo } = comboColumns(all);
  const p = new Projector(standard, options, combos.length);
  const { S, end } = p;
  const b = standard.buildings;

  for (let i = 0; i < all.length; i++) {
    const asset = all[i]!;
    p.combo = assetCombo[i]!;
    p.assetIndex = i;
    p.code = asset.code;
    const o = hasOverrides ? resolveOverrides(asset, overrides) : null;
    p.closeYear = o ? o.closeYear : Infinity;
    p.scale = options.lifeScale?.[i] ?? 1;
    p.renovated = asset.renovatedYear ?? -Infinity;
    if (asset.assetClass === 'building')
      p.building(
        asset,
        b.defaultLifecycle === 'extended' || !!o?.extend,
        o?.keepAtRebuild ?? 1,
        newCodes.has(asset.code)
      );
    else p.infrastructure(asset);

    if (o && o.closeYear <= end && o.closeYear >= S && o.demolitionCostPerUnit > 0) {
      const closing = p.closeYear;
      p.closeYear = Infinity; // the demolition itself happens in the closing year
      const rule = p.d ? `scenario: close in ${closing}, demolition` : '';
      p.emit('demolition', closing, 1, asset.quantity, o.demolitionCostPerUnit, rule);
    }
  }

  return {
    startYear: S,
    years: p.H,
    assets: all,
    combos,
    cells: p.cells,
    totalsByYear: p.totalsByYear(),
    works: p.works,
    workColumns: p.columns
  };
}

export interface ProjectionRow {
  fiscalYear: number;
  assetClass: AssetClass;
  category: string;
  workType: WorkType;
  cost: number;
}

/** The non-zero cells as rows, ordered by year, class (in ASSET_CLASSES order), category, work type. */
export function projectionRows(result: ProjectionResult): ProjectionRow[] {
  const order = result.combos
    .map((c, i) => ({ ...c, i }))
    .sort(
      (a, b) =>
        ASSET_CLASSES.indexOf(a.assetClass) - ASSET_CLASSES.indexOf(b.assetClass) ||
        (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)
    );
  const rows: ProjectionRow[] = [];
  const n = result.combos.length;
  for (let y = 0; y < result.years; y++) {
    for (const c of order) {
      for (let w = 0; w < N_WORK; w++) {
        const cost = result.cells[(y * n + c.i) * N_WORK + w]!;
        if (cost !== 0)
          rows.push({
            fiscalYear: result.startYear + y,
            assetClass: c.assetClass,
            category: c.category,
            workType: WORK_TYPES[w]!,
            cost
          });
      }
    }
  }
  return rows;
}
