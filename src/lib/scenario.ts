/**
 * A scenario: what finance and council compare. A standard (by key), a first fiscal year and a
 * horizon, and its parameters — the budget (none, flat, a schedule per year), inflation and
 * discount, the recent annual investment to compare with, the priority weights of the budget
 * loop, scenario overrides (life extension, closures, new buildings, floor reduction) and whether
 * the policies chosen on the facilities' record cards apply, works already committed, and how many
 * samples of the assets' lives to draw for the uncertainty bands. Checked by zod wherever it comes
 * from (a form, the database, a file).
 */
import { BUILTIN_STANDARDS } from './engine/standards';
import type { ScenarioParams, PlanResult } from './engine/plan-params';

export {
  parseScenarioParams,
  scenarioParamsSchema,
  type ScenarioParams,
  type RunProgress
} from './engine/plan-params';
/** What the pages draw of a scenario: the plan's result (engine/plan-params.ts). */
export type ScenarioResult = PlanResult;

export interface ScenarioDefinition {
  name: string;
  standard: string;
  startYear: number;
  years: number;
  params: ScenarioParams;
}

/** A stored scenario. */
export interface Scenario extends ScenarioDefinition {
  id: number;
  version: number;
  updatedAt: string;
}

/** A standard as people call it: a built-in one's own name (総務省 更新費用試算), else its key. */
export const standardLabel = (key: string, lang: 'ja' | 'en') => {
  const standard = BUILTIN_STANDARDS[key];
  return standard ? (lang === 'ja' ? standard.nameJa : standard.nameEn) : key;
};

export const PRESETS = ['baseline', 'longevity', 'capped', 'consolidation'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, { ja: string; en: string }> = {
  baseline: { ja: '総務省の方法（予算制約なし）', en: 'National method, no budget limit' },
  longevity: { ja: '長寿命化', en: 'Life extension' },
  capped: { ja: '直近の投資額で予算制約', en: 'Budget capped at recent investment' },
  consolidation: { ja: '複合化・統廃合の計画', en: 'Consolidation plan' }
};

/** A plan's parameters with everything but the budget at its default (no overrides, no samples). */
export function defaultParams(budget: ScenarioParams['budget']): ScenarioParams {
  return {
    budget,
    inflation: 0,
    discount: 0,
    referenceInvestment: null,
    weights: {},
    overrides: [],
    facilityPolicies: false,
    adoptedPlan: false,
    committed: [],
    samples: 0,
    seed: 1,
    funding: null
  };
}

/**
 * A preset's definition for a city: the unconstrained national method; the 長寿命化 standard; the
 * national method under a flat budget equal to the recent investment (none known: no cap); the
 * national method with the facilities' chosen policies (consolidation, closure, extension).
 */
export function presetDefinition(
  preset: Preset,
  city: { startYear: number; referenceInvestment: number | null },
  lang: 'ja' | 'en' = 'ja'
): ScenarioDefinition {
  const params = defaultParams({ kind: 'none' });
  params.referenceInvestment = city.referenceInvestment;
  if (preset === 'capped' && city.referenceInvestment !== null)
    params.budget = { kind: 'flat', amount: city.referenceInvestment };
  if (preset === 'consolidation') params.facilityPolicies = true;
  return {
    name: PRESET_LABELS[preset][lang],
    standard: preset === 'longevity' ? 'longevity' : 'soumu',
    startYear: city.startYear,
    years: 40,
    params
  };
}

/** What the comparison page draws of a run (the rest of a result stays on the server). */
export type ComparedResult = Pick<
  ScenarioResult,
  | 'startYear'
  | 'years'
  | 'byWorkType'
  | 'need'
  | 'needByWorkType'
  | 'needWithoutStockChanges'
  | 'risk'
  | 'backlog'
  | 'headline'
  | 'condition'
  | 'works'
  | 'bands'
  | 'funding'
  | 'stockArea'
>;
