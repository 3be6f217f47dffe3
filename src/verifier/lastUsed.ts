import type { KeyUse, KeyUsageWriter } from '../data/KeyUsageStore.types';
import { UsageListMissingError } from '../data/KeyUsageStore.types';
import type { Clock, TimerHandle } from './clock';
import type { VerifierLogger } from './KeyVerifier.types';

/** What an instance may do with a key's pending use when its window allows a write. */
export type LastUsedClaim =
  /** Write `lastUsed` (the latest use any instance reported): this instance holds the key's window. */
  | { action: 'write'; lastUsed: number }
  /**
   * Another instance wrote within the window: ask again in `retryInMs` if uses are still pending. `latest`: the latest
   * use any instance reported, when the coordinator is shared (what a stopping instance writes).
   */
  | { action: 'wait'; retryInMs: number; latest?: number }
  /** A time at least as late as ours is already written: nothing to do. */
  | { action: 'done' };

/**
 * Decides which instance writes a key's last use, so that all instances together make at most one write per key
 * per window. The local one is this process alone; with Redis (createRedisSharing) every instance shares it.
 */
export interface LastUsedCoordinator {
  /** Reports `at` as a use of the key, then claims the key's window if it is free. */
  claim(keyId: number, tail: string, at: number, windowMs: number): Promise<LastUsedClaim>;
  /** `at` is in the usage list now. */
  written(keyId: number, at: number): Promise<void>;
}

/** One process: the window is this instance's own. */
export function localLastUsedCoordinator(clock: Clock): LastUsedCoordinator {
  const windows = new Map<number, number>();
  const done = new Map<number, number>();
  return {
    async claim(keyId: number, _tail: string, at: number, windowMs: number): Promise<LastUsedClaim> {
      if ((done.get(keyId) ?? -1) >= at) {
        return { action: 'done' };
      }
      const now = clock.now();
      const until = windows.get(keyId);
      if (until !== undefined && until > now) {
        return { action: 'wait', retryInMs: until - now };
      }
      windows.set(keyId, now + windowMs);
      return { action: 'write', lastUsed: at };
    },
    async written(keyId: number, at: number): Promise<void> {
      if ((done.get(keyId) ?? -1) < at) {
        done.set(keyId, at);
      }
    }
  };
}

interface PendingUse {
  keyId: number;
  tail: string;
  /** Latest accepted use not yet written; undefined when nothing is pending. */
  latest: number | undefined;
  /** Not before this time is the key considered again. */
  dueAt: number;
}

export interface LastUsedOptions {
  /** Where last-used times go (GraphKeyUsageWriter in production). */
  store: KeyUsageWriter;
  /** At most one write per key per this many ms, across every instance sharing a coordinator. Default 5 minutes. */
  windowMs?: number;
  /** How often pending uses are looked at: a first use after a quiet period is written within this. Default 1 s. */
  flushIntervalMs?: number;
}

export interface LastUsedStats {
  /** Usage items written (created or updated). */
  writes: number;
  /** Uses whose write failed (retried in the next window). */
  writeFailures: number;
  /** Keys with a use noted and not yet written. */
  pending: number;
}

/**
 * Notes accepted keys in memory (O(1), no await on the request path) and writes each key's latest use at most once
 * per window: the first use after a quiet period at the next flush tick, later uses coalesced and the latest one
 * written when the window ends. Failures are logged with key ids and tails (never a key) and retried next window;
 * nothing here can fail or slow a verification.
 */
export class LastUsedRecorder {
  public readonly windowMs: number;
  private readonly flushIntervalMs: number;
  private readonly store: KeyUsageWriter;
  private readonly clock: Clock;
  private readonly logger: VerifierLogger | undefined;
  private readonly local: LastUsedCoordinator;
  private readonly shared: LastUsedCoordinator | undefined;
  private readonly uses = new Map<number, PendingUse>();
  /** The clock at the last flush tick (or start). */
  private tickNow = 0;
  private timer: TimerHandle | undefined;
  private flushing: Promise<void> | undefined;
  private running = false;
  private missingTold = false;
  private sharedFailedTold = false;
  private readonly counters = { writes: 0, writeFailures: 0 };

  public constructor(options: LastUsedOptions, clock: Clock, logger: VerifierLogger | undefined, shared?: LastUsedCoordinator) {
    this.store = options.store;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    if (!(this.windowMs > 0) || !(this.flushIntervalMs > 0) || !Number.isFinite(this.windowMs) || !Number.isFinite(this.flushIntervalMs)) {
      throw new RangeError('lastUsed.windowMs and lastUsed.flushIntervalMs must be finite numbers of milliseconds > 0.');
    }
    this.clock = clock;
    this.logger = logger;
    this.local = localLastUsedCoordinator(clock);
    this.shared = shared;
  }

