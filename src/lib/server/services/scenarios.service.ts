/**
 * Scenarios: created from a preset, copied, renamed, edited and deleted — every change with a
 * version check and an audit entry — and run: Engine I (unconstrained) or Engine II (under the
 * budget) on the city's assets, the result kept in `scenario_runs` under a hash of the scenario
 * and of the data, so that the same question on the same data is answered from the cache and a
 * result computed before the data changed is known to be stale.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { facilityPolicyOverrides } from '../../engine/overrides';
import {
  projectionRows,
  projectRenewals,
  type ProjectionResult,
  type ProjectionRow
} from '../../engine/projection';
import { ASSET_CLASSES, BUILDING_CATEGORIES, type AssetClass } from '../../engine/asset-classes';
import { summarizeProjection } from '../../engine/projection-summary';
import {
  budgetAmount,
  simulateBudget,
  summarizeBudget,
  type Budget
} from '../../engine/simulate-budget';
import { solveBudget } from '../../engine/solve-budget';
import { WORK_TYPES, type WorkType } from '../../engine/work-types';
import {
  parseScenarioParams,
  presetDefinition,
  type Preset,
  type ScenarioDefinition,
  type ScenarioParams
} from '../../scenario';
import type { Database } from '../db/database';
import { listEngineAssets } from '../repositories/assets.repository';
import { getSettings } from '../repositories/settings.repository';
import { writeAudit } from '../repositories/audit.repository';
import { ensureBuiltinStandards, getStandard } from '../repositories/standards.repository';
import type { EngineAsset } from '../../engine/engine-asset';
import type { ProjectionExportOptions } from './export.service';
import { revisionKey, withHazardZones } from './map-index.service';

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409
  ) {
    super(message);
  }
}

type Who = { username: string | null; now: string };

export interface Scenario extends ScenarioDefinition {
  id: number;
  version: number;
  updatedAt: string;
}

/** What the pages draw: yearly figures (yen) and the headline. */
export interface ScenarioResult {
  startYear: number;
  years: number;
  /** Cost per fiscal year by work type: what is spent (funded, under a budget; else the need). */
  byWorkType: Partial<Record<WorkType, number[]>>;
  /** The same money per fiscal year by asset class. */
  byClass: Partial<Record<AssetClass, number[]>>;
  /** The same money by use category for buildings (総務省 categories), by class for the rest. */
  byUse: Record<string, number[]>;
  /** The unconstrained need per year. */
  need: number[];
  /** Money per year under the budget (null: no budget). */
  budget: number[] | null;
  /** Backlog (yen of works waiting) at the end of each year, under a budget. */
  backlog: number[] | null;
  headline: {
    total: number;
    annualAverage: number;
    referenceInvestment: number | null;
    ratioToReference: number | null;
    presentValue: number;
    fundingGap: number | null;
    backlogEnd: number | null;
    assetSustainabilityRatio: number | null;
  };
}

export interface ScenarioRun {
  result: ScenarioResult;
  /** True when this run was read from the cache (same scenario, same data). */
  cached: boolean;
  /** True when the scenario's previous run was computed on other data (or another definition). */
  previousWasStale: boolean;
  computedAt: string;
  durationMs: number;
}

async function cityFacts(db: Kysely<Database>) {
  const settings = await getSettings(db);
  const reference = Number(settings.recent_investment_yen);
  return {
    startYear: Number(settings.data_as_of_year) || new Date().getFullYear(),
    referenceInvestment: Number.isFinite(reference) && reference > 0 ? reference : null
  };
}

async function standardId(db: Kysely<Database>, key: string): Promise<number> {
  const find = () =>
    db.selectFrom('standards').select('id').where('key', '=', key).executeTakeFirst();
  let row = await find();
  if (!row) {
    // The built-in standards' rows are written at start-up; a database made otherwise may lack them.
    await ensureBuiltinStandards(db, new Date().toISOString());
    row = await find();
  }
  if (!row) throw new ScenarioError(`unknown standard "${key}"`, 400);
  return row.id;
}

