/**
 * The compute pool's worker thread: runs one task of `tasks.ts` at a time, posting its progress
 * to the port it was given and handing the task what the caller answers on that port (a task
 * that streams its results waits for the caller to take them). Built on its own by
 * `vite.worker.config.ts`.
 */
import type { MessagePort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

/** The caller's messages on `port`, one at a time; `stop` once the caller has closed it. */
function inbox(port: MessagePort | undefined): () => Promise<unknown> {
  const queued: unknown[] = [];
  let waiting: ((message: unknown) => void) | null = null;
  let closed = !port;
  const take = (message: unknown) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(message);
    } else queued.push(message);
  };
  port?.on('message', take);
  port?.on('close', () => {
    closed = true;
    take('stop');
  });
  return () =>
    queued.length > 0
      ? Promise.resolve(queued.shift())
      : closed
        ? Promise.resolve('stop')
        : new Promise((resolve) => (waiting = resolve));
}

export default async function run(job: {
  name: TaskName;
  input: unknown;
  port?: MessagePort;
}): Promise<unknown> {
  const task = TASKS[job.name] as (
    input: unknown,
    report: (p: unknown) => void,
    receive: () => Promise<unknown>
  ) => unknown;
  if (!task) throw new Error(`no compute task "${job.name}"`);
  try {
    return await task(job.input, (p) => job.port?.postMessage(p), inbox(job.port));
  } finally {
    job.port?.close();
  }
}
