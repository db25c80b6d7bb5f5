/**
 * The compute pool: heavy work (a scenario run, the budget solver, a projection export, reading a
 * workbook) runs in worker threads, so that no request — however large — holds the event loop
 * and every other user with it.
 *
 * Bounded three ways: HOZEN_WORKERS threads (default: the cores but one, at least 1, at most 4 —
 * the server's own thread keeps a core to answer others), a queue of at most HOZEN_QUEUE tasks
 * waiting (default 16; past it a task is refused with 503), and at most HOZEN_TASKS_PER_USER
 * tasks running or waiting per user (default 2; past it 429). A worker that runs out of its
 * memory (HOZEN_WORKER_MEMORY_MB, default 1024) or time (HOZEN_TASK_SECONDS, default 600) ends
 * with its task; the server goes on.
 *
 * The worker is `worker.ts`: from the sources (tests, scripts, `vite dev`) it runs through tsx
 * (`worker-dev.mjs`);
 * the built app runs the file `vite.worker.config.ts` builds, which `npm start` names in
 * HOZEN_COMPUTE_WORKER.
 */
import os from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TaskInput, TaskName, TaskOutput } from './tasks';
import { envInt } from '../env';
import { said, type Said } from '../../i18n/said';

/** The pool cannot take the task now: 429 (this user has enough running) or 503 (all busy). */
export class BusyError extends Error {
  constructor(
    /** What the reader is told, in both languages (`message` is the English, for logs). */
    readonly said: Said,
    readonly status: 429 | 503
  ) {
    super(said.en);
  }
}

/** The pool's worker could not start (a broken build, a file missing): a fault of the server. */
export class ComputeWorkerError extends Error {
  override name = 'ComputeWorkerError';
  readonly said: Said;
  constructor(reason: string) {
    const what = said(
      `計算用のワーカーが起動できませんでした（${reason}）。サーバーの管理者にお知らせください`,
      `the compute worker failed: ${reason}`
    );
    super(what.en);
    this.said = what;
  }
}

/** A task's worker ran out of memory or time: the input was too large to compute. */
export class ComputeLimitError extends Error {
  override name = 'ComputeLimitError';
  constructor(readonly said: Said) {
    super(said.en);
  }
}

export const poolLimits = () => ({
  threads: envInt('HOZEN_WORKERS', Math.max(1, Math.min(4, os.availableParallelism() - 1)), 1, 64),
  queue: envInt('HOZEN_QUEUE', 16, 0, 10_000),
  perUser: envInt('HOZEN_TASKS_PER_USER', 2, 1, 1_000),
  memoryMb: envInt('HOZEN_WORKER_MEMORY_MB', 1024, 64, 65_536),
  seconds: envInt('HOZEN_TASK_SECONDS', 600, 1, 86_400)
});

let pool: Piscina | null = null;
/** How to fail each task running or waiting, should its worker fail outside it. */
const stranded = new Set<(error: Error) => void>();
let limits: ReturnType<typeof poolLimits> | null = null;
const perOwner = new Map<string, number>();
/** Tasks running or waiting: at most threads + queue (counted here: piscina's own queue bound
 * does not count tasks handed to a busy worker). */
let active = 0;

/**
 * A worker's young generation (two 8 MB semi-spaces and their large objects), where the rows of
 * an import live and die: half V8's default. Measured on `npm run import` of 100,000 rows, eleven
 * runs in turn with the default: lower in every run, by 3 % (1.43 against 1.47 s); 32 MB gained
 * nothing, 12 MB lost (more collections).
 */
const YOUNG_GENERATION_MB = 24;

