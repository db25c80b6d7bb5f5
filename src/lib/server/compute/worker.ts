/**
 * The compute pool's worker thread: runs one task of `tasks.ts` at a time, posting its progress
 * to the port it was given. Built on its own by `vite.worker.config.ts`.
 */
import type { MessagePort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

export default async function run(job: {
  name: TaskName;
  input: unknown;
  port?: MessagePort;
}): Promise<unknown> {
  const task = TASKS[job.name] as (input: unknown, report: (p: unknown) => void) => unknown;
  if (!task) throw new Error(`no compute task "${job.name}"`);
  try {
    return await task(job.input, (p) => job.port?.postMessage(p));
  } finally {
    job.port?.close();
  }
}
