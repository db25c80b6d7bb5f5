/**
 * Scenarios: created from a preset, copied, renamed, edited and deleted — every change checked
 * (the definition, and that every code it names is the city's), with a version check and an audit
 * entry. Running them is `scenario-runs.service.ts`.
 */
import type { FundingParams } from '../../engine/funding';
import { DEFAULT_FUNDING } from '../../engine/funding-defaults';
import type { Kysely } from 'kysely';
import { ScenarioError, unknownStandard } from './scenario-error';
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
import type { Database } from '../db/database';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { changesSince, writeAudit } from '../repositories/audit.repository';
import {
  deleteScenarioRows,
  insertScenario,
  knownCodes,
  readScenarios,
  standardId,
  updateScenarioRow
} from '../repositories/scenarios.repository';
import { said, type Said } from '../../i18n/said';
import type { ProjectionExportOptions } from './export.service';

export type { ComparedResult, RunProgress, Scenario, ScenarioResult };
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

async function cityFacts(db: Kysely<Database>) {
  const settings = await getSettings(db);
  const reference = Number(settings.recent_investment_yen);
  return {
    startYear: asOfYearOf(settings),
    referenceInvestment: Number.isFinite(reference) && reference > 0 ? reference : null
  };
}

async function mustStandardId(db: Kysely<Database>, key: string): Promise<number> {
  const id = await standardId(db, key);
  if (id === null) throw new ScenarioError(unknownStandard(key), 400);
  return id;
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
  const known = await knownCodes(db, table, codes);
  return [...new Set(codes)].filter((c) => !known.has(c));
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
  const targeted = p.overrides.filter((o) => o.kind === 'close' || o.kind === 'life_extension');
  // Each list of codes, where they must be, and how the refusal names them.
  const lists = [
    {
      table: 'assets' as const,
      codes: p.committed.map((c) => c.assetCode),
      ja: '確定した工事：資産コード',
      en: 'committed: no asset with the code',
      what: 'の資産はありません'
    },
    {
      table: 'facilities' as const,
      codes: targeted.flatMap((o) => o.facilityCodes ?? []),
      ja: 'シナリオの設定：施設コード',
      en: 'overrides: no facility with the code',
      what: 'の施設はありません'
    },
    {
      table: 'assets' as const,
      codes: targeted.flatMap((o) => o.assetCodes ?? []),
      ja: 'シナリオの設定：資産コード',
      en: 'overrides: no asset with the code',
      what: 'の資産はありません'
    }
  ];
  const problems: Said[] = [];
  for (const list of lists) {
    const missing = await missingCodes(db, list.table, list.codes);
    if (missing.length)
      problems.push(
        said(`${list.ja} ${listed(missing)} ${list.what}`, `${list.en} ${listed(missing)}`)
      );
  }
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
    const id = await insertScenario(trx, def, await mustStandardId(trx, def.standard), who.now);
    await audit(trx, who, 'create', id, null, def);
    return id;
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

/** Every scenario, newest first. */
export const listScenarios = (db: Kysely<Database>): Promise<Scenario[]> => readScenarios(db);

/**
 * The finance model a scenario starts from when finance turns it on: the one last saved on another
 * scenario (the city's funds, debt and 標準財政規模 are entered once), else the default rules.
 */
export async function startingFunding(
  db: Kysely<Database>,
  id: number
): Promise<{ funding: FundingParams; from: { id: number; name: string } | null }> {
  const funded = (await readScenarios(db))
    .filter((s) => s.id !== id && s.params.funding)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id));
  const last = funded[0];
  return last
    ? { funding: last.params.funding!, from: { id: last.id, name: last.name } }
    : { funding: DEFAULT_FUNDING, from: null };
}

/** One scenario, or null. */
export async function getScenario(db: Kysely<Database>, id: number): Promise<Scenario | null> {
  return (await readScenarios(db, id))[0] ?? null;
}

export function definitionOf(s: Scenario): ScenarioDefinition {
  return {
    name: s.name,
    standard: s.standard,
    startYear: s.startYear,
    years: s.years,
    params: s.params
  };
}

export async function mustGet(db: Kysely<Database>, id: number): Promise<Scenario> {
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
    const standard = await mustStandardId(trx, after.standard);
    if (!(await updateScenarioRow(trx, id, version, after, standard, who.now))) {
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
    await deleteScenarioRows(trx, id);
    await audit(trx, who, 'delete', id, definitionOf(before), null);
  });
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
