/**
 * Scenario runs: a scenario's result on the city's data as it is now — from the cache when the
 * scenario and the data are what they were when it last ran (the question's hash), joined when
 * another request is computing it, else computed in the compute pool (the engine's `runPlan`) and
 * stored; the budget solver; and the comparison of two to four scenarios.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { compute } from '../compute/pool';
import type {
  ComparedResult,
  RunProgress,
  Scenario,
  ScenarioDefinition,
  ScenarioResult
} from '../../scenario';
import { said } from '../../i18n/said';
import { hasRun, replaceRun, runHashes, storedRun } from '../repositories/scenarios.repository';
import { planInput } from './plan-inputs';
import { ScenarioError } from './scenario-error';
import { revisionKey } from '../repositories/revision.repository';
import { cityPopulation } from '../repositories/settings.repository';
import { populationOutlook, totalsAt } from './population.service';
import { scenarioAccess } from './access.service';
import type { AccessOutlook } from '../../engine/access';
import { definitionOf, getScenario, mustGet, noScenario } from './scenarios.service';

export interface ScenarioRun {
  result: ScenarioResult;
  /** True when this run was read from the cache (same scenario, same data). */
  cached: boolean;
  /** True when the scenario's previous run was computed on other data (or another definition). */
  previousWasStale: boolean;
  computedAt: string;
  durationMs: number;
}

/**
 * The budget solver on a scenario: the smallest flat annual budget (yen) that clears the backlog
 * by the end of `year` under its standard, overrides and weights (in the compute pool).
 */
export async function solveScenario(
  db: Kysely<Database>,
  id: number,
  year: number,
  owner: string | null = null
): Promise<{ year: number; budget: number; iterations: number }> {
  const def = definitionOf(await mustGet(db, id));
  const last = def.startYear + def.years - 1;
  if (!Number.isInteger(year) || year < def.startYear || year > last)
    throw new ScenarioError(
      said(
        `年度：${def.startYear}〜${last} 年度`,
        `year: a fiscal year from ${def.startYear} to ${last}`
      ),
      400
    );
  const { positions, sheltersAtRisk, ...input } = await planInput(db, def);
  return compute('solve', { input, year }, { owner });
}

/**
 * Computes a scenario on the current data (no cache), in the compute pool (the engine's
 * `runPlan`); `onProgress` hears of each step.
 */
export async function computeScenario(
  db: Kysely<Database>,
  def: ScenarioDefinition,
  onProgress: (p: RunProgress) => void = () => {}
): Promise<ScenarioResult> {
  return compute('scenario', await planInput(db, def), {
    onProgress: (progress) => onProgress(progress as RunProgress)
  });
}

/** The version of the stored result's shape (2: the need by work type; 3: the risk at the end). */
const RESULT_FORMAT = 3;

/** The question a run answers: the scenario without its name, on this state of the data. */
async function runHash(db: Kysely<Database>, def: ScenarioDefinition): Promise<string> {
  return questionHash(def, await revisionKey(db));
}

function questionHash(def: ScenarioDefinition, data: string): string {
  // The name is not part of the question: renaming keeps the cached result.
  const question = {
    // The shape of a stored result: raised when a run holds more, so older runs are computed again.
    format: RESULT_FORMAT,
    standard: def.standard,
    startYear: def.startYear,
    years: def.years,
    params: def.params
  };
  return createHash('sha256').update(JSON.stringify({ question, data })).digest('hex');
}

/**
 * How many of `scenarios` ran but hold no run on the data as it is now (stale): one read of the
 * revision and of the runs' hashes, no result parsed.
 */
export async function countStale(db: Kysely<Database>, scenarios: Scenario[]): Promise<number> {
  const [data, hashes] = await Promise.all([revisionKey(db), runHashes(db)]);
  return scenarios.filter((s) => {
    const held = hashes.get(s.id);
    return held !== undefined && !held.has(questionHash(definitionOf(s), data));
  }).length;
}

/** Runs being computed, by scenario and question: a second request for one joins it. */
const inFlight = new Map<
  string,
  { id: number; run: Promise<ScenarioRun>; progress: RunProgress }
>();

/** The progress of a scenario's run being computed now, or null. */
export function runProgress(id: number): RunProgress | null {
  let found: RunProgress | null = null;
  for (const entry of inFlight.values()) if (entry.id === id) found = entry.progress;
  return found;
}

/** The stored run answering this question, or null. */
async function cachedAnswer(
  db: Kysely<Database>,
  id: number,
  hash: string
): Promise<ScenarioRun | null> {
  const hit = await storedRun(db, id, hash);
  if (!hit) return null;
  return {
    result: hit.result,
    cached: true,
    previousWasStale: false,
    computedAt: hit.finishedAt,
    durationMs: hit.durationMs
  };
}

/**
 * A scenario's result when the cache holds it for the scenario and the data as they are now;
 * null when it must be computed (`runScenario`).
 */
export async function cachedRun(db: Kysely<Database>, id: number): Promise<ScenarioRun | null> {
  return cachedAnswer(db, id, await runHash(db, definitionOf(await mustGet(db, id))));
}

/**
 * A scenario's result: from the cache when the scenario and the data are what they were when it
 * last ran, else computed now (or joined, when another request is computing it) and stored.
 * `read`: the scenario when the caller has just read it (saves reading it again).
 */
