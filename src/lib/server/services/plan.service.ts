/**
 * The 個別施設計画 in Hozen: versions (a draft, the adopted plan, those it superseded), actions
 * added for a selection of facilities or assets, moved between years, marked done or cancelled,
 * the conflicts among them, and what the adopted plan asks of a scenario. Every change is
 * audited; an item is changed only at the version its editor read.
 */
import type { Kysely } from 'kysely';
import type { Database, NewPlanItemRow } from '../db/database';
import type { EngineAsset } from '../../engine/engine-asset';
import type { Override } from '../../engine/overrides';
import { said, SaidError } from '../../i18n/said';
import {
  PLAN_ACTIONS,
  PLAN_STATUSES,
  planConflicts,
  planToScenario,
  itemAssets,
  type Conflict,
  type PlanAction,
  type PlanItem,
  type PlanStatus
} from '../../plan/plan';
import { estimateCost, newBuildingCost } from '../../plan/plan-cost';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import {
  adoptVersion,
  adoptedPlanVersion,
  countPlanItems,
  deletePlanItem,
  insertPlanItems,
  insertPlanVersion,
  planFacilityRows,
  plannedFacilityRows,
  planItemOf,
  planItemRow,
  planItemRows,
  planTargetRows,
  planVersion,
  planVersions
} from '../repositories/plans.repository';
import { updateIfAt } from '../repositories/versioned';
import { demolitionCostPerM2 } from '../repositories/facility-plan.repository';
import { getStandard } from '../repositories/standards.repository';
import { revisionKey } from '../repositories/revision.repository';

export class PlanError extends SaidError<400 | 404 | 409 | 413> {}

/** The most items one plan version holds, and one request adds. */
export const MAX_PLAN_ITEMS = 50_000;
export const MAX_ITEMS_PER_REQUEST = 5_000;
const YEARS = { min: 1950, max: 2150 };

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
    buildingsOf = new Map();
    for (const a of assets)
      if (a.assetClass === 'building' && a.facilityCode) {
        const list = buildingsOf.get(a.facilityCode);
        if (list) list.push(a.code);
        else buildingsOf.set(a.facilityCode, [a.code]);
      }
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

const noPlan = (id: number) => said(`計画の版 ${id} はありません`, `no plan version ${id}`);

async function editableVersion(db: Kysely<Database>, id: number) {
  const version = Number.isSafeInteger(id) ? await planVersion(db, id) : undefined;
  if (!version) throw new PlanError(noPlan(id), 404);
  if (version.status === 'superseded')
    throw new PlanError(
      said(
        `「${version.name}」は旧版です。現行の版か案を編集してください`,
        `"${version.name}" is superseded; edit the adopted version or a draft`
      ),
      409
    );
  return version;
}

/** A new version (a draft), empty or a copy of another version's items; its id. */
export async function createPlanVersion(
  db: Kysely<Database>,
  who: AuditWho,
  input: { name: string; fiscalYear: number; basedOn: number | null; note: string | null }
): Promise<number> {
  const name = input.name.trim().slice(0, 100);
  if (!name)
    throw new PlanError(said('版の名前を入力してください', 'enter a name for the version'), 400);
  if (
    !Number.isInteger(input.fiscalYear) ||
    input.fiscalYear < YEARS.min ||
    input.fiscalYear > YEARS.max
  )
    throw new PlanError(said('年度が正しくありません', 'the fiscal year is not valid'), 400);
  return db.transaction().execute(async (trx) => {
    if (input.basedOn !== null && !(await planVersion(trx, input.basedOn)))
      throw new PlanError(noPlan(input.basedOn), 404);
    const id = await insertPlanVersion(
      trx,
      { name, fiscal_year: input.fiscalYear, based_on: input.basedOn, note: input.note },
      who.now
    );
    if (input.basedOn !== null) {
      const rows = await planItemRows(trx, input.basedOn);
      await insertPlanItems(
        trx,
        rows.map(({ id: _id, plan_id: _plan, version: _v, ...rest }) => ({
          ...rest,
          plan_id: id,
          created_at: who.now,
          updated_at: who.now
        }))
      );
    }
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'plan',
      entityId: String(id),
      before: null,
      after: { name, fiscalYear: input.fiscalYear, basedOn: input.basedOn }
    });
    return id;
  });
}

