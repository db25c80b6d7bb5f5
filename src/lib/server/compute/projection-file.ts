/**
 * A projection export's file from its inputs, with no database: the long-format CSV (with a
 * budget, the budget run's four yearly columns more) or the .xlsx workbook. Runs in the compute
 * pool's worker (`worker.ts`).
 */
import type { EngineAsset } from '../../engine/engine-asset';
import type { Override } from '../../engine/overrides';
import { projectRenewals, projectionRows } from '../../engine/projection';
import { summarizeProjection } from '../../engine/projection-summary';
import {
  simulateBudget,
  summarizeBudget,
  type Budget,
  type PriorityWeights
} from '../../engine/simulate-budget';
import type { Standard } from '../../engine/standard';
import { formatBudgetCsv } from '../../io/budget-csv';
import { formatProjectionCsv } from '../../io/projection-csv';
import { projectionWorkbook, type Lang } from '../../io/projection-workbook';

export const BOM = '\uFEFF';

/** Everything a projection export is computed from (read and checked by export.service). */
export interface ProjectionJob {
  format: 'csv' | 'xlsx';
  assets: EngineAsset[];
  standard: Standard;
  engine: { startYear: number; years: number; inflation: number; overrides: Override[] };
  figures: { discount: number; referenceInvestment: number | null };
  /** The budget run's budget, or null for the projection alone (Engine I). */
  plan: Budget | null;
  weights: Partial<PriorityWeights>;
  committed: { assetCode: string; year: number }[];
  lang: Lang;
  title: string;
}

/** The export's file: CSV text (with a BOM, so Excel opens it in Japanese) or .xlsx bytes. */
export async function projectionFile(job: ProjectionJob): Promise<string | Uint8Array> {
  const { assets, standard, engine, figures, lang, title } = job;
  if (job.plan === null) {
    const result = projectRenewals(assets, standard, { ...engine, detail: true });
    if (job.format === 'csv') return BOM + formatProjectionCsv(projectionRows(result));
    return new Uint8Array(
      await projectionWorkbook(result, summarizeProjection(result, figures), lang, title, null)
    );
  }
  const run = simulateBudget(assets, standard, {
    ...engine,
    budget: job.plan,
    weights: job.weights,
    forced: job.committed
  });
  if (job.format === 'csv') return BOM + formatBudgetCsv(projectionRows(run.funded), run.years);
  return new Uint8Array(
    await projectionWorkbook(run.funded, summarizeProjection(run.funded, figures), lang, title, {
      run,
      key: summarizeBudget(run, figures.discount)
    })
  );
}
