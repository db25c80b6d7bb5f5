/**
 * The city's 個別施設計画 as data: dated actions on facilities (all their buildings) or single
 * assets, their conflicts, and what an adopted plan asks of a scenario (committed works and
 * overrides). Pure: the services read and write the rows.
 */
import type { Override } from '../engine/overrides';

export const PLAN_ACTIONS = [
  'rebuild',
  'life_extension',
  'renovation',
  'repair',
  'consolidation',
  'closure',
  'demolition',
  'new_building',
  'transfer'
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const PLAN_ACTION_LABELS: Record<PlanAction, { ja: string; en: string }> = {
  rebuild: { ja: '建替え・更新', en: 'Rebuild / replacement' },
  life_extension: { ja: '長寿命化改修', en: 'Life-extension renovation' },
  renovation: { ja: '大規模改修', en: 'Major renovation' },
  repair: { ja: '修繕', en: 'Repair' },
  consolidation: { ja: '複合化・集約化', en: 'Consolidation' },
  closure: { ja: '廃止', en: 'Closure' },
  demolition: { ja: '除却', en: 'Demolition' },
  new_building: { ja: '新築', en: 'New building' },
  transfer: { ja: '譲渡・売却', en: 'Transfer or sale' }
};

/** Each action's colour (the plan's timeline, the map's "計画" colouring). */
export const PLAN_ACTION_COLORS: Record<PlanAction, string> = {
  rebuild: '#b42318',
  life_extension: '#0b6e4f',
  renovation: '#1d4ed8',
  repair: '#6b4fbb',
  consolidation: '#a15c00',
  closure: '#3d3d3d',
  demolition: '#3d3d3d',
  new_building: '#b5007f',
  transfer: '#3d3d3d'
};

/** Actions that end the asset's service in their year (works after it conflict). */
export const ENDING_ACTIONS: ReadonlySet<PlanAction> = new Set([
  'consolidation',
  'closure',
  'demolition',
  'transfer'
]);
/** Actions that are works on the asset (committed in a scenario). */
export const WORK_ACTIONS: ReadonlySet<PlanAction> = new Set([
  'rebuild',
  'life_extension',
  'renovation',
  'repair'
]);

export const PLAN_STATUSES = ['planned', 'budgeted', 'under_way', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, { ja: string; en: string }> = {
  planned: { ja: '計画', en: 'Planned' },
  budgeted: { ja: '予算化', en: 'Budgeted' },
  under_way: { ja: '実施中', en: 'Under way' },
  done: { ja: '完了', en: 'Done' },
  cancelled: { ja: '中止', en: 'Cancelled' }
};

export const PLAN_VERSION_STATUS_LABELS: Record<string, { ja: string; en: string }> = {
  draft: { ja: '案', en: 'Draft' },
  adopted: { ja: '策定済（現行）', en: 'Adopted (current)' },
  superseded: { ja: '旧版', en: 'Superseded' }
};

/** One planned action. Exactly one of facilityCode and assetCode is set. */
export interface PlanItem {
  id: number;
  facilityCode: string | null;
  assetCode: string | null;
  action: PlanAction;
  fiscalYear: number;
  costYen: number | null;
  status: PlanStatus;
  intoFacility: string | null;
  reason: string | null;
}

/** The buildings (asset codes) of each facility, to expand facility-level actions. */
export type BuildingsOf = ReadonlyMap<string, readonly string[]>;

/** Each facility's buildings, from the assets (class and facility of each). */
export function buildingsOfAssets(
  assets: Iterable<{ code: string; assetClass: string; facilityCode: string | null }>
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of assets)
    if (a.assetClass === 'building' && a.facilityCode) {
      const list = out.get(a.facilityCode);
      if (list) list.push(a.code);
      else out.set(a.facilityCode, [a.code]);
    }
  return out;
}

/** The asset codes an item acts on. */
export function itemAssets(item: PlanItem, buildingsOf: BuildingsOf): readonly string[] {
  if (item.assetCode) return [item.assetCode];
  return item.facilityCode ? (buildingsOf.get(item.facilityCode) ?? []) : [];
}

const live = (item: PlanItem) => item.status !== 'cancelled';

export type ConflictKind = 'same_year' | 'after_end' | 'joins_closed' | 'unknown_target';

export interface Conflict {
  kind: ConflictKind;
  /** The items in conflict (the first is the one to change). */
  itemIds: number[];
  /** The asset or facility it is about. */
  code: string;
  year: number;
}

export const CONFLICT_LABELS: Record<ConflictKind, { ja: string; en: string }> = {
  same_year: { ja: '同じ年度に同じ資産への措置が二つ', en: 'Two actions on one asset in one year' },
  after_end: { ja: '廃止・除却の後の工事', en: 'Work after the asset is closed' },
  joins_closed: {
    ja: '集約先の施設がそれより前に廃止',
    en: 'Consolidated into a facility that closes earlier'
  },
  unknown_target: { ja: '台帳にない施設・資産', en: 'Facility or asset not in the register' }
};

/**
 * The plan's conflicts: two live actions on one asset in one year; a work on an asset after an
 * action ending it (closure, consolidation, demolition, transfer — a demolition after a closure
 * is the expected sequel, not a conflict); a consolidation into a facility whose own ending comes
 * earlier; an action on a facility or asset the register does not hold.
 */
export function planConflicts(
  items: readonly PlanItem[],
  buildingsOf: BuildingsOf,
  knownAssets: ReadonlySet<string>
): Conflict[] {
  const out: Conflict[] = [];
  const onAsset = new Map<string, PlanItem[]>();
  for (const item of items.filter(live)) {
    const unknown = item.assetCode
      ? !knownAssets.has(item.assetCode)
      : !buildingsOf.has(item.facilityCode ?? '');
    if (unknown && item.action !== 'new_building') {
      out.push({
        kind: 'unknown_target',
        itemIds: [item.id],
        code: item.assetCode ?? item.facilityCode ?? '',
        year: item.fiscalYear
      });
      continue;
    }
    for (const code of itemAssets(item, buildingsOf)) {
      const list = onAsset.get(code);
      if (list) list.push(item);
      else onAsset.set(code, [item]);
    }
  }
  const seen = new Set<string>();
  const push = (c: Conflict) => {
    const key = `${c.kind}:${[...c.itemIds].sort((a, b) => a - b).join(',')}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  };
  for (const [code, list] of onAsset) {
    const ends = list.filter((i) => ENDING_ACTIONS.has(i.action));
    const firstEnd = ends.reduce<PlanItem | null>(
      (a, i) => (a === null || i.fiscalYear < a.fiscalYear ? i : a),
      null
    );
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++)
        if (list[a]!.fiscalYear === list[b]!.fiscalYear)
          push({
            kind: 'same_year',
            itemIds: [list[b]!.id, list[a]!.id],
            code,
            year: list[a]!.fiscalYear
          });
    if (firstEnd)
      for (const i of list)
        if (i.fiscalYear > firstEnd.fiscalYear && !(i.action === 'demolition'))
          push({ kind: 'after_end', itemIds: [i.id, firstEnd.id], code, year: i.fiscalYear });
  }
  const endOfFacility = new Map<string, PlanItem>();
  for (const item of items.filter(live))
    if (item.facilityCode && ENDING_ACTIONS.has(item.action)) {
      const earlier = endOfFacility.get(item.facilityCode);
      if (!earlier || item.fiscalYear < earlier.fiscalYear)
        endOfFacility.set(item.facilityCode, item);
    }
  for (const item of items.filter(live))
    if (item.action === 'consolidation' && item.intoFacility) {
      const end = endOfFacility.get(item.intoFacility);
      if (end && end.fiscalYear < item.fiscalYear)
        push({
          kind: 'joins_closed',
          itemIds: [item.id, end.id],
          code: item.intoFacility,
          year: item.fiscalYear
        });
    }
  return out;
}

/** What a planned new facility builds (from its record: category, floor area, structure). */
export interface PlannedFacility {
  code: string;
  category: string;
  areaM2: number | null;
  structure: string | null;
}

/**
 * What the plan asks of a scenario from `startYear` on: each work (rebuild, life extension,
 * renovation, repair) committed on its assets in its year, life extension applied to the assets
 * it names; each ending action closing its assets in its year (demolished at the city's rate
 * except a transfer, which hands the building over); each new building built in its year.
 * Cancelled and done items, and items before `startYear`, ask nothing (done works are in the
 * actuals).
 */
export function planToScenario(
  items: readonly PlanItem[],
  buildingsOf: BuildingsOf,
  options: {
    startYear: number;
    demolitionCostPerM2: number | null;
    plannedFacilities: ReadonlyMap<string, PlannedFacility>;
  }
): { committed: { assetCode: string; year: number }[]; overrides: Override[] } {
  const committed: { assetCode: string; year: number }[] = [];
  const overrides: Override[] = [];
  const extend = new Set<string>();
  const committedKeys = new Set<string>();
  const sorted = [...items].sort((a, b) => a.fiscalYear - b.fiscalYear || a.id - b.id);
  for (const item of sorted) {
    if (item.status === 'cancelled' || item.status === 'done') continue;
    if (item.fiscalYear < options.startYear) continue;
    const assets = itemAssets(item, buildingsOf);
    if (WORK_ACTIONS.has(item.action)) {
      for (const code of assets) {
        // The engine takes one committed start per asset: the earliest.
        if (committedKeys.has(code)) continue;
        committedKeys.add(code);
        committed.push({ assetCode: code, year: item.fiscalYear });
      }
      if (item.action === 'life_extension') for (const code of assets) extend.add(code);
    } else if (ENDING_ACTIONS.has(item.action) && assets.length) {
      const demolition =
        item.action !== 'transfer' && options.demolitionCostPerM2
          ? { demolitionCostPerM2: options.demolitionCostPerM2 }
          : {};
      overrides.push({
        kind: 'close',
        assetCodes: [...assets],
        year: item.fiscalYear,
        ...demolition
      });
    } else if (item.action === 'new_building' && item.facilityCode) {
      const f = options.plannedFacilities.get(item.facilityCode);
      if (f?.areaM2)
        overrides.push({
          kind: 'new_building',
          code: `${f.code}-NEW`,
          category: f.category,
          area: f.areaM2,
          year: item.fiscalYear,
          structure: f.structure,
          facilityCode: f.code
        });
    }
  }
  if (extend.size) overrides.unshift({ kind: 'life_extension', assetCodes: [...extend].sort() });
  return { committed, overrides };
}