const audit = (
  db: Kysely<Database>,
  who: Who,
  action: string,
  id: number,
  before: unknown,
  after: unknown
) => writeAudit(db, who, { action, entity: 'scenario', entityId: String(id), before, after });

function checkDefinition(def: ScenarioDefinition) {
  const problems: string[] = [];
  if (!def.name.trim() || def.name.length > 200) problems.push('name: 1 to 200 characters');
  if (!Number.isInteger(def.startYear) || def.startYear < 1900 || def.startYear > 2200)
    problems.push('startYear: a fiscal year from 1900 to 2200');
  if (!Number.isInteger(def.years) || def.years < 1 || def.years > 100)
    problems.push('years: a whole number from 1 to 100');
  const params = parseScenarioParams(def.params);
  if (!params.ok) problems.push(...params.errors);
  if (problems.length) throw new ScenarioError(problems.join('; '), 400);
}

/** Creates a scenario (checked), audited; its id. */
export async function createScenario(
  db: Kysely<Database>,
  def: ScenarioDefinition,
  who: Who
): Promise<number> {
  checkDefinition(def);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('scenarios')
      .values({
        name: def.name.trim(),
        standard_id: await standardId(trx, def.standard),
        start_year: def.startYear,
        horizon_years: def.years,
        params: JSON.stringify(def.params),
        created_at: who.now,
        updated_at: who.now
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, who, 'create', row.id, null, def);
    return row.id;
  });
}

/** Creates a scenario from a preset for this city. */
export async function createFromPreset(
  db: Kysely<Database>,
  preset: Preset,
  who: Who,
  lang: 'ja' | 'en' = 'ja'
): Promise<number> {
  const city = await cityFacts(db);
  // A cap "at the recent investment" with no investment known would be no cap under that name.
  if (preset === 'capped' && city.referenceInvestment === null)
    throw new ScenarioError(
      "preset capped: the city's recent annual investment is not known (setting recent_investment_yen); choose another preset",
      400
    );
  return createScenario(db, presetDefinition(preset, city, lang), who);
}

/** Every scenario, newest first. */
export async function listScenarios(db: Kysely<Database>): Promise<Scenario[]> {
  const rows = await db
    .selectFrom('scenarios')
    .innerJoin('standards', 'standards.id', 'scenarios.standard_id')
    .select([
      'scenarios.id',
      'scenarios.name',
      'scenarios.start_year',
      'scenarios.horizon_years',
      'scenarios.params',
      'scenarios.version',
      'scenarios.updated_at',
      'standards.key as standard'
    ])
    .orderBy('scenarios.id', 'desc')
    .execute();
  return rows.map((r) => {
    const params = parseScenarioParams(JSON.parse(r.params));
    if (!params.ok)
      throw new Error(`scenario ${r.id} in the database is invalid: ${params.errors.join('; ')}`);
    return {
      id: r.id,
      name: r.name,
      standard: r.standard,
      startYear: r.start_year,
      years: r.horizon_years,
      params: params.params,
      version: r.version,
      updatedAt: r.updated_at
    };
  });
}

/** One scenario, or null. */
export async function getScenario(db: Kysely<Database>, id: number): Promise<Scenario | null> {
  return (await listScenarios(db)).find((s) => s.id === id) ?? null;
}

function definitionOf(s: Scenario): ScenarioDefinition {
  return {
    name: s.name,
    standard: s.standard,
    startYear: s.startYear,
    years: s.years,
    params: s.params
  };
}

async function mustGet(db: Kysely<Database>, id: number): Promise<Scenario> {
  const scenario = await getScenario(db, id);
  if (!scenario) throw new ScenarioError(`no scenario ${id}`, 404);
  return scenario;
}

