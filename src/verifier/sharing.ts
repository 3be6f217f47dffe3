import type { LastUsedCoordinator } from './lastUsed';
import type { RateLimiter } from './limits';
import type { CachedKey } from './verificationCache';

/** What the change-log reader tells every instance after each read. */
export interface ChangeNotice {
  /** The instance that read it (an instance ignores its own notices). */
  from: string;
  /** Items added, changed or deleted: their cached answers are dropped (and every cached "unknown"). */
  itemIds: number[];
  /** The reader started again from the current token: every cached answer is dropped. */
  resync: boolean;
  /** Milliseconds between the start of the read and the notice: receivers date their proof of freshness from it. */
  ageMs: number;
}

export interface SharedLookup {
  /** found: a record; absent: "no such key"; miss: nothing shared. */
  state: 'found' | 'absent' | 'miss';
  key?: CachedKey;
  /** The shared caches' generation when read: a write made with an older one is dropped (a change came in between). */
  generation: string;
}

/**
 * Many verifier instances, one SharePoint load: one instance at a time holds a lease and reads the change
 * log, and tells the others; positive and negative answers and the per-client limits are shared. The
 * verifier works without it exactly as one process does. createRedisSharing is the implementation.
 */
export interface VerifierSharing {
  readonly instanceId: string;
  readonly limiter: RateLimiter;
  /** Shares last-used aggregation: N instances make at most one write per key per window in all. */
  readonly lastUsed?: LastUsedCoordinator;
  start(onNotice: (notice: ChangeNotice) => void): Promise<void>;
  stop(): Promise<void>;
  /** Takes or renews the change-log lease; true while this instance holds it. */
  holdLease(): Promise<boolean>;
  /** The change token where the last reader stopped, if any. */
  loadToken(): Promise<string | undefined>;
  /** Saves the token, drops changed items from the shared caches, then tells every instance. */
  publish(token: string, notice: Omit<ChangeNotice, 'from'>): Promise<void>;
  read(hash: string): Promise<SharedLookup>;
  write(hash: string, key: CachedKey | undefined, ttlMs: number, generation: string): Promise<void>;
}