/** Adopts a version: it becomes the plan scenarios take; the one adopted before is superseded. */
export async function adoptPlanVersion(db: Kysely<Database>, who: AuditWho, id: number) {
  await db.transaction().execute(async (trx) => {
    const version = await editableVersion(trx, id);
    const before = await adoptedPlanVersion(trx);
    await adoptVersion(trx, id, who.username ?? '', who.now);
    await writeAudit(trx, who, {
      action: 'adopt',
      entity: 'plan',
      entityId: String(id),
      before: before ? { adopted: before.id } : null,
      after: { adopted: id, name: version.name }
    });
  });
}

export interface NewItemsInput {
  /** Facility codes or asset codes, as `level` says. */
  codes: string[];
  level: 'facility' | 'asset';
  action: string;
  fiscalYear: number;
  costYen: number | null;
  intoFacility: string | null;
  reason: string | null;
}

/** Adds one action for each facility or asset selected; how many were added. */
export async function addPlanItems(
  db: Kysely<Database>,
  who: AuditWho,
  planId: number,
  input: NewItemsInput
): Promise<number> {
  const codes = [...new Set(input.codes.map((c) => c.trim()).filter(Boolean))];
  if (!codes.length)
    throw new PlanError(said('施設か資産を選んでください', 'select facilities or assets'), 400);
  if (codes.length > MAX_ITEMS_PER_REQUEST)
    throw new PlanError(
      said(
        `一度に追加できるのは ${MAX_ITEMS_PER_REQUEST} 件までです（${codes.length} 件）`,
        `at most ${MAX_ITEMS_PER_REQUEST} at once (${codes.length} selected)`
      ),
      413
    );
  if (!(PLAN_ACTIONS as readonly string[]).includes(input.action))
    throw new PlanError(
      said(`措置「${input.action}」は選べません`, `unknown action "${input.action}"`),
      400
    );
  if (
    !Number.isInteger(input.fiscalYear) ||
    input.fiscalYear < YEARS.min ||
    input.fiscalYear > YEARS.max
  )
    throw new PlanError(
      said(
        `年度は ${YEARS.min}〜${YEARS.max} の整数`,
        `the fiscal year: an integer ${YEARS.min}–${YEARS.max}`
      ),
      400
    );
  if (input.costYen !== null && !(input.costYen >= 0 && input.costYen <= 1e13))
    throw new PlanError(said('費用は 0 以上の円', 'the cost: yen, 0 or more'), 400);
  const targets = await planTargets(db);
  const known = input.level === 'facility' ? targets.facilities : targets.assets;
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new PlanError(
      said(
        `台帳にない${input.level === 'facility' ? '施設' : '資産'}コード: ${unknown.slice(0, 10).join('、')}`,
        `not in the register: ${unknown.slice(0, 10).join(', ')}`
      ),
      400
    );
  if (
    input.action === 'consolidation' &&
    !(input.intoFacility && targets.facilities.has(input.intoFacility))
  )
    throw new PlanError(
      said(
        '複合化・集約化には集約先の施設コードが必要です',
        'a consolidation needs the facility it joins'
      ),
      400
    );
  return db.transaction().execute(async (trx) => {
    await editableVersion(trx, planId);
    if ((await countPlanItems(trx, planId)) + codes.length > MAX_PLAN_ITEMS)
      throw new PlanError(
        said(
          `一つの版の措置は ${MAX_PLAN_ITEMS} 件までです`,
          `a version holds at most ${MAX_PLAN_ITEMS} actions`
        ),
        413
      );
    const rows: NewPlanItemRow[] = codes.map((code) => ({
      plan_id: planId,
      facility_code: input.level === 'facility' ? code : null,
      asset_code: input.level === 'asset' ? code : null,
      action: input.action,
      fiscal_year: input.fiscalYear,
      cost_yen: input.costYen,
      into_facility: input.action === 'consolidation' ? input.intoFacility : null,
      reason: input.reason?.slice(0, 500) || null,
      created_at: who.now,
      updated_at: who.now
    }));
    await insertPlanItems(trx, rows);
    await writeAudit(trx, who, {
      action: 'add',
      entity: 'plan_item',
      entityId: String(planId),
      before: null,
      after: {
        action: input.action,
        fiscalYear: input.fiscalYear,
        codes: codes.slice(0, 100),
        count: codes.length
      }
    });
    return codes.length;
  });
}

