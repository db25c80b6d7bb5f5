/**
 * A per-address request limit (a token bucket per client address): each address may make
 * `burst` requests at once and earns `perMinute` a minute back. The table of addresses is bounded:
 * past `maxAddresses` the least recently seen are forgotten (a forgotten address starts full).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxAddresses = 50_000
  ) {}

  /** Takes one request for `address` at `now` (ms); false when it has none left. */
  take(address: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(address) ?? { tokens: this.burst, at: now };
    // Re-inserted: a Map keeps insertion order, so the first key is the least recently seen.
    this.buckets.delete(address);
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute
    );
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(address, bucket);
    if (this.buckets.size > this.maxAddresses)
      this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }

  /** Whether `address` has a request left at `now`, without taking it. */
  has(address: string, now = Date.now()): boolean {
    const b = this.buckets.get(address);
    return !b || b.tokens + ((now - b.at) / 60_000) * this.perMinute >= 1;
  }

  /** Seconds until `address` has a request again. */
  retryAfter(address: string): number {
    const b = this.buckets.get(address);
    if (!b || b.tokens >= 1) return 0;
    return Math.ceil(((1 - b.tokens) / this.perMinute) * 60);
  }
}