/** Changes a scenario's name or definition, refused (409) when it changed since it was read. */
export async function updateScenario(
  db: Kysely<Database>,
  id: number,
  version: number,
  patch: Partial<ScenarioDefinition>,
  who: Who
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await mustGet(trx, id);
    const after: ScenarioDefinition = {
      name: patch.name ?? before.name,
      standard: patch.standard ?? before.standard,
      startYear: patch.startYear ?? before.startYear,
      years: patch.years ?? before.years,
      params: patch.params ?? before.params
    };
    checkDefinition(after);
    const updated = await trx
      .updateTable('scenarios')
      .set({
        name: after.name.trim(),
        standard_id: await standardId(trx, after.standard),
        start_year: after.startYear,
        horizon_years: after.years,
        params: JSON.stringify(after.params),
        version: before.version + 1,
        updated_at: who.now
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new ScenarioError(
        `scenario ${id} was changed by someone else after you opened it (now version ${before.version}); reload it and make the change again`,
        409
      );
    await audit(trx, who, 'update', id, definitionOf(before), after);
  });
}

/** A copy of a scenario under a new name; its id. */
export async function copyScenario(
  db: Kysely<Database>,
  id: number,
  name: string,
  who: Who
): Promise<number> {
  return createScenario(db, { ...definitionOf(await mustGet(db, id)), name }, who);
}

/** Deletes a scenario and its runs, refused (409) when it changed since it was read. */
export async function deleteScenario(
  db: Kysely<Database>,
  id: number,
  version: number,
  who: Who
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await mustGet(trx, id);
    if (before.version !== version)
      throw new ScenarioError(
        `scenario ${id} was changed by someone else after you opened it (now version ${before.version}); reload it before deleting`,
        409
      );
    await trx.deleteFrom('scenario_runs').where('scenario_id', '=', id).execute();
    await trx.deleteFrom('scenarios').where('id', '=', id).execute();
    await audit(trx, who, 'delete', id, definitionOf(before), null);
  });
}

/** A projection's money per fiscal year, split by work type or by asset class (in their orders). */
function perYear<K extends string>(
  result: ProjectionResult,
  keyOf: (row: ProjectionRow) => K,
  order: readonly K[]
): Partial<Record<K, number[]>> {
  const out: Partial<Record<K, number[]>> = {};
  for (const row of projectionRows(result)) {
    const series = (out[keyOf(row)] ??= new Array<number>(result.years).fill(0));
    series[row.fiscalYear - result.startYear]! += row.cost;
  }
  return Object.fromEntries(order.filter((k) => out[k]).map((k) => [k, out[k]!])) as Partial<
    Record<K, number[]>
  >;
}

const USE_ORDER = [...BUILDING_CATEGORIES, ...ASSET_CLASSES.filter((c) => c !== 'building')];
const useOf = (r: ProjectionRow): string =>
  r.assetClass === 'building'
    ? (BUILDING_CATEGORIES as readonly string[]).includes(r.category)
      ? r.category
      : 'other'
    : r.assetClass;

const splits = (result: ProjectionResult) => ({
  byWorkType: perYear(result, (r) => r.workType, WORK_TYPES),
  byClass: perYear(result, (r) => r.assetClass, ASSET_CLASSES),
  byUse: perYear(result, useOf, USE_ORDER) as Record<string, number[]>
});

/** The overrides of the record cards' policies, when the scenario applies them. */
async function policyOverrides(db: Kysely<Database>, p: ScenarioParams) {
  if (!p.facilityPolicies) return [];
  const rows = await db
    .selectFrom('facilities')
    .select(['code', 'policy', 'policy_year'])
    .where('policy', '!=', 'standard')
    .execute();
  return rows.flatMap(facilityPolicyOverrides);
}

const assetsCaches = new WeakMap<
  Kysely<Database>,
  { key: string; assets: Promise<EngineAsset[]> }
>();

