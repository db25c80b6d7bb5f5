/**
 * The scenario page's form, both ways: a scenario's parameters as the text of its fields, and
 * the fields as parameters — every problem named by field (and line, for the lists). The form
 * edits the budget (none, flat, per year), the rates, the priority weights, the samples, the
 * committed works and the common overrides (life extension by use, floor reduction at rebuild,
 * closure of facilities); any other override (a new building, an extension by facility …) is
 * kept as it is.
 */
import type { Override } from './engine/overrides';
import type { PriorityWeights } from './engine/simulate-budget';
import type { ScenarioParams } from './scenario';
import { BUILDING_CATEGORIES } from './engine/asset-classes';
import { parseDecimal } from './strict-input';

export const WEIGHT_FIELDS = {
  importance: 'wImportance',
  condition: 'wCondition',
  overdue: 'wOverdue',
  hazard: 'wHazard'
} as const satisfies Record<keyof PriorityWeights, string>;

export interface ScenarioFormText {
  name: string;
  standard: string;
  budget: string;
  amount: string;
  schedule: string;
  inflation: string;
  discount: string;
  facilityPolicies: boolean;
  adoptedPlan: boolean;
  wImportance: string;
  wCondition: string;
  wOverdue: string;
  wHazard: string;
  samples: string;
  seed: string;
  committed: string;
  extend: string[];
  reduction: string;
  closures: string;
}

type CloseOverride = Extract<Override, { kind: 'close' }>;
type ExtendOverride = Extract<Override, { kind: 'life_extension' }>;
type ReductionOverride = Extract<Override, { kind: 'floor_reduction' }>;

/** The overrides the form edits, and the others (kept as they are). */
function partOverrides(overrides: readonly Override[]) {
  const extend: ExtendOverride[] = [];
  const reduction: ReductionOverride[] = [];
  const closures: CloseOverride[] = [];
  const others: Override[] = [];
  for (const o of overrides) {
    if (o.kind === 'life_extension' && o.categories && !o.facilityCodes && !o.assetCodes)
      extend.push(o);
    else if (o.kind === 'floor_reduction' && !o.categories) reduction.push(o);
    else if (
      o.kind === 'close' &&
      o.facilityCodes?.length === 1 &&
      !o.assetCodes?.length &&
      o.demolitionCostPerM2 === undefined
    )
      closures.push(o);
    else others.push(o);
  }
  return { extend, reduction, closures, others };
}

/** The overrides the form does not edit (listed on the page, kept on save). */
export const otherOverrides = (params: ScenarioParams): Override[] =>
  partOverrides(params.overrides).others;

/** 億円 with up to 4 decimals, no grouping (a field's text). */
const okuText = (yen: number) => String(Math.round((yen / 1e8) * 1e4) / 1e4);
/** A rate as a percentage's text (0.015 → "1.5"). */
const percentText = (rate: number) => String(Math.round(rate * 1e6) / 1e4);

/** A scenario as the text of the form's fields. */
export function formText(
  def: { name: string; standard: string },
  params: ScenarioParams
): ScenarioFormText {
  const { extend, reduction, closures } = partOverrides(params.overrides);
  const b = params.budget;
  return {
    name: def.name,
    standard: def.standard,
    budget: b.kind,
    amount: b.kind === 'flat' ? okuText(b.amount) : '',
    schedule: b.kind === 'schedule' ? b.amounts.map(okuText).join('\n') : '',
    inflation: percentText(params.inflation),
    discount: percentText(params.discount),
    facilityPolicies: params.facilityPolicies,
    adoptedPlan: params.adoptedPlan,
    wImportance: params.weights.importance?.toString() ?? '',
    wCondition: params.weights.condition?.toString() ?? '',
    wOverdue: params.weights.overdue?.toString() ?? '',
    wHazard: params.weights.hazard?.toString() ?? '',
    samples: String(params.samples),
    seed: String(params.seed),
    committed: params.committed.map((c) => `${c.assetCode} ${c.year}`).join('\n'),
    extend: extend.flatMap((o) => o.categories ?? []),
    reduction: reduction.length ? String(reduction.at(-1)!.percent) : '',
    closures: closures.map((o) => `${o.facilityCodes![0]} ${o.year}`).join('\n')
  };
}

/** Reads a form's fields (a FormData or its like) as text. */
export function readFormText(form: {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}): ScenarioFormText {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  return {
    name: text('name'),
    standard: text('standard'),
    budget: text('budget'),
    amount: text('amount'),
    schedule: text('schedule'),
    inflation: text('inflation'),
    discount: text('discount'),
    facilityPolicies: form.get('facilityPolicies') === 'on',
    adoptedPlan: form.get('adoptedPlan') === 'on',
    wImportance: text('wImportance'),
    wCondition: text('wCondition'),
    wOverdue: text('wOverdue'),
    wHazard: text('wHazard'),
    samples: text('samples'),
    seed: text('seed'),
    committed: text('committed'),
    extend: form.getAll('extend').map(String),
    reduction: text('reduction'),
    closures: text('closures')
  };
}

const MAX_OKU = 100_000;

/** Non-empty lines of a list field, with their line numbers (1-based). */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line !== '');

