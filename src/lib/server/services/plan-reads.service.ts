/**
 * What the plan's readers take from it: the facilities and assets it acts on (read once per
 * state of the data), its items with their costs for the pages, and what the adopted plan gives a
 * scenario and the map. The plan's edits are `plan.service.ts`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { EngineAsset } from '../../engine/engine-asset';
import type { Override } from '../../engine/overrides';
import {
  planConflicts,
  planToScenario,
  buildingsOfAssets,
  itemAssets,
  type Conflict,
  type PlanAction,
  type PlanItem
} from '../../plan/plan';
import { estimateCost, newBuildingCost } from '../../plan/plan-cost';
import {
  adoptedPlanVersion,
  planFacilityRows,
  plannedFacilityRows,
  planItemOf,
  planItemRows,
  planTargetRows,
  planVersion,
  planVersions
} from '../repositories/plans.repository';
import { demolitionCostPerM2 } from '../repositories/facility-plan.repository';
import { getStandard } from '../repositories/standards.repository';
import { revisionKey } from '../repositories/revision.repository';

/** What the plan's items act on, read once per state of the data. */
export interface PlanTargets {
  assets: Map<string, EngineAsset & { name: string; facilityName: string | null }>;
  buildingsOf: Map<string, string[]>;
  facilities: Map<
    string,
    {
      name: string;
      category: string;
      status: string;
      plannedAreaM2: number | null;
      plannedStructure: string | null;
    }
  >;
}

const targetCache = new WeakMap<Kysely<Database>, { key: string; targets: Promise<PlanTargets> }>();

export async function planTargets(db: Kysely<Database>): Promise<PlanTargets> {
  const key = await revisionKey(db);
  let cached = targetCache.get(db);
  if (cached?.key !== key) {
    const read = async (): Promise<PlanTargets> => {
      const [rows, facilityRows] = await Promise.all([planTargetRows(db), planFacilityRows(db)]);
      const assets: PlanTargets['assets'] = new Map();
      const buildingsOf = new Map<string, string[]>();
      for (const r of rows) {
        assets.set(r.code, {
          code: r.code,
          name: r.name,
          facilityName: r.facility_name,
          assetClass: r.asset_class as EngineAsset['assetClass'],
          category: r.category,
          yearBuilt: null,
          quantity: r.quantity,
          structure: r.structure,
          material: r.material,
          diameterMm: r.diameter_mm,
          pipeKind: r.asset_class === 'water_pipe' ? r.category : null,
          facilityCode: r.facility_code
        });
        if (r.facility_code && r.asset_class === 'building') {
          const list = buildingsOf.get(r.facility_code);
          if (list) list.push(r.code);
          else buildingsOf.set(r.facility_code, [r.code]);
        }
      }
      const facilities: PlanTargets['facilities'] = new Map();
      for (const f of facilityRows) {
        facilities.set(f.code, {
          name: f.name,
          category: f.category,
          status: f.status,
          plannedAreaM2: f.planned_area_m2,
          plannedStructure: f.planned_structure
        });
        // A facility without buildings (a planned one) is still a target.
        if (!buildingsOf.has(f.code)) buildingsOf.set(f.code, []);
      }
      return { assets, buildingsOf, facilities };
    };
    cached = { key, targets: read() };
    targetCache.set(db, cached);
    cached.targets.catch(() => targetCache.delete(db));
  }
  return cached.targets;
}

/**
 * What the adopted plan asks of a scenario starting in `startYear` (nothing when no plan is
 * adopted): its works committed on assets in the register, closures and new buildings.
 */
export async function adoptedPlanForScenario(
  db: Kysely<Database>,
  startYear: number,
  /** The city's assets when the caller has read them (a scenario's run): no second read. */
  assets?: readonly EngineAsset[]
): Promise<{ committed: { assetCode: string; year: number }[]; overrides: Override[] }> {
  const adopted = await adoptedPlanVersion(db);
  if (!adopted) return { committed: [], overrides: [] };
  const [rows, demolition, planned] = await Promise.all([
    planItemRows(db, adopted.id),
    demolitionCostPerM2(db),
    plannedFacilityRows(db)
  ]);
  let buildingsOf: Map<string, string[]>;
  let known: { has(code: string): boolean };
  if (assets) {
    buildingsOf = buildingsOfAssets(assets);
    known = new Set(assets.map((a) => a.code));
  } else {
    const targets = await planTargets(db);
    buildingsOf = targets.buildingsOf;
    known = targets.assets;
  }
  const plannedFacilities = new Map(
    planned.map((f) => [
      f.code,
      {
        code: f.code,
        category: f.category,
        areaM2: f.planned_area_m2,
        structure: f.planned_structure
      }
    ])
  );
  const { committed, overrides } = planToScenario(rows.map(planItemOf), buildingsOf, {
    startYear,
    demolitionCostPerM2: demolition,
    plannedFacilities
  });
  return { committed: committed.filter((c) => known.has(c.assetCode)), overrides };
}