/**
 * The city's assets as the engines take them (hazard zones marked), read once per state of the
 * data: the scenarios of a comparison, and every scenario until the next edit, share them.
 */
async function cityAssets(db: Kysely<Database>): Promise<EngineAsset[]> {
  const key = await revisionKey(db);
  let cached = assetsCaches.get(db);
  if (cached?.key !== key) {
    cached = { key, assets: listEngineAssets(db).then((assets) => withHazardZones(db, assets)) };
    assetsCaches.set(db, cached);
    cached.assets.catch(() => assetsCaches.delete(db));
  }
  return cached.assets;
}

/** What the engines take for a scenario: its standard, the city's assets, the options. */
async function engineInputs(db: Kysely<Database>, def: ScenarioDefinition) {
  const standard = await getStandard(db, def.standard);
  if (!standard) throw new ScenarioError(`unknown standard "${def.standard}"`, 400);
  const p: ScenarioParams = def.params;
  const assets = await cityAssets(db);
  const options = {
    startYear: def.startYear,
    years: def.years,
    inflation: p.inflation,
    overrides: [...(await policyOverrides(db, p)), ...p.overrides]
  };
  return { standard, p, assets, options };
}

/**
 * The budget solver on a scenario: the smallest flat annual budget (yen) that clears the backlog
 * by the end of `year` under its standard, overrides and weights.
 */
export async function solveScenario(
  db: Kysely<Database>,
  id: number,
  year: number
): Promise<{ year: number; budget: number; iterations: number }> {
  const def = definitionOf(await mustGet(db, id));
  const last = def.startYear + def.years - 1;
  if (!Number.isInteger(year) || year < def.startYear || year > last)
    throw new ScenarioError(`year: a fiscal year from ${def.startYear} to ${last}`, 400);
  const { standard, p, assets, options } = await engineInputs(db, def);
  const solved = solveBudget(
    assets,
    standard,
    { ...options, weights: p.weights },
    { kind: 'clear-backlog', year }
  );
  return { year, budget: solved.budget, iterations: solved.iterations };
}

/** Computes a scenario on the current data (no cache). */
export async function computeScenario(
  db: Kysely<Database>,
  def: ScenarioDefinition
): Promise<ScenarioResult> {
  const { standard, p, assets, options } = await engineInputs(db, def);
  const reference = p.referenceInvestment;
  if (p.budget.kind === 'none') {
    const result = projectRenewals(assets, standard, options);
    const summary = summarizeProjection(result, {
      discount: p.discount,
      referenceInvestment: reference
    });
    return {
      startYear: def.startYear,
      years: def.years,
      ...splits(result),
      need: result.totalsByYear,
      budget: null,
      backlog: null,
      headline: {
        total: summary.total,
        annualAverage: summary.annualAverage,
        referenceInvestment: reference,
        ratioToReference: summary.ratioToReference,
        presentValue: summary.presentValue,
        fundingGap: null,
        backlogEnd: null,
        assetSustainabilityRatio: null
      }
    };
  }
  const budget: Budget = p.budget;
  const run = simulateBudget(assets, standard, { ...options, budget, weights: p.weights });
  const summary = summarizeBudget(run, p.discount);
  const annualAverage = summary.funded / def.years;
  return {
    startYear: def.startYear,
    years: def.years,
    ...splits(run.funded),
    need: run.unconstrained.totalsByYear,
    budget: Array.from({ length: def.years }, (_, t) => budgetAmount(budget, t, 'building')),
    backlog: run.years.map((y) => y.backlogYen),
    headline: {
      total: summary.funded,
      annualAverage,
      referenceInvestment: reference,
      ratioToReference: reference ? annualAverage / reference : null,
      presentValue: summary.presentValue,
      fundingGap: summary.fundingGap,
      backlogEnd: summary.backlogEnd,
      assetSustainabilityRatio: summary.assetSustainabilityRatio
    }
  };
}

/**
 * A scenario's result: from the cache when the scenario and the data are what they were when it
 * last ran, else computed now and stored.
 */