/** "CODE YEAR" lines (space, tab or comma between) as pairs; problems name the line. */
function codeYearLines(
  text: string,
  range: { from: number; to: number },
  problems: string[]
): { code: string; year: number }[] {
  const out: { code: string; year: number }[] = [];
  for (const { line, n } of lines(text)) {
    const parts = line.split(/[\s,]+/);
    const year = Number(parts[1]);
    if (parts.length !== 2 || !parts[0])
      problems.push(`line ${n}: "${line}" is not a code and a fiscal year`);
    else if (!Number.isInteger(year) || year < range.from || year > range.to)
      problems.push(
        `line ${n}: ${parts[1]} is not a fiscal year from ${range.from} to ${range.to}`
      );
    else out.push({ code: parts[0], year });
  }
  return out;
}

/**
 * The form's fields as a scenario's name, standard and parameters (the others kept from
 * `current`), or the problems by field name.
 */
export function readScenarioForm(
  text: ScenarioFormText,
  current: ScenarioParams,
  horizon: { startYear: number; years: number }
):
  | { ok: true; name: string; standard: string; params: ScenarioParams }
  | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const range = { from: horizon.startYear, to: horizon.startYear + horizon.years - 1 };
  const number = (
    field: keyof ScenarioFormText,
    min: number,
    max: number,
    what: string,
    empty: number | null
  ): number | null => {
    const raw = text[field] as string;
    if (raw === '') {
      if (empty === null) return null;
      return empty;
    }
    const v = parseDecimal(raw);
    if (v === null || v < min || v > max) {
      problems[field] = `${what} (got "${raw}")`;
      return null;
    }
    return v;
  };

  let budget: ScenarioParams['budget'] = { kind: 'none' };
  if (text.budget === 'flat') {
    if (text.amount === '') problems.amount = 'an amount in 100M yen from 0 to 100,000';
    const oku = number('amount', 0, MAX_OKU, 'an amount in 100M yen from 0 to 100,000', null);
    if (oku !== null) budget = { kind: 'flat', amount: Math.round(oku * 1e8) };
  } else if (text.budget === 'schedule') {
    const items = text.schedule.split(/[\s,、]+/).filter(Boolean);
    const bad = items.findIndex((x) => {
      const v = parseDecimal(x);
      return v === null || v < 0 || v > MAX_OKU;
    });
    if (items.length === 0) problems.schedule = 'one amount in 100M yen per fiscal year';
    else if (bad >= 0)
      problems.schedule = `amount ${bad + 1} ("${items[bad]}") is not an amount in 100M yen from 0 to 100,000`;
    else if (items.length > horizon.years)
      problems.schedule = `${items.length} amounts for a horizon of ${horizon.years} years`;
    else
      budget = { kind: 'schedule', amounts: items.map((x) => Math.round(parseDecimal(x)! * 1e8)) };
  } else if (text.budget !== 'none') problems.budget = 'none, flat or per year';

  const inflation = number('inflation', -10, 20, 'a percentage from -10 to 20', 0);
  const discount = number('discount', -10, 20, 'a percentage from -10 to 20', 0);
  const weights: Partial<PriorityWeights> = {};
  for (const [key, field] of Object.entries(WEIGHT_FIELDS) as [keyof PriorityWeights, string][]) {
    const v = number(field as keyof ScenarioFormText, 0, 100, 'a weight from 0 to 100', null);
    if (v !== null) weights[key] = v;
  }
  const samples = number('samples', 0, 1000, 'a whole number of samples from 0 to 1000', 0);
  if (samples !== null && !Number.isInteger(samples))
    problems.samples = `a whole number of samples from 0 to 1000 (got "${text.samples}")`;
  const seed = number('seed', 0, 2 ** 31 - 1, 'a whole number from 0 to 2147483647', 1);
  if (seed !== null && !Number.isInteger(seed))
    problems.seed = `a whole number from 0 to 2147483647 (got "${text.seed}")`;

  const committedProblems: string[] = [];
  const committed = codeYearLines(text.committed, range, committedProblems).map((c) => ({
    assetCode: c.code,
    year: c.year
  }));
  if (committedProblems.length) problems.committed = committedProblems.join('; ');
  const closureProblems: string[] = [];
  const closures = codeYearLines(text.closures, { from: 1900, to: 2200 }, closureProblems);
  if (closureProblems.length) problems.closures = closureProblems.join('; ');
  const reduction = number('reduction', 0, 100, 'a percentage from 0 to 100', null);

  const unknownUse = text.extend.find(
    (c) => !(BUILDING_CATEGORIES as readonly string[]).includes(c)
  );
  if (unknownUse !== undefined)
    problems.extend = `"${unknownUse.slice(0, 40)}" is not a use category (${BUILDING_CATEGORIES.join(', ')})`;
  if (!text.name) problems.name = 'a name';
  if (Object.keys(problems).length) return { ok: false, problems };
  const overrides: Override[] = [
    ...(text.extend.length
      ? [{ kind: 'life_extension' as const, categories: [...new Set(text.extend)] }]
      : []),
    ...(reduction !== null && reduction > 0
      ? [{ kind: 'floor_reduction' as const, percent: reduction }]
      : []),
    ...closures.map((c) => ({ kind: 'close' as const, facilityCodes: [c.code], year: c.year })),
    ...otherOverrides(current)
  ];
  return {
    ok: true,
    name: text.name,
    standard: text.standard,
    params: {
      ...current,
      budget,
      inflation: inflation! / 100,
      discount: discount! / 100,
      facilityPolicies: text.facilityPolicies,
      adoptedPlan: text.adoptedPlan,
      weights,
      samples: samples!,
      seed: seed!,
      committed,
      overrides
    }
  };
}
