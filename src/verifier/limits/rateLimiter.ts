import type { Clock } from '../clock';

/** At most `limit` events per `perMs`, with bursts of up to `limit`. */
export interface RateRule {
  limit: number;
  perMs: number;
}

/**
 * Counts events by key against a rule. In one process a token bucket per key; with Redis a shared window
 * per key, so that every instance behind a load balancer sees the same count.
 */
export interface RateLimiter {
  /** Takes one unit: 0 when allowed, otherwise the milliseconds until one would be (nothing is taken then). */
  take(key: string, rule: RateRule): Promise<number>;
  /** Like take, without taking: 0 while units are left. */
  peek(key: string, rule: RateRule): Promise<number>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets in memory, at most `maxKeys` of them (the least recently touched go first: a flood of client addresses cannot grow it). */
export class LocalRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  public constructor(
    private readonly clock: Clock,
    private readonly maxKeys: number = 50_000
  ) {}

  public take(key: string, rule: RateRule): Promise<number> {
    return Promise.resolve(this.takeNow(key, rule, true));
  }

  public peek(key: string, rule: RateRule): Promise<number> {
    return Promise.resolve(this.takeNow(key, rule, false));
  }

  /** Synchronous form of take/peek for callers in the same process. */
  public takeNow(key: string, rule: RateRule, consume: boolean): number {
    const now = this.clock.now();
    const perToken = rule.perMs / rule.limit;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: rule.limit, at: now };
    } else {
      this.buckets.delete(key);
      bucket.tokens = Math.min(rule.limit, bucket.tokens + (now - bucket.at) / perToken);
      bucket.at = now;
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    if (bucket.tokens >= 1) {
      if (consume) {
        bucket.tokens -= 1;
      }
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) * perToken));
  }
}
