/**
 * A scenario: what finance and council compare. A standard (by key), a first fiscal year and a
 * horizon, and its parameters — the budget (none, flat, a schedule per year), inflation and
 * discount, the recent annual investment to compare with, the priority weights of the budget
 * loop, scenario overrides (life extension, closures, new buildings, floor reduction) and whether
 * the policies chosen on the facilities' record cards apply, works already committed, and how many
 * samples of the assets' lives to draw for the uncertainty bands. Checked by zod wherever it comes
 * from (a form, the database, a file).
 */
import { z } from 'zod';
import { overrideSchema } from './engine/overrides-schema';
import { BUILTIN_STANDARDS } from './engine/standards';
import type { Override } from './engine/overrides';
import type { Budget, PriorityWeights } from './engine/simulate-budget';
import type { AssetClass } from './engine/asset-classes';
import type { AgeProfile, FloorAreaByYear } from './engine/floor-area-by-year';
import type { WorkType } from './engine/work-types';
import type { WorksGrid } from './geo/works-grid';

const yen = z.number().min(0).max(1e13);
const rate = z.number().min(-0.1).max(0.2);
const weight = z.number().min(0).max(100);

export const scenarioParamsSchema = z
  .object({
    budget: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('flat'), amount: yen }),
      z.object({ kind: z.literal('schedule'), amounts: z.array(yen).min(1).max(200) })
    ]),
    inflation: rate.default(0),
    discount: rate.default(0),
    /** Recent annual investment in renewals (yen), the "○倍" reference; null when unknown. */
    referenceInvestment: yen.nullable().default(null),
    weights: z
      .object({ importance: weight, condition: weight, overdue: weight, hazard: weight })
      .partial()
      .default({}),
    overrides: z.array(overrideSchema).default([]),
    /** Apply the policies chosen on the facilities' record cards (extension, consolidation, closure). */
    facilityPolicies: z.boolean().default(false),
    /** Committed works: the asset's next work starts in `year` whatever the budget. */
    committed: z
      .array(z.object({ assetCode: z.string().min(1).max(100), year: z.number().int() }).strict())
      .max(10_000)
      .default([]),
    /** Uncertainty: samples of the lives (0: none) and the seed they are drawn from. */
    samples: z.number().int().min(0).max(1000).default(0),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1)
  })
  .strict();

export interface ScenarioParams {
  budget: Budget;
  inflation: number;
  discount: number;
  referenceInvestment: number | null;
  weights: Partial<PriorityWeights>;
  overrides: Override[];
  facilityPolicies: boolean;
  committed: { assetCode: string; year: number }[];
  samples: number;
  seed: number;
}

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

/** Reads scenario parameters, with a message per problem (path: reason). */
export function parseScenarioParams(
  data: unknown
): { ok: true; params: ScenarioParams } | { ok: false; errors: string[] } {
  const result = scenarioParamsSchema.safeParse(data);
  if (result.success) return { ok: true, params: result.data as ScenarioParams };
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`)
  };
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
  const params: ScenarioParams = {
    budget: { kind: 'none' },
    inflation: 0,
    discount: 0,
    referenceInvestment: city.referenceInvestment,
    weights: {},
    overrides: [],
    facilityPolicies: false,
    committed: [],
    samples: 0,
    seed: 1
  };
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
  /** The unconstrained need over the horizon by work type. */
  needByWorkType: Partial<Record<WorkType, number>>;
  /**
   * The same with only the scenario's life extension — no closures, consolidations, new buildings
   * or floor reduction — or null when it has none of those (the comparison's decomposition).
   */
  needWithoutStockChanges: Partial<Record<WorkType, number>> | null;
  /** What the plan leaves at risk at the end of its horizon. */
  risk: {
    /** The backlog's highest point over the horizon (yen; 0 without a budget). */
    backlogPeak: number;
    /** Assets whose rebuild or replacement fell due and is still not done at the end. */
    pastLifeAtEnd: number;
    /** Shelters (指定避難所) in a hazard zone, and those with a work still waiting at the end. */
    sheltersAtRisk: number;
    sheltersWaiting: number;
  };
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
  /** Buildings (A–D) and bridges (I–IV) by condition grade at the end of each year. */
  condition: Record<string, number>[];
  /** 築年別延床面積: the buildings' floor area by year built, by category (the stock planned on). */
  floorArea: FloorAreaByYear;
  /** Floor area by age at the start, and at the end of the horizon after the plan's works. */
  ageStart: AgeProfile;
  ageEnd: AgeProfile;
  /** Where and when the works happen (by decade), and what waits at the end. */
  works: WorksGrid;
  /** P10–P50–P90 per year when the scenario draws samples of the lives (else null). */
  bands: {
    samples: number;
    seed: number;
    cost: { p10: number[]; p50: number[]; p90: number[] };
    backlog: { p10: number[]; p50: number[]; p90: number[] } | null;
  } | null;
}

/** A run's progress: which stage, and samples done of those asked. */
export interface RunProgress {
  stage: 'projection' | 'samples' | 'saving';
  done: number;
  total: number;
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
>;
