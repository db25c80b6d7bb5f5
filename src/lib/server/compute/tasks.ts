/**
 * The heavy work Hozen does off the event loop, by name: each task takes plain data (structured
 * clones) and reports progress through `report`. The pool (`pool.ts`) runs them in worker threads;
 * the worker (`worker.ts`) looks them up here.
 *
 * Each task's code is loaded when a worker first runs it (a dynamic import: the bundlers give it
 * a chunk of its own), so that a worker starts in a few tens of milliseconds instead of compiling
 * every task's code — the projection engine, workbooks, GIS readers — for an import's rows.
 */
import type { runPlan, solvePlanBudget } from '../../engine/run-plan';
import type { projectionFile } from './projection-file';
import type { xlsxRecords } from '../import/xlsx-records';
import type { gisLayerRecords } from '../import/read-layer';
import type { assetRows } from '../import/asset-rows';
import type { gisPreview } from '../import/gis-preview';
import type { completeness } from '../../engine/completeness';
import type { accessSeriesAll } from '../../engine/access';
import type { candidateAreas, rankCandidates } from '../../engine/candidates';
import type { censusFiles } from '../../io/census-import';
import type { opinionsWorkbook } from '../../io/opinions-table';
import type { roadNetworkOf } from '../../engine/road-lines';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTask = (input: any, report: any, receive: any) => any;

/** A task whose code is imported on its first run (`load` imports it ahead: `warmPool`). */
function lazy<F extends AnyTask>(load: () => Promise<F>): F & { load: () => Promise<unknown> } {
  let loaded: Promise<F> | null = null;
  const get = () => (loaded ??= load());
  const run = async (input: unknown, report: unknown, receive: unknown) =>
    (await get())(input, report, receive);
  return Object.assign(run as F, { load: get });
}

export const TASKS = {
  /**
   * Nothing but loading the named tasks' code: starts a worker ahead of the work (a command's
   * worker loads as it opens the database).
   */
  ping: async (preload: readonly string[] | undefined) => {
    for (const name of preload ?? []) {
      const task = (TASKS as Record<string, { load?: () => Promise<unknown> }>)[name];
      await task?.load?.();
    }
    return true;
  },
  scenario: lazy<typeof runPlan>(async () => (await import('../../engine/run-plan')).runPlan),
  solve: lazy(async () => {
    const { solvePlanBudget: solve } = await import('../../engine/run-plan');
    return (task: { input: Parameters<typeof solvePlanBudget>[0]; year: number }) =>
      solve(task.input, task.year);
  }),
  projectionFile: lazy<typeof projectionFile>(
    async () => (await import('./projection-file')).projectionFile
  ),
  xlsxRecords: lazy(async () => {
    const { xlsxRecords: read } = await import('../import/xlsx-records');
    return (input: { path: string }): ReturnType<typeof xlsxRecords> => read(input.path);
  }),
  gisLayer: lazy<typeof gisLayerRecords>(
    async () => (await import('../import/read-layer')).gisLayerRecords
  ),
  assetRows: lazy<typeof assetRows>(async () => (await import('../import/asset-rows')).assetRows),
  gisPreview: lazy<typeof gisPreview>(
    async () => (await import('../import/gis-preview')).gisPreview
  ),
  access: lazy<typeof accessSeriesAll>(
    async () => (await import('../../engine/access')).accessSeriesAll
  ),
  census: lazy<typeof censusFiles>(
    async () => (await import('../../io/census-import')).censusFiles
  ),
  roadNetwork: lazy<typeof roadNetworkOf>(
    async () => (await import('../../engine/road-lines')).roadNetworkOf
  ),
  opinionsWorkbook: lazy(async () => {
    const { opinionsWorkbook: workbook } = await import('../../io/opinions-table');
    return async (input: {
      lang: Parameters<typeof opinionsWorkbook>[0];
      head: Parameters<typeof opinionsWorkbook>[1];
      rows: Parameters<typeof opinionsWorkbook>[2];
    }) => new Uint8Array(await workbook(input.lang, input.head, input.rows));
  }),
  candidates: lazy(async () => {
    const { candidateAreas: areas, rankCandidates: rank } = await import('../../engine/candidates');
    return (input: {
      facilities: Parameters<typeof rankCandidates>[0];
      outlook: Parameters<typeof candidateAreas>[0] | null;
      bands: Parameters<typeof candidateAreas>[1];
      later: number;
      asOf: number;
    }) =>
      rank(
        input.facilities,
        input.outlook ? areas(input.outlook, input.bands, input.later) : [],
        input.asOf
      );
  }),
  completeness: lazy(async () => {
    const { completeness: measure } = await import('../../engine/completeness');
    return (input: {
      assets: Parameters<typeof completeness>[0];
      placed: string[];
      standard: Parameters<typeof completeness>[2];
      horizon: Parameters<typeof completeness>[3];
    }) => {
      const placed = new Set(input.placed);
      return measure(input.assets, (code) => placed.has(code), input.standard, input.horizon);
    };
  })
} satisfies Record<string, (input: never, report: never, receive: never) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;
