import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws within its ranges', () => {
    const r = new Random(1);
    for (let i = 0; i < 2_000; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const n = r.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
  });

  it('follows the weights of a weighted draw', () => {
    const r = new Random(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        r.weighted([
          ['a', 0.8],
          ['b', 0.2]
        ] as const)
      ]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.77);
    expect(counts.a / 10_000).toBeLessThan(0.83);
  });

  it('forks into independent, reproducible streams', () => {
    const first = new Random(9).fork(1).next();
    expect(new Random(9).fork(1).next()).toBe(first);
    expect(new Random(9).fork(2).next()).not.toBe(first);
  });
});