  /**
   * The hot path: one map lookup and a comparison. A key's first use after a quiet period reads the clock; later
   * ones take the time of the last flush tick (reading the clock on every hit would double this path's cost), so a
   * written time is at most one flush interval (1 s) before the real last use: SharePoint keeps seconds anyway.
   */
  public note(keyId: number, tail: string): void {
    const use = this.uses.get(keyId);
    if (use === undefined) {
      this.uses.set(keyId, { keyId, tail, latest: this.clock.now(), dueAt: 0 });
      return;
    }
    const now = this.tickNow;
    if (use.latest === undefined || use.latest < now) {
      use.latest = now;
    }
  }

  public start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.tickNow = this.clock.now();
    this.schedule();
  }

  /**
   * Stops the ticks and writes every pending use now, inside the window too: with Redis, the latest use any instance
   * reported for each key this instance has a pending use of, unless a time at least as late is written already.
   */
  public async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) {
      this.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (this.flushing !== undefined) {
      await this.flushing;
    }
    await this.flush(true);
  }

  public stats(): LastUsedStats {
    let pending = 0;
    this.uses.forEach((use) => {
      if (use.latest !== undefined) {
        pending++;
      }
    });
    return { ...this.counters, pending };
  }

  /** Writes what is due (every pending use when `final`). Never rejects. */
  public flush(final: boolean = false): Promise<void> {
    if (this.flushing === undefined) {
      this.flushing = this.flushOnce(final)
        .catch((error: unknown) => this.logger?.warn('API key verifier: last-used flush failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          this.flushing = undefined;
        });
    }
    return this.flushing;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      if (!this.running) {
        return;
      }
      this.tickNow = this.clock.now();
      this.flush().finally(() => {
        if (this.running && this.timer === undefined) {
          this.schedule();
        }
      });
    }, this.flushIntervalMs);
  }

  private async claim(use: PendingUse, at: number, final: boolean): Promise<LastUsedClaim> {
    if (this.shared !== undefined) {
      try {
        const claim = await this.shared.claim(use.keyId, use.tail, at, this.windowMs);
        // Stopping while another instance holds the key's window (or while this one still does): nobody would write
        // this use until the key is next used, perhaps never. Write the latest use any instance reported, now: one
        // write per stopping instance at most, and the writer keeps the later time (If-Match), so a concurrent write by
        // the holder is never undone; the next stopper finds it written ('done') unless it has a newer use.
        return final && claim.action === 'wait' ? { action: 'write', lastUsed: Math.max(at, claim.latest ?? at) } : claim;
      } catch (error) {
        if (!this.sharedFailedTold) {
          this.sharedFailedTold = true;
          this.logger?.warn('API key verifier: shared last-used window unreachable; this instance decides alone until it answers', { error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    // Alone, stopping writes everything now: nobody else would write it later.
    return final ? { action: 'write', lastUsed: at } : this.local.claim(use.keyId, use.tail, at, this.windowMs);
  }

  private async flushOnce(final: boolean): Promise<void> {
    const now = this.clock.now();
    const batch: { use: PendingUse; at: number }[] = [];
    for (const use of Array.from(this.uses.values())) {
      if (use.latest === undefined) {
        if (now >= use.dueAt) {
          // Quiet for a whole window: forget it, so the next use is written promptly and memory stays bounded.
          this.uses.delete(use.keyId);
        }
        continue;
      }
      if (!final && now < use.dueAt) {
        continue;
      }
      const at = use.latest;
      const claim = await this.claim(use, at, final);
      if (claim.action === 'done') {
        if (use.latest === at) {
          use.latest = undefined;
        }
        use.dueAt = now + this.windowMs;
      } else if (claim.action === 'wait') {
        use.dueAt = now + Math.max(claim.retryInMs, this.flushIntervalMs);
      } else {
        batch.push({ use, at: Math.max(at, claim.lastUsed) });
        use.dueAt = now + this.windowMs;
      }
    }
    if (batch.length === 0) {
      return;
    }
    const uses: KeyUse[] = batch.map(({ use, at }) => ({ keyId: use.keyId, tail: use.tail, lastUsed: new Date(at) }));
    let failedIds = new Set<number>(uses.map((u) => u.keyId));
    try {
      const result = await this.store.recordUse(uses);
      this.counters.writes += result.written;
      failedIds = new Set(result.failed.map((u) => u.keyId));
      this.missingTold = false;
    } catch (error) {
      if (error instanceof UsageListMissingError) {
        if (!this.missingTold) {
          this.missingTold = true;
          this.logger?.warn(`API key verifier: ${error.message}; keys are still verified, last-used is not recorded until then`);
        }
      } else {
        this.logger?.warn('API key verifier: last-used write failed; retried next window', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const { use, at } of batch) {
      if (failedIds.has(use.keyId)) {
        this.counters.writeFailures++;
        continue;
      }
      await (this.shared ?? this.local).written(use.keyId, at).catch(() => undefined);
      if (use.latest !== undefined && use.latest <= at) {
        use.latest = undefined;
      }
    }
    if (failedIds.size > 0) {
      const failed = batch.filter(({ use }) => failedIds.has(use.keyId)).map(({ use }) => `${use.keyId} (…${use.tail})`);
      this.logger?.warn('API key verifier: last-used not written for some keys; retried next window', { keys: failed.slice(0, 20), count: failed.length });
    }
  }
}
