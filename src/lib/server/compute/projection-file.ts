/**
 * A projection export's file from its inputs, with no database: the long-format CSV (with a
 * budget, the budget run's four yearly columns more) or the .xlsx workbook. Runs in the compute
 * pool's worker (`worker.ts`).
 */
import { projectRenewals, projectionRows } from '../../engine/projection';
import { summarizeProjection } from '../../engine/projection-summary';
import { summarizeBudget } from '../../engine/simulate-budget';
import { isUnconstrained, planOptions, simulatePlan, type PlanInput } from '../../engine/run-plan';
import { formatBudgetCsv } from '../../io/budget-csv';
import { formatProjectionCsv } from '../../io/projection-csv';
import { projectionWorkbook, type Lang } from '../../io/projection-workbook';

export const BOM = '\uFEFF';

/** Everything a projection export is computed from (read and checked by export.service). */
export interface ProjectionJob {
  format: 'csv' | 'xlsx';
  /** The plan, as a scenario page runs it (engine/run-plan.ts). */
  plan: Omit<PlanInput, 'positions' | 'sheltersAtRisk'>;
  lang: Lang;
  title: string;
}

/** The export's file: CSV text (with a BOM, so Excel opens it in Japanese) or .xlsx bytes. */
export async function projectionFile(job: ProjectionJob): Promise<string | Uint8Array> {
  const { plan, lang, title } = job;
  const figures = {
    discount: plan.params.discount,
    referenceInvestment: plan.params.referenceInvestment
  };
  if (isUnconstrained(plan.params)) {
    // The need itself: the projection, with every asset's works listed (the workbook's 資産別工事).
    const result = projectRenewals(plan.assets, plan.standard, {
      ...planOptions(plan),
      detail: true
    });
    if (job.format === 'csv') return BOM + formatProjectionCsv(projectionRows(result));
    return new Uint8Array(
      await projectionWorkbook(result, summarizeProjection(result, figures), lang, title, null)
    );
  }
  const { run } = simulatePlan(plan);
  if (job.format === 'csv') return BOM + formatBudgetCsv(projectionRows(run.funded), run.years);
  return new Uint8Array(
    await projectionWorkbook(run.funded, summarizeProjection(run.funded, figures), lang, title, {
      run,
      key: summarizeBudget(run, figures.discount)
    })
  );
}
