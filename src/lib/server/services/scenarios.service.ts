/**
 * Scenarios: created from a preset, copied, renamed, edited and deleted — every change with a
 * version check and an audit entry — and run: Engine I (unconstrained) or Engine II (under the
 * budget) on the city's assets, the result kept in `scenario_runs` under a hash of the scenario
 * and of the data, so that the same question on the same data is answered from the cache and a
 * result computed before the data changed is known to be stale.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { planInput } from './plan-inputs';
import { ScenarioError, unknownStandard } from './scenario-error';
import { compute } from '../compute/pool';
import {
  parseScenarioParams,
  presetDefinition,
  type Preset,
  type ComparedResult,
  type RunProgress,
  type Scenario,
  type ScenarioDefinition,
  type ScenarioResult
} from '../../scenario';

export type { ComparedResult, RunProgress, Scenario, ScenarioResult };
import type { Database } from '../db/database';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { changesSince, writeAudit } from '../repositories/audit.repository';
import { said, type Said } from '../../i18n/said';
import { ensureBuiltinStandards } from '../repositories/standards.repository';
import type { ProjectionExportOptions } from './export.service';
import { revisionKey } from './map-index.service';

export { ScenarioError };

/** Problems with a scenario, each said in both languages, as one refusal. */
const refusal = (problems: Said[]) =>
  new ScenarioError(
    said(problems.map((p) => p.ja).join('。'), problems.map((p) => p.en).join('; ')),
    400
  );
export const noScenario = (id: number | string) =>
  said(`シナリオ ${id} はありません`, `no scenario ${id}`);
const changedMeanwhile = (id: number, version: number, changes: Said, redo: Said) =>
  said(
    `シナリオ ${id} は、開いた後に他の人が変更しました（現在の版 ${version}${changes.ja ? `。${changes.ja}` : ''}）。開き直して、${redo.ja}`,
    `scenario ${id} was changed by someone else after you opened it (now version ${version}${changes.en ? `; ${changes.en}` : ''}); reload it and ${redo.en}`
  );

type Who = { username: string | null; now: string };

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
    startYear: asOfYearOf(settings),
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
  if (!row) throw new ScenarioError(unknownStandard(key), 400);
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
  const problems: Said[] = [];
  if (!def.name.trim() || def.name.length > 200)
    problems.push(said('名称：1〜200 文字', 'name: 1 to 200 characters'));
  if (!Number.isInteger(def.startYear) || def.startYear < 1900 || def.startYear > 2200)
    problems.push(said('開始年度：1900〜2200 年度', 'startYear: a fiscal year from 1900 to 2200'));
  if (!Number.isInteger(def.years) || def.years < 1 || def.years > 100)
    problems.push(said('期間：1〜100 の整数', 'years: a whole number from 1 to 100'));
  const params = parseScenarioParams(def.params);
  // The schema's own words name the field by its path (a form never sends these: a file or a
  // hand-made request does).
  if (!params.ok) problems.push(...params.errors.map((e) => said(`設定の誤り（${e}）`, e)));
  else
    for (const [i, c] of params.params.committed.entries())
      if (c.year < def.startYear || c.year >= def.startYear + def.years) {
        const last = def.startYear + def.years - 1;
        problems.push(
          said(
            `確定した工事 ${i + 1} 件目：${c.year} 年度は期間 ${def.startYear}〜${last} 年度の外です`,
            `committed.${i}.year: ${c.year} is outside the horizon ${def.startYear}–${last}`
          )
        );
      }
  if (problems.length) throw refusal(problems);
}

/** Codes of `table` among `codes` that the city does not have (demolished assets count as gone). */
async function missingCodes(
  db: Kysely<Database>,
  table: 'assets' | 'facilities',
  codes: string[]
): Promise<string[]> {
  const known = new Set<string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const batch = unique.slice(i, i + 500);
    const rows =
      table === 'assets'
        ? await db
            .selectFrom('assets')
            .select('code')
            .where('code', 'in', batch)
            .where('status', '!=', 'demolished')
            .execute()
        : await db.selectFrom('facilities').select('code').where('code', 'in', batch).execute();
    for (const r of rows) known.add(r.code);
  }
  return unique.filter((c) => !known.has(c));
}

const listed = (codes: string[]) =>
  `${codes
    .slice(0, 5)
    .map((c) => `"${c}"`)
    .join(', ')}${codes.length > 5 ? ` and ${codes.length - 5} more` : ''}`;

/**
 * The codes a scenario names — committed works' assets, closed or extended facilities and
 * assets — are the city's (an unknown code would silently change nothing: it is refused).
 */
async function checkReferences(db: Kysely<Database>, def: ScenarioDefinition) {
  const p = def.params;
  const problems: Said[] = [];
  const committed = await missingCodes(
    db,
    'assets',
    p.committed.map((c) => c.assetCode)
  );
  if (committed.length)
    problems.push(
      said(
        `確定した工事：資産コード ${listed(committed)} の資産はありません`,
        `committed: no asset with the code ${listed(committed)}`
      )
    );
  const targeted = p.overrides.filter((o) => o.kind === 'close' || o.kind === 'life_extension');
  const facilities = await missingCodes(
    db,
    'facilities',
    targeted.flatMap((o) => o.facilityCodes ?? [])
  );
  if (facilities.length)
    problems.push(
      said(
        `シナリオの設定：施設コード ${listed(facilities)} の施設はありません`,
        `overrides: no facility with the code ${listed(facilities)}`
      )
    );
  const assets = await missingCodes(
    db,
    'assets',
    targeted.flatMap((o) => o.assetCodes ?? [])
  );
  if (assets.length)
    problems.push(
      said(
        `シナリオの設定：資産コード ${listed(assets)} の資産はありません`,
        `overrides: no asset with the code ${listed(assets)}`
      )
    );
  if (problems.length) throw refusal(problems);
}

