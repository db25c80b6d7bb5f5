/**
 * The heavy work Hozen does off the event loop, by name: each task takes plain data (structured
 * clones) and reports progress through `report`. The pool (`pool.ts`) runs them in worker threads;
 * the worker (`worker.ts`) looks them up here.
 */
import { projectionFile } from './projection-file';
import { scenarioResult, solveScenarioBudget } from './scenario-run';
import { xlsxRecords } from '../import/xlsx-records';
import { shapefileAsGeoJson } from '../import/shapefile-file';

export const TASKS = {
  scenario: scenarioResult,
  solve: (input: { inputs: Parameters<typeof solveScenarioBudget>[0]; year: number }) =>
    solveScenarioBudget(input.inputs, input.year),
  projectionFile,
  xlsxRecords: (input: { path: string }) => xlsxRecords(input.path),
  shapefile: shapefileAsGeoJson
} satisfies Record<string, (input: never, report: never) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;
