/**
 * The heavy work Hozen does off the event loop, by name: each task takes plain data (structured
 * clones) and reports progress through `report`. The pool (`pool.ts`) runs them in worker threads;
 * the worker (`worker.ts`) looks them up here.
 */
import { projectionFile } from './projection-file';
import { runPlan, solvePlanBudget } from '../../engine/run-plan';
import { xlsxRecords } from '../import/xlsx-records';
import { gisLayerRecords } from '../import/read-layer';
import { assetRows } from '../import/asset-rows';
import { gisPreview } from '../import/gis-preview';
import { completeness } from '../../engine/completeness';
import { accessSeriesAll } from '../../engine/access';
import { candidateAreas, rankCandidates } from '../../engine/candidates';
import { censusFiles } from '../../io/census-import';
import { opinionsWorkbook } from '../../io/opinions-table';
import { roadNetworkOf } from '../../engine/road-lines';

export const TASKS = {
  /** Nothing: starts a worker ahead of the work (a command's worker loads as it opens the database). */
  ping: () => true,
  scenario: runPlan,
  solve: (task: { input: Parameters<typeof solvePlanBudget>[0]; year: number }) =>
    solvePlanBudget(task.input, task.year),
  projectionFile,
  xlsxRecords: (input: { path: string }) => xlsxRecords(input.path),
  gisLayer: gisLayerRecords,
  assetRows,
  gisPreview,
  access: accessSeriesAll,
  census: censusFiles,
  roadNetwork: roadNetworkOf,
  opinionsWorkbook: async (input: {
    lang: Parameters<typeof opinionsWorkbook>[0];
    head: Parameters<typeof opinionsWorkbook>[1];
    rows: Parameters<typeof opinionsWorkbook>[2];
  }) => new Uint8Array(await opinionsWorkbook(input.lang, input.head, input.rows)),
  candidates: (input: {
    facilities: Parameters<typeof rankCandidates>[0];
    outlook: Parameters<typeof candidateAreas>[0] | null;
    bands: Parameters<typeof candidateAreas>[1];
    later: number;
    asOf: number;
  }) =>
    rankCandidates(
      input.facilities,
      input.outlook ? candidateAreas(input.outlook, input.bands, input.later) : [],
      input.asOf
    ),
  completeness: (input: {
    assets: Parameters<typeof completeness>[0];
    placed: string[];
    standard: Parameters<typeof completeness>[2];
    horizon: Parameters<typeof completeness>[3];
  }) => {
    const placed = new Set(input.placed);
    return completeness(input.assets, (code) => placed.has(code), input.standard, input.horizon);
  }
} satisfies Record<string, (input: never, report: never, receive: never) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;