/** Creates a scenario (checked), audited; its id. */
export async function createScenario(
  db: Kysely<Database>,
  def: ScenarioDefinition,
  who: Who
): Promise<number> {
  checkDefinition(def);
  await checkReferences(db, def);
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
      said(
        '直近の投資額（年額）が設定されていないため、予算制約のひな形は使えません。ほかのひな形を選んでください',
        "preset capped: the city's recent annual investment is not known (setting recent_investment_yen); choose another preset"
      ),
      400
    );
  return createScenario(db, presetDefinition(preset, city, lang), who);
}

/** Scenarios (all, or the one with `id`), newest first. */
async function readScenarios(db: Kysely<Database>, id?: number): Promise<Scenario[]> {
  let query = db
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
    .orderBy('scenarios.id', 'desc');
  if (id !== undefined) query = query.where('scenarios.id', '=', id);
  const rows = await query.execute();
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

/** Every scenario, newest first. */
export const listScenarios = (db: Kysely<Database>): Promise<Scenario[]> => readScenarios(db);

/** One scenario, or null. */
export async function getScenario(db: Kysely<Database>, id: number): Promise<Scenario | null> {
  return (await readScenarios(db, id))[0] ?? null;
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
  if (!scenario) throw new ScenarioError(noScenario(id), 404);
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
    await checkReferences(trx, after);
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
    if (Number(updated.numUpdatedRows) !== 1) {
      const changes = await changesSince(trx, 'scenario', String(id), before.version - version);
      throw new ScenarioError(
        changedMeanwhile(
          id,
          before.version,
          changes,
          said('変更をもう一度行ってください', 'make the change again')
        ),
        409
      );
    }
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
    if (before.version !== version) {
      const changes = await changesSince(trx, 'scenario', String(id), before.version - version);
      throw new ScenarioError(
        changedMeanwhile(
          id,
          before.version,
          changes,
          said('削除する前に内容を確かめてください', 'check it before deleting')
        ),
        409
      );
    }
    await trx.deleteFrom('scenario_runs').where('scenario_id', '=', id).execute();
    await trx.deleteFrom('scenarios').where('id', '=', id).execute();
    await audit(trx, who, 'delete', id, definitionOf(before), null);
  });
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
  const [data, runs] = await Promise.all([
    revisionKey(db),
    db
      .selectFrom('scenario_runs')
      .select(['scenario_id', 'input_hash'])
      .where('status', '=', 'done')
      .execute()
  ]);
  const hashes = new Map<number, Set<string>>();
  for (const r of runs) {
    const set = hashes.get(r.scenario_id) ?? new Set<string>();
    set.add(r.input_hash);
    hashes.set(r.scenario_id, set);
  }
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
async function storedRun(
  db: Kysely<Database>,
  id: number,
  hash: string
): Promise<ScenarioRun | null> {
  const hit = await db
    .selectFrom('scenario_runs')
    .selectAll()
    .where('scenario_id', '=', id)
    .where('status', '=', 'done')
    .where('input_hash', '=', hash)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!hit) return null;
  return {
    result: JSON.parse(hit.result!) as ScenarioResult,
    cached: true,
    previousWasStale: false,
    computedAt: hit.finished_at!,
    durationMs: hit.duration_ms ?? 0
  };
}

/**
 * A scenario's result when the cache holds it for the scenario and the data as they are now;
 * null when it must be computed (`runScenario`).
 */
export async function cachedRun(db: Kysely<Database>, id: number): Promise<ScenarioRun | null> {
  return storedRun(db, id, await runHash(db, definitionOf(await mustGet(db, id))));
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
  const cached = await storedRun(db, id, hash);
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
  const before = await db
    .selectFrom('scenario_runs')
    .select('id')
    .where('scenario_id', '=', id)
    .executeTakeFirst();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const result = await computeScenario(db, def, onProgress);
  onProgress({ stage: 'saving', done: def.params.samples, total: def.params.samples });
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
    previousWasStale: before !== undefined,
    computedAt: finishedAt,
    durationMs
  };
}

/** Two to four scenarios run side by side (each from the cache when it can be). */
export interface Comparison {
  scenarios: { scenario: Scenario; run: { result: ComparedResult } }[];
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
      bands: r.bands
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
  return { scenarios };
}

/**
 * A scenario as the options of a projection export (CSV, XLSX), so that the files hold the same
 * numbers as its page (both run the engine's `simulatePlan` on `planInput`).
 */
export async function scenarioExportOptions(
  db: Kysely<Database>,
  id: number,
  lang: 'ja' | 'en'
): Promise<ProjectionExportOptions> {
  return { lang, scenario: await mustGet(db, id) };
}
