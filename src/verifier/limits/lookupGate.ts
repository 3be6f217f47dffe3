import type { Clock, TimerHandle } from '../clock';
import type { RateLimiter, RateRule } from './rateLimiter';

interface Waiter {
  resolve(admitted: boolean): void;
  timer: TimerHandle;
}

export interface LookupGateOptions {
  limiter: RateLimiter;
  /** Store lookups for all clients together (the app's SharePoint budget, minus the change-log poll's share). */
  rule: RateRule;
  maxConcurrent: number;
  maxQueued: number;
  maxWaitMs: number;
  clock: Clock;
}

/**
 * Admits store lookups of uncached keys: a global rate, a cap on requests in flight, and a short bounded
 * queue; what does not fit is shed at once (the caller answers 503) instead of piling up. Lookups that
 * re-check a key this verifier already knows (a cached record whose change-log proof is too old) go
 * before lookups of keys never seen, so a flood of made-up keys cannot starve legitimate callers. The
 * change-log poll never passes through here: its budget is reserved.
 */
export class LookupGate {
  private readonly urgent: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private pumping = false;
  private wakeTimer: TimerHandle | undefined;

  public constructor(private readonly options: LookupGateOptions) {}

  /** Resolves true when the lookup may go (then call release()), false when it was shed. */
  public acquire(recheck: boolean): Promise<boolean> {
    const { clock, maxQueued, maxWaitMs } = this.options;
    const queued = this.urgent.length + this.normal.length;
    // Waiters that will get a free slot at once do not count against the queue bound.
    if (clock.now() < this.pausedUntil || (queued >= maxQueued && this.inFlight + queued >= this.options.maxConcurrent)) {
      return Promise.resolve(false);
    }
    return new Promise<boolean>((resolve) => {
      const lane = recheck ? this.urgent : this.normal;
      const waiter: Waiter = {
        resolve,
        timer: clock.setTimer(() => {
          const at = lane.indexOf(waiter);
          if (at !== -1) {
            lane.splice(at, 1);
            resolve(false);
          }
        }, maxWaitMs)
      };
      lane.push(waiter);
      this.pump();
    });
  }

  public release(): void {
    this.inFlight--;
    this.pump();
  }

  /** SharePoint answered 429/503 with Retry-After: no lookup before then; everything queued is shed. */
  public pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
    for (const lane of [this.urgent, this.normal]) {
      for (const waiter of lane.splice(0)) {
        this.options.clock.clearTimer(waiter.timer);
        waiter.resolve(false);
      }
    }
  }

  public get queued(): number {
    return this.urgent.length + this.normal.length;
  }

  public get paused(): boolean {
    return this.options.clock.now() < this.pausedUntil;
  }

  public clear(): void {
    this.pauseUntil(0);
    if (this.wakeTimer !== undefined) {
      this.options.clock.clearTimer(this.wakeTimer);
      this.wakeTimer = undefined;
    }
  }

  private pump(): void {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    this.pumpAsync().finally(() => {
      this.pumping = false;
      // A release() that arrived while the last take() was answered would otherwise wait for the next event.
      if (this.wakeTimer === undefined && this.inFlight < this.options.maxConcurrent && this.queued > 0) {
        this.pump();
      }
    });
  }

  private async pumpAsync(): Promise<void> {
    const { clock, limiter, rule, maxConcurrent } = this.options;
    while (this.inFlight < maxConcurrent && this.urgent.length + this.normal.length > 0) {
      const waitMs = await limiter.take('lookups', rule).catch(() => 0);
      if (waitMs > 0) {
        if (this.wakeTimer === undefined) {
          this.wakeTimer = clock.setTimer(() => {
            this.wakeTimer = undefined;
            this.pump();
          }, waitMs);
        }
        return;
      }
      const waiter = this.urgent.shift() ?? this.normal.shift();
      if (waiter === undefined) {
        return;
      }
      clock.clearTimer(waiter.timer);
      this.inFlight++;
      waiter.resolve(true);
    }
  }
}
