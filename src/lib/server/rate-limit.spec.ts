import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('the per-address limit', () => {
  it('allows a burst, then one request per refill, per address', () => {
    const limit = new RateLimiter(60, 3); // one a second back
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => limit.take('a', t0))).toEqual([true, true, true, false]);
    expect(limit.retryAfter('a')).toBe(1);
    expect(limit.take('b', t0)).toBe(true); // another address is counted apart
    expect(limit.take('a', t0 + 500)).toBe(false);
    expect(limit.take('a', t0 + 1_000)).toBe(true);
    // A long pause refills to the burst, not beyond.
    expect([1, 2, 3, 4].map(() => limit.take('a', t0 + 600_000))).toEqual([
      true,
      true,
      true,
      false
    ]);
  });

  it('says whether an address has a request left without taking it', () => {
    const limit = new RateLimiter(60, 1);
    expect(limit.has('a', 0)).toBe(true);
    expect(limit.has('a', 0)).toBe(true);
    expect(limit.take('a', 0)).toBe(true);
    expect(limit.has('a', 0)).toBe(false);
    expect(limit.has('a', 1_000)).toBe(true);
  });

  it('forgets the least recently seen addresses past its bound', () => {
    const limit = new RateLimiter(1, 1, 2);
    expect(limit.take('a', 0)).toBe(true);
    expect(limit.take('a', 0)).toBe(false);
    limit.take('b', 0);
    limit.take('c', 0); // 'a' is forgotten, and starts full again
    expect(limit.take('a', 0)).toBe(true);
  });
});
