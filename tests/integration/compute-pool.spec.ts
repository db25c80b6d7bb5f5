/**
 * The compute pool's bounds, each by what a caller sees: a task that outgrows its memory is
 * stopped and the process goes on; a full queue answers 503, one user with enough running 429.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { computeFailure, computeRefusal } from '../../src/lib/server/busy';
import {
  BusyError,
  closePool,
  compute,
  ComputeLimitError,
  ComputeWorkerError
} from '../../src/lib/server/compute/pool';
import type { EngineAsset } from '../../src/lib/engine/engine-asset';
import { soumu } from '../../src/lib/engine/standards/soumu';

const city = (n: number): EngineAsset[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `A${i}`,
    assetClass: 'building',
    category: 'school',
    yearBuilt: 1960 + (i % 60),
    quantity: 1000,
    structure: 'rc',
    material: null,
    diameterMm: null,
    pipeKind: null,
    facilityCode: null
  }));
const task = (n: number) => ({
  assets: city(n),
  placed: [],
  standard: soumu,
  horizon: { startYear: 2026, years: 60 }
});

const settings = (env: Record<string, string>) => {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
};

afterEach(async () => {
  await closePool();
  for (const k of [
    'HOZEN_WORKER_MEMORY_MB',
    'HOZEN_WORKERS',
    'HOZEN_QUEUE',
    'HOZEN_TASKS_PER_USER'
  ])
    delete process.env[k];
});

describe('the compute pool', () => {
  it('fails the waiting tasks with the reason when its worker cannot start (they waited for ever)', async () => {
    const broken = path.join(os.tmpdir(), `hozen-broken-worker-${process.pid}.mjs`);
    fs.writeFileSync(broken, 'this is not JavaScript (\n');
    const worker = process.env.HOZEN_COMPUTE_WORKER;
    settings({ HOZEN_COMPUTE_WORKER: pathToFileURL(broken).href });
    try {
      const failed = await compute('completeness', task(10)).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ComputeWorkerError);
      expect((failed as Error).message).toMatch(/^the compute worker failed: /);
      // Said to the reader in their language, as a fault of the server (no Retry-After).
      const refusal = computeRefusal(failed, 'ja');
      expect(refusal).toMatchObject({ status: 500 });
      expect(refusal!.message).toMatch(/^計算用のワーカーが起動できませんでした（.+）/);
      expect(computeFailure(failed, 'en')!.headers.get('retry-after')).toBeNull();
    } finally {
      fs.rmSync(broken, { force: true });
      if (worker === undefined) delete process.env.HOZEN_COMPUTE_WORKER;
      else process.env.HOZEN_COMPUTE_WORKER = worker;
    }
  });

  it('stops a task that outgrows its memory, and the process goes on', async () => {
    settings({ HOZEN_WORKER_MEMORY_MB: '64' });
    const stopped = await compute('completeness', task(400_000)).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ComputeLimitError);
    expect(computeRefusal(stopped, 'ja')).toEqual({
      status: 413,
      message: '計算に 64 MB を超えるメモリが要るため止めました（データが大きすぎます）'
    });
    // The pool serves the next task (a new worker).
    const small = await compute('completeness', task(10));
    expect(small.classes[0]!.assets).toBe(10);
  });

  it('answers 503 when its queue is full, and 429 past the tasks one user may have', async () => {
    settings({ HOZEN_WORKERS: '1', HOZEN_QUEUE: '1' });
    const results = await Promise.allSettled([
      compute('completeness', task(100_000)),
      compute('completeness', task(100_000)),
      compute('completeness', task(100_000))
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status: 503 });
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(BusyError);
    // Said in the reader's language where a page or an endpoint answers with it.
    const reason = (refused[0] as PromiseRejectedResult).reason as BusyError;
    expect(computeRefusal(reason, 'ja')).toEqual({
      status: 503,
      message: 'ほかの計算で混み合っています。1分ほどしてからもう一度お試しください'
    });
    const answer = computeFailure(reason, 'en')!;
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(await answer.text()).toBe(
      'Hozen is busy with other computations; try again in a minute'
    );

    await closePool();
    settings({ HOZEN_WORKERS: '2', HOZEN_QUEUE: '16', HOZEN_TASKS_PER_USER: '2' });
    const mine = await Promise.allSettled([
      compute('completeness', task(50_000), { owner: 'viewer' }),
      compute('completeness', task(50_000), { owner: 'viewer' }),
      compute('completeness', task(50_000), { owner: 'viewer' }),
      compute('completeness', task(10), { owner: 'someone-else' })
    ]);
    expect(mine.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((mine[2] as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
  });
});