/** Changes an item's year, status or cost at the version its editor read. */
export async function updatePlanItem(
  db: Kysely<Database>,
  who: AuditWho,
  id: number,
  basedOn: number,
  change: { fiscalYear?: number; status?: string; costYen?: number | null }
): Promise<void> {
  if (change.status !== undefined && !(PLAN_STATUSES as readonly string[]).includes(change.status))
    throw new PlanError(
      said(`状況「${change.status}」は選べません`, `unknown status "${change.status}"`),
      400
    );
  if (
    change.fiscalYear !== undefined &&
    (!Number.isInteger(change.fiscalYear) ||
      change.fiscalYear < YEARS.min ||
      change.fiscalYear > YEARS.max)
  )
    throw new PlanError(said('年度が正しくありません', 'the fiscal year is not valid'), 400);
  await db.transaction().execute(async (trx) => {
    const row = Number.isSafeInteger(id) ? await planItemRow(trx, id) : undefined;
    if (!row) throw new PlanError(said(`措置 ${id} はありません`, `no plan item ${id}`), 404);
    await editableVersion(trx, row.plan_id);
    const set = {
      ...(change.fiscalYear !== undefined ? { fiscal_year: change.fiscalYear } : {}),
      ...(change.status !== undefined ? { status: change.status as PlanStatus } : {}),
      ...(change.costYen !== undefined ? { cost_yen: change.costYen } : {})
    };
    if (
      row.version !== basedOn ||
      !(await updateIfAt(trx, 'plan_items', id, basedOn, set, who.now))
    )
      throw new PlanError(
        said(
          `この措置は、画面を開いた後に他の人が変更しました（現在の版 ${row.version}）。開き直してください`,
          `this action was changed by someone else after you opened the page (now version ${row.version}); reload`
        ),
        409
      );
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'plan_item',
      entityId: String(id),
      before: { fiscalYear: row.fiscal_year, status: row.status, costYen: row.cost_yen },
      after: change
    });
  });
}

/** Removes an item from a version that is not superseded. */
export async function removePlanItem(db: Kysely<Database>, who: AuditWho, id: number) {
  await db.transaction().execute(async (trx) => {
    const row = Number.isSafeInteger(id) ? await planItemRow(trx, id) : undefined;
    if (!row) throw new PlanError(said(`措置 ${id} はありません`, `no plan item ${id}`), 404);
    await editableVersion(trx, row.plan_id);
    await deletePlanItem(trx, id);
    await writeAudit(trx, who, {
      action: 'delete',
      entity: 'plan_item',
      entityId: String(id),
      before: planItemOf(row),
      after: null
    });
  });
}

export type { PlanAction };

/**
 * The version new actions go to when none is named (from the map): the newest draft, else the
 * adopted version, else a new draft for the data's year.
 */
export async function workingPlanId(
  db: Kysely<Database>,
  who: AuditWho,
  fiscalYear: number
): Promise<number> {
  const versions = await planVersions(db);
  const working =
    versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'adopted');
  if (working) return working.id;
  return createPlanVersion(db, who, {
    name: `個別施設計画（案） ${fiscalYear}`,
    fiscalYear,
    basedOn: null,
    note: null
  });
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
  db: Kysely<Database>
): Promise<Map<string, { action: PlanAction; year: number }>> {
  const plan =
    (await adoptedPlanVersion(db)) ?? (await planVersions(db)).find((v) => v.status === 'draft');
  const out = new Map<string, { action: PlanAction; year: number }>();
  if (!plan) return out;
  const [rows, targets] = await Promise.all([planItemRows(db, plan.id), planTargets(db)]);
  for (const row of rows) {
    if (row.status === 'done' || row.status === 'cancelled') continue;
    const item = planItemOf(row);
    for (const code of itemAssets(item, targets.buildingsOf)) {
      const known = out.get(code);
      if (!known || item.fiscalYear < known.year)
        out.set(code, { action: item.action, year: item.fiscalYear });
    }
  }
  return out;
}
