/**
 * A plan's parameters — what a scenario asks of the engines: the budget (none, flat, a schedule
 * per year), inflation and discount, the recent annual investment to compare with, the priority
 * weights of the budget loop, overrides (life extension, closures, new buildings, floor reduction)
 * and whether the policies chosen on the facilities' record cards apply, works already committed,
 * and how many samples of the assets' lives to draw — checked by zod wherever they come from (a
 * form, the database, a file); and the shape of a plan's result (`run-plan.ts` computes it).
 */
import { z } from 'zod';
import { overrideSchema } from './overrides-schema';
import { fundingParamsSchema, type FundingParams, type FundingResult } from './funding';
import type { Override } from './overrides';
import type { Budget, PriorityWeights } from './simulate-budget';
import type { AssetClass } from './asset-classes';
import type { AgeProfile, FloorAreaByYear } from './floor-area-by-year';
import type { WorkType } from './work-types';
import type { WorksGrid } from '../geo/works-grid';

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
    /** Take the adopted 個別施設計画: its works committed, its closures and new buildings applied. */
    adoptedPlan: z.boolean().default(false),
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
      .default(1),
    /** The finance model (起債・補助・基金) or null: the plan's cost is not split by source. */
    funding: fundingParamsSchema.nullable().default(null)
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
  adoptedPlan: boolean;
  committed: { assetCode: string; year: number }[];
  samples: number;
  seed: number;
  funding: FundingParams | null;
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

/** What a plan's run gives the pages: yearly figures (yen) and the headline. */
export interface PlanResult {
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
  /** The buildings' total floor area (㎡) at the end of each year, after the plan's works. */
  stockArea: number[];
  /** Where and when the works happen (by decade), and what waits at the end. */
  works: WorksGrid;
  /** P10–P50–P90 per year when the scenario draws samples of the lives (else null). */
  bands: {
    samples: number;
    seed: number;
    cost: { p10: number[]; p50: number[]; p90: number[] };
    backlog: { p10: number[]; p50: number[]; p90: number[] } | null;
  } | null;
  /** How the plan is paid for, year by year (null: the scenario has no finance model). */
  funding: FundingResult | null;
}

/** A run's progress: which stage, and samples done of those asked. */
export interface RunProgress {
  stage: 'projection' | 'samples' | 'saving';
  done: number;
  total: number;
}