export async function runScenario(db: Kysely<Database>, id: number): Promise<ScenarioRun> {
  const def = definitionOf(await mustGet(db, id));
  // The name is not part of the question: renaming keeps the cached result.
  const question = {
    standard: def.standard,
    startYear: def.startYear,
    years: def.years,
    params: def.params
  };
  const hash = createHash('sha256')
    .update(JSON.stringify({ question, data: await revisionKey(db) }))
    .digest('hex');
  const runs = await db
    .selectFrom('scenario_runs')
    .selectAll()
    .where('scenario_id', '=', id)
    .where('status', '=', 'done')
    .orderBy('id', 'desc')
    .execute();
  const hit = runs.find((r) => r.input_hash === hash);
  if (hit)
    return {
      result: JSON.parse(hit.result!) as ScenarioResult,
      cached: true,
      previousWasStale: false,
      computedAt: hit.finished_at!,
      durationMs: hit.duration_ms ?? 0
    };
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const result = await computeScenario(db, def);
  const durationMs = performance.now() - started;
  const finishedAt = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // One run kept per scenario: the latest.
    await trx.deleteFrom('scenario_runs').where('scenario_id', '=', id).execute();
    await trx
      .insertInto('scenario_runs')
      .values({
        scenario_id: id,
        input_hash: hash,
        status: 'done',
        started_at: startedAt,
        finished_at: finishedAt,
        duration_ms: durationMs,
        summary: JSON.stringify(result.headline),
        result: JSON.stringify(result),
        error: null
      })
      .execute();
  });
  return {
    result,
    cached: false,
    previousWasStale: runs.length > 0,
    computedAt: finishedAt,
    durationMs
  };
}

/** Two to four scenarios run side by side (each from the cache when it can be). */
export interface Comparison {
  scenarios: { scenario: Scenario; run: ScenarioRun }[];
}

/** Reads `ids=1,2,3` (two to four existing scenarios) and runs them; a 400/404 names what is wrong. */
export async function compareScenarios(db: Kysely<Database>, raw: string): Promise<Comparison> {
  const parts = raw.split(',').filter(Boolean);
  const ids = parts.map(Number);
  if (ids.some((id) => !Number.isInteger(id) || id < 1))
    throw new ScenarioError(`ids: "${raw}" is not a list of scenario numbers`, 400);
  if (new Set(ids).size !== ids.length)
    throw new ScenarioError(`ids: "${raw}" names one twice`, 400);
  if (ids.length < 2 || ids.length > 4)
    throw new ScenarioError(`ids: compare two to four scenarios (got ${ids.length})`, 400);
  const scenarios = [];
  for (const id of ids) {
    const scenario = await getScenario(db, id);
    if (!scenario) throw new ScenarioError(`no scenario ${id}`, 404);
    scenarios.push({ scenario, run: await runScenario(db, id) });
  }
  return { scenarios };
}

/**
 * A scenario as the options of a projection export (CSV, XLSX), so that the files hold the same
 * numbers as its page. A budget given per year cannot be exported yet (refused with a 400).
 */
export async function scenarioExportOptions(
  db: Kysely<Database>,
  id: number,
  lang: 'ja' | 'en'
): Promise<ProjectionExportOptions> {
  const s = await mustGet(db, id);
  const p = s.params;
  if (p.budget.kind === 'schedule')
    throw new ScenarioError(
      `scenario ${id} has a budget per year, which the export cannot take yet`,
      400
    );
  return {
    standard: s.standard,
    start: s.startYear,
    years: s.years,
    lang,
    budget: p.budget.kind === 'flat' ? p.budget.amount : null,
    inflation: p.inflation,
    discount: p.discount,
    referenceInvestment: p.referenceInvestment,
    overrides: [...(await policyOverrides(db, p)), ...p.overrides],
    weights: p.weights,
    title: s.name
  };
}