/** An item as the plan page shows it. */
export interface PlanItemView extends PlanItem {
  version: number;
  /** The facility's or asset's name. */
  name: string;
  assetClass: string;
  category: string;
  /** The entered cost, else the standard's estimate, else null. */
  plannedYen: number | null;
  estimated: boolean;
  assetCount: number;
}

/** The estimate and display facts of each item. */
export async function itemViews(
  db: Kysely<Database>,
  rows: Awaited<ReturnType<typeof planItemRows>>
): Promise<PlanItemView[]> {
  const [targets, standard, demolition] = await Promise.all([
    planTargets(db),
    getStandard(db, 'soumu'),
    demolitionCostPerM2(db)
  ]);
  return rows.map((row) => {
    const item = planItemOf(row);
    const codes = itemAssets(item, targets.buildingsOf);
    const assets = codes.flatMap((c) => targets.assets.get(c) ?? []);
    const facility = item.facilityCode ? targets.facilities.get(item.facilityCode) : undefined;
    const first = assets[0];
    let estimate: number | null = null;
    if (standard && item.action === 'new_building' && facility?.plannedAreaM2)
      estimate = newBuildingCost(facility.category, facility.plannedAreaM2, standard);
    else if (standard) estimate = estimateCost(item.action, assets, standard, demolition);
    return {
      ...item,
      version: row.version,
      name: facility?.name ?? first?.name ?? '',
      assetClass: first?.assetClass ?? (facility ? 'building' : ''),
      category: facility?.category ?? first?.category ?? '',
      plannedYen: item.costYen ?? estimate,
      estimated: item.costYen === null && estimate !== null,
      assetCount: assets.length
    };
  });
}

export interface PlanPage {
  versions: Awaited<ReturnType<typeof planVersions>>;
  current: Awaited<ReturnType<typeof planVersion>> | null;
  items: PlanItemView[];
  conflicts: Conflict[];
}

/** A plan version's page: its items with their costs, and the plan's conflicts. */
export async function planPage(db: Kysely<Database>, id: number | null): Promise<PlanPage> {
  const versions = await planVersions(db);
  const current =
    (id !== null ? versions.find((v) => v.id === id) : undefined) ??
    versions.find((v) => v.status === 'adopted') ??
    versions[0] ??
    null;
  if (!current) return { versions, current: null, items: [], conflicts: [] };
  const [rows, targets] = await Promise.all([planItemRows(db, current.id), planTargets(db)]);
  const items = await itemViews(db, rows);
  const conflicts = planConflicts(items, targets.buildingsOf, new Set(targets.assets.keys()));
  return { versions, current, items, conflicts };
}

/** What the adopted plan gives a scenario, for its page: the plan's name and the works taken. */
export interface PlanContribution {
  name: string;
  committed: { assetCode: string; year: number }[];
  committedCount: number;
  closures: number;
  newBuildings: number;
}

export async function planContribution(
  db: Kysely<Database>,
  startYear: number
): Promise<PlanContribution | null> {
  const adopted = await adoptedPlanVersion(db);
  if (!adopted) return null;
  const { committed, overrides } = await adoptedPlanForScenario(db, startYear);
  const sorted = [...committed].sort(
    (a, b) => a.year - b.year || a.assetCode.localeCompare(b.assetCode)
  );
  return {
    name: adopted.name,
    committed: sorted.slice(0, 200),
    committedCount: committed.length,
    closures: overrides.filter((o) => o.kind === 'close').length,
    newBuildings: overrides.filter((o) => o.kind === 'new_building').length
  };
}

/**
 * Each asset's next planned action on the map: the earliest action of the working version (the
 * adopted plan, else the newest draft) that is neither done nor cancelled, with its year.
 */
export async function plannedActionsByAsset(
  db: Kysely<Database>,
  /** The assets the caller has read (the map index's rows): no second read of the register. */
  assets: Iterable<{ code: string; assetClass: string; facilityCode: string | null }>
): Promise<Map<string, { action: PlanAction; year: number }>> {
  const plan =
    (await adoptedPlanVersion(db)) ?? (await planVersions(db)).find((v) => v.status === 'draft');
  const out = new Map<string, { action: PlanAction; year: number }>();
  if (!plan) return out;
  const rows = await planItemRows(db, plan.id);
  const buildingsOf = buildingsOfAssets(assets);
  for (const row of rows) {
    if (row.status === 'done' || row.status === 'cancelled') continue;
    const item = planItemOf(row);
    for (const code of itemAssets(item, buildingsOf)) {
      const known = out.get(code);
      if (!known || item.fiscalYear < known.year)
        out.set(code, { action: item.action, year: item.fiscalYear });
    }
  }
  return out;
}