export async function runScenario(
  db: Kysely<Database>,
  id: number,
  read?: Scenario
): Promise<ScenarioRun> {
  const def = definitionOf(read ?? (await mustGet(db, id)));
  const hash = await runHash(db, def);
  const cached = await cachedAnswer(db, id, hash);
  if (cached) return cached;
  const key = `${id}:${hash}`;
  const running = inFlight.get(key);
  if (running) return running.run;
  const entry = {
    id,
    progress: { stage: 'projection', done: 0, total: def.params.samples } as RunProgress,
    run: computeAndStore(db, id, def, hash, (p) => (entry.progress = p))
  };
  inFlight.set(key, entry);
  try {
    return await entry.run;
  } finally {
    inFlight.delete(key);
  }
}

async function computeAndStore(
  db: Kysely<Database>,
  id: number,
  def: ScenarioDefinition,
  hash: string,
  onProgress: (p: RunProgress) => void
): Promise<ScenarioRun> {
  const ranBefore = await hasRun(db, id);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const result = await computeScenario(db, def, onProgress);
  onProgress({ stage: 'saving', done: def.params.samples, total: def.params.samples });
  const durationMs = performance.now() - started;
  const finishedAt = new Date().toISOString();
  await replaceRun(db, id, hash, { result, startedAt, finishedAt, durationMs });
  return {
    result,
    cached: false,
    previousWasStale: ranBefore,
    computedAt: finishedAt,
    durationMs
  };
}

/** Two to four scenarios run side by side (each from the cache when it can be). */
export interface Comparison {
  scenarios: { scenario: Scenario; run: { result: ComparedResult } }[];
  /** The city's population (for the burden per inhabitant), or null when not set. */
  population: number | null;
  /** The projected population from the first scenario's start, a value per year (null: none). */
  outlook: { startYear: number; totals: number[] } | null;
  /** Access to facilities under each scenario, by scenario number (null: no population data). */
  access: Record<number, AccessOutlook | null>;
}

/** A run as the comparison shows it. */
export function compared(run: ScenarioRun): { result: ComparedResult } {
  const r = run.result;
  return {
    result: {
      startYear: r.startYear,
      years: r.years,
      byWorkType: r.byWorkType,
      need: r.need,
      needByWorkType: r.needByWorkType,
      needWithoutStockChanges: r.needWithoutStockChanges,
      risk: r.risk,
      backlog: r.backlog,
      headline: r.headline,
      condition: r.condition,
      works: r.works,
      bands: r.bands,
      funding: r.funding ?? null,
      stockArea: r.stockArea
    }
  };
}

/** Reads "3,5" as one to four distinct scenario numbers, or says what is wrong. */
export function parseScenarioIds(raw: string, min = 1): number[] {
  const ids = raw.split(',').filter(Boolean).map(Number);
  if (ids.some((id) => !Number.isInteger(id) || id < 1))
    throw new ScenarioError(
      said(
        `「${raw}」はシナリオ番号の並びではありません`,
        `ids: "${raw}" is not a list of scenario numbers`
      ),
      400
    );
  if (new Set(ids).size !== ids.length)
    throw new ScenarioError(
      said(`「${raw}」に同じシナリオが2回あります`, `ids: "${raw}" names one twice`),
      400
    );
  if (ids.length < min || ids.length > 4)
    throw new ScenarioError(
      said(
        `比較できるのは ${min}〜4 個のシナリオです（${ids.length} 個が指定されました）`,
        `ids: ${min === 1 ? 'one' : 'two'} to four scenarios (got ${ids.length})`
      ),
      400
    );
  return ids;
}

/** Reads `ids=1,2,3` (two to four existing scenarios) and runs them; a 400/404 names what is wrong. */
export async function compareScenarios(db: Kysely<Database>, raw: string): Promise<Comparison> {
  const ids = parseScenarioIds(raw, 2);
  // The scenarios at once: their reads interleave (on PostgreSQL each is a round trip).
  const scenarios = await Promise.all(
    ids.map(async (id) => {
      const scenario = await getScenario(db, id);
      if (!scenario) throw new ScenarioError(noScenario(id), 404);
      return { scenario, run: compared(await runScenario(db, id, scenario)) };
    })
  );
  return {
    scenarios,
    population: await cityPopulation(db),
    outlook: await outlookFor(db, scenarios),
    access: await accessFor(db, scenarios)
  };
}

/** Access to facilities under each scenario, by scenario number. */
export async function accessFor(
  db: Kysely<Database>,
  scenarios: readonly { scenario: Scenario }[]
): Promise<Comparison['access']> {
  const each = await Promise.all(scenarios.map((s) => scenarioAccess(db, s.scenario)));
  return Object.fromEntries(scenarios.map((s, k) => [s.scenario.id, each[k]!]));
}

/** The projected population over the longest horizon of the scenarios compared. */
export async function outlookFor(
  db: Kysely<Database>,
  scenarios: readonly { scenario: Scenario }[]
): Promise<Comparison['outlook']> {
  const o = await populationOutlook(db);
  if (!o || !scenarios.length) return null;
  const startYear = Math.min(...scenarios.map((s) => s.scenario.startYear));
  const end = Math.max(...scenarios.map((s) => s.scenario.startYear + s.scenario.years));
  return {
    startYear,
    totals: totalsAt(
      o,
      Array.from({ length: end - startYear }, (_, k) => startYear + k)
    )
  };
}