function getPool(): { pool: Piscina; limits: ReturnType<typeof poolLimits> } {
  if (!pool || !limits) {
    limits = poolLimits();
    const built = process.env.HOZEN_COMPUTE_WORKER?.trim();
    pool = new Piscina({
      filename: built || new URL('./worker-dev.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: limits.threads,
      idleTimeout: 60_000,
      resourceLimits: {
        maxOldGenerationSizeMb: limits.memoryMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB
      }
    });
    // A worker that cannot start (or dies outside a task) is logged, and the tasks waiting for it
    // fail with its reason (piscina would leave them waiting for ever); the server goes on.
    pool.on('error', (e: Error) => {
      console.error(`compute pool: ${e.message}`);
      for (const fail of stranded) fail(new ComputeWorkerError(e.message));
      stranded.clear();
    });
  }
  return { pool, limits };
}

/**
 * Runs a task in the pool. `owner` (a user name, or a scenario's key) counts against the per-user
 * limit; `onProgress` hears the task's reports.
 */
export async function compute<N extends TaskName>(
  name: N,
  input: TaskInput<N>,
  options: {
    owner?: string | null;
    /** Hears the task's reports; `reply` answers the task (one that waits for its caller). */
    onProgress?: (progress: unknown, reply: (message: unknown) => void) => void;
  } = {}
): Promise<TaskOutput<N>> {
  const { pool, limits } = getPool();
  const owner = options.owner ?? null;
  if (owner !== null && (perOwner.get(owner) ?? 0) >= limits.perUser)
    throw new BusyError(
      said(
        `実行中の計算がすでに ${limits.perUser} 件あります。終わってからもう一度お試しください`,
        `you have ${limits.perUser} computations running already; wait for them to finish`
      ),
      429
    );
  if (active >= limits.threads + limits.queue)
    throw new BusyError(
      said(
        'ほかの計算で混み合っています。1分ほどしてからもう一度お試しください',
        'Hozen is busy with other computations; try again in a minute'
      ),
      503
    );
  active += 1;
  if (owner !== null) perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
  const channel = options.onProgress ? new MessageChannel() : null;
  if (channel) {
    const port = channel.port1;
    port.on('message', (p: unknown) => options.onProgress!(p, (m) => port.postMessage(m)));
    channel.port1.unref();
  }
  let strand: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (strand = reject));
  stranded.add(strand);
  try {
    const running = pool.run(
      { name, input, port: channel?.port2 },
      {
        ...(channel ? { transferList: [channel.port2] } : {}),
        signal: AbortSignal.timeout(limits.seconds * 1000)
      }
    );
    running.catch(() => {}); // settled by `failed` first, its own failure is of no one's concern
    return (await Promise.race([running, failed])) as TaskOutput<N>;
  } catch (e) {
    const error = e as Error & { code?: string };
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
      throw new ComputeLimitError(
        said(
          `計算に ${limits.memoryMb} MB を超えるメモリが要るため止めました（データが大きすぎます）`,
          `the computation needed more than ${limits.memoryMb} MB of memory and was stopped`
        )
      );
    if (error.name === 'AbortError' || error.name === 'TimeoutError')
      throw new ComputeLimitError(
        said(
          `計算が ${limits.seconds} 秒（HOZEN_TASK_SECONDS）を超えたため止めました`,
          `the computation took longer than ${limits.seconds} s (HOZEN_TASK_SECONDS) and was stopped`
        )
      );
    throw e;
  } finally {
    stranded.delete(strand);
    active -= 1;
    channel?.port1.close();
    if (owner !== null) {
      const left = (perOwner.get(owner) ?? 1) - 1;
      if (left > 0) perOwner.set(owner, left);
      else perOwner.delete(owner);
    }
  }
}

/** Tasks running or waiting now (a caller that stopped early must leave none behind). */
export const poolActivity = (): { active: number } => ({ active });

/**
 * Starts a worker now, loading the code of `tasks` (a worker takes tens of milliseconds to start,
 * a task's code as many again), for work that will come shortly — a command-line import reads its
 * file there while it opens the database.
 */
export async function warmPool(...tasks: TaskName[]): Promise<void> {
  await compute('ping', tasks).catch(() => {});
}

/** Stops the pool's threads (command-line tools, before they exit). */
export async function closePool(): Promise<void> {
  const closing = pool;
  pool = null;
  limits = null;
  await closing?.destroy();
}
