/**
 * The stored scenarios and their runs: rows in, rows out. Scenarios are read with their
 * standard's key and their params checked (a row that fails the schema is a damaged database);
 * each scenario keeps one run, the latest.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import {
  parseScenarioParams,
  type Scenario,
  type ScenarioDefinition,
  type ScenarioResult
} from '../../scenario';
import { ensureBuiltinStandards } from './standards.repository';

/** Scenarios (all, or the one with `id`), newest first. */
export async function readScenarios(db: Kysely<Database>, id?: number): Promise<Scenario[]> {
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

/** The id of a standard's row (the built-in ones written first when missing), or null. */
export async function standardId(db: Kysely<Database>, key: string): Promise<number | null> {
  const find = () =>
    db.selectFrom('standards').select('id').where('key', '=', key).executeTakeFirst();
  let row = await find();
  if (!row) {
    // The built-in standards' rows are written at start-up; a database made otherwise may lack them.
    await ensureBuiltinStandards(db, new Date().toISOString());
    row = await find();
  }
  return row?.id ?? null;
}

/** A scenario's columns (its name trimmed). */
const columns = (def: ScenarioDefinition, standard: number) => ({
  name: def.name.trim(),
  standard_id: standard,
  start_year: def.startYear,
  horizon_years: def.years,
  params: JSON.stringify(def.params)
});

/** Writes a new scenario; its id. */
export async function insertScenario(
  db: Kysely<Database>,
  def: ScenarioDefinition,
  standard: number,
  now: string
): Promise<number> {
  const row = await db
    .insertInto('scenarios')
    .values({ ...columns(def, standard), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes a scenario's new definition if it is still at `version`; whether it was. */
export async function updateScenarioRow(
  db: Kysely<Database>,
  id: number,
  version: number,
  def: ScenarioDefinition,
  standard: number,
  now: string
): Promise<boolean> {
  const updated = await db
    .updateTable('scenarios')
    .set({ ...columns(def, standard), version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Deletes a scenario and its runs. */
export async function deleteScenarioRows(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('scenario_runs').where('scenario_id', '=', id).execute();
  await db.deleteFrom('scenarios').where('id', '=', id).execute();
}

/** Codes of `table` among `codes` that the city has (demolished assets count as gone). */
export async function knownCodes(
  db: Kysely<Database>,
  table: 'assets' | 'facilities',
  codes: readonly string[]
): Promise<Set<string>> {
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
  return known;
}

/** A stored run: its result and when and how long it was computed. */
export interface StoredRun {
  result: ScenarioResult;
  finishedAt: string;
  durationMs: number;
}

/** The scenario's stored run answering the question `hash`, or null. */
export async function storedRun(
  db: Kysely<Database>,
  id: number,
  hash: string
): Promise<StoredRun | null> {
  const hit = await db
    .selectFrom('scenario_runs')
    .select(['result', 'finished_at', 'duration_ms'])
    .where('scenario_id', '=', id)
    .where('status', '=', 'done')
    .where('input_hash', '=', hash)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!hit) return null;
  return {
    result: JSON.parse(hit.result!) as ScenarioResult,
    finishedAt: hit.finished_at!,
    durationMs: hit.duration_ms ?? 0
  };
}

/** The questions (hashes) of every scenario's finished runs, by scenario. */
export async function runHashes(db: Kysely<Database>): Promise<Map<number, Set<string>>> {
  const runs = await db
    .selectFrom('scenario_runs')
    .select(['scenario_id', 'input_hash'])
    .where('status', '=', 'done')
    .execute();
  const hashes = new Map<number, Set<string>>();
  for (const r of runs) {
    const set = hashes.get(r.scenario_id) ?? new Set<string>();
    set.add(r.input_hash);
    hashes.set(r.scenario_id, set);
  }
  return hashes;
}

/** Whether the scenario has run before (on any data). */
export async function hasRun(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('scenario_runs')
    .select('id')
    .where('scenario_id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps `run` as the scenario's one run (the one before it is deleted). */
export async function replaceRun(
  db: Kysely<Database>,
  id: number,
  hash: string,
  run: StoredRun & { startedAt: string }
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('scenario_runs').where('scenario_id', '=', id).execute();
    await trx
      .insertInto('scenario_runs')
      .values({
        scenario_id: id,
        input_hash: hash,
        status: 'done',
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        duration_ms: run.durationMs,
        summary: JSON.stringify(run.result.headline),
        result: JSON.stringify(run.result),
        error: null
      })
      .execute();
  });
}

/** Every scenario's name by its id. */
export async function scenarioNames(db: Kysely<Database>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('scenarios').select(['id', 'name']).execute();
  return new Map(rows.map((s) => [s.id, s.name]));
}
