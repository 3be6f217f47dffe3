import type { KeyChanges, StoreReadOptions } from '../data';
import type { KeyRecord, Permission } from '../core';
import type { Clock } from './clock';
import type { RateRule } from './limits';
import type { LastUsedOptions } from './lastUsed';
import type { VerifierSharing } from './sharing';
import type { RefusalCause, RefusalReason, REFUSAL_STATUS } from './refusalCauses';

/** What an API may log about a key: its list item id and its last 12 characters, never the key. */
export interface ApiKeyIdentity {
  /** SharePoint list item id of the key's record. */
  id: number;
  name: string;
  permission: Permission;
  /** Last 12 characters of the key, as the page shows them: an identifier, not a secret. */
  tail: string;
}

export interface KeyAllowed {
  allowed: true;
  keyId: number;
  name: string;
  permission: Permission;
  tail: string;
}

export type { RefusalCause, RefusalReason } from './refusalCauses';

export interface KeyRefused {
  allowed: false;
  status: (typeof REFUSAL_STATUS)[RefusalReason];
  reason: RefusalReason;
  /** Safe to show the caller: says what to do, never whether an unknown key exists. */
  message: string;
  /** For logs and metrics only. */
  cause: RefusalCause;
  /** For logs only: the record's id when the key matched one (revoked, read-only). */
  keyId?: number;
  /** For logs only: the last 12 characters, only for a well-formed key (a malformed one may be a typo of a real key, whose other characters must not leak). */
  tail?: string;
  /** Seconds after which a 429 or 503 is worth retrying. */
  retryAfterSeconds?: number;
}

export type VerifyResult = KeyAllowed | KeyRefused;

/** The part of the key store the verifier reads: one indexed lookup (which it may abort) and the safety check. */
export interface VerifierKeyStore {
  findByHash(hash: string, options?: StoreReadOptions): Promise<KeyRecord | undefined>;
  checkProvisioned(): Promise<void>;
}

/** The list's change log as the verifier reads it; each read may be aborted. SharePointKeyStore is one. */
export interface VerifierChangeFeed {
  currentChangeToken(options?: StoreReadOptions): Promise<string>;
  /** Rejects with an error named ChangeTokenExpiredError when the token is older than the log keeps. */
  changesSince(token: string, options?: StoreReadOptions): Promise<KeyChanges>;
}

/** Who sent a request and where to, for limits and refusal events. */
export interface RequestInfo {
  /** The client's identity for limits: the remote address, or what a trusted proxy says (see the middleware's clientOf). */
  client?: string;
  /** The path without its query string. */
  path?: string;
  method?: string;
}

/** One refused request, for the API owner's log or SIEM: never the key, only its tail when it was well-formed. */
export interface RefusalEvent {
  /** ISO 8601. */
  at: string;
  status: KeyRefused['status'];
  reason: RefusalReason;
  cause: RefusalCause;
  client: string;
  method?: string;
  path?: string;
  keyTail?: string;
  keyId?: number;
}

/** Structural: console, pino and Azure Functions' context all fit. Receives ids and tails, never a key. */
export interface VerifierLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface KeyVerifierOptions {
  store: VerifierKeyStore;
  /** The list's change log. Without it, revocations reach this verifier only at `positiveTtlMs`. */
  changes?: VerifierChangeFeed;
  clock?: Clock;
  /** How long a found record is reused without asking the store (the change log evicts it sooner on any change). Default 5 minutes with a change feed, 5 s without. */
  positiveTtlMs?: number;
  /** How long "no such key" is reused. Any change in the list clears every negative answer. Default 30 s. */
  negativeTtlMs?: number;
  /** How often the change log is read. Default 1000 ms: a revocation reaches every verifier within this plus one round trip. */
  changePollIntervalMs?: number;
  /**
   * How long cached valid keys keep working while SharePoint cannot be read (down, or throttling the app), counted from
   * the last good read of the change log. Default 60 s. A cached key is always trusted for maxStalenessMs, so the
   * effective bound is the larger of the two; 0 leaves only that.
   */
  outageGraceMs?: number;
  /**
   * How far past its expiry a key is still accepted, for clocks that disagree: the expiry is SharePoint's record and the
   * check uses this verifier's clock. Default 60 s (RFC 7519's "a few minutes at most"; keep the host on NTP). 0: exact.
   */
  expiryToleranceMs?: number;
  /** A change-log read slower than this is aborted and counts as failed. Default 2000 ms. */
  pollTimeoutMs?: number;
  /**
   * The revocation bound: a cached valid key is used without asking SharePoint only while the change log was read
   * successfully within this time (or the key itself was looked up within it). Past it the key is looked up again, and
   * the change log is restarted from its current token. Default 5000 ms.
   */
  maxStalenessMs?: number;
  /** How often the list is checked again for inherited permissions. Default 5 minutes. */
  provisioningCheckIntervalMs?: number;
  /** A lookup (or the start-up check) slower than this is aborted and counts as failed. Default 3000 ms. */
  storeTimeoutMs?: number;
  /** Store lookups in flight at once (distinct keys). Default 32. */
  maxConcurrentLookups?: number;
  /** Store lookups of uncached keys, all clients together (shared across instances with Redis). Default 20 a second. */
  lookupRate?: RateRule;
  /** Store lookups of uncached keys per client; past it the client gets 429. Default 100 per 10 s (wrong keys are held to refusalLimit first). */
  clientLookupRate?: RateRule;
  /** Refused keys (malformed, unknown, revoked) per client; past it the client gets 429 without any lookup. Default 20 per minute. */
  refusalLimit?: RateRule;
  /** Lookups waiting for the global rate; more are shed with 503. Default 64. */
  maxQueuedLookups?: number;
  /** How long a lookup may wait for the global rate before it is shed with 503. Default 1000 ms. */
  maxLookupWaitMs?: number;
  /** Receives each refusal as a structured event (counted in metrics either way). */
  onRefusal?: (event: RefusalEvent) => void;
  /** Many instances, one SharePoint load: a shared backend (createRedisSharing) for the change-log lease, caches and limits. */
  sharing?: VerifierSharing;
  /**
   * Records when each key was last accepted: noted in memory on every allow, written to the usage list at most once
   * per key per window (default 5 minutes; with `sharing`, across every instance). Absent: nothing is recorded.
   */
  lastUsed?: LastUsedOptions;
  /** Upper bound of cached answers, positive and negative each (least recently used go first). Default 10,000. */
  maxCacheEntries?: number;
  /** SHA-256 hex of the key, as the store keeps it. Default node:crypto, synchronous. */
  hash?: (key: string) => string;
  logger?: VerifierLogger;
}

/** Counters for metrics and the bench. */
export interface VerifierStats {
  verifications: number;
  cacheHits: number;
  storeLookups: number;
  storeFailures: number;
  /** Misses answered 503 without a lookup because maxConcurrentLookups were in flight. */
  lookupsShed: number;
  /** Answers given from a cached record because the store could not be read (outage grace). */
  servedDuringOutage: number;
  polls: number;
  pollFailures: number;
  /** Cached answers dropped because the change log reported their item. */
  evictedByChanges: number;
  allowed: number;
  refused: number;
  /** 429 answers (too many refusals, too many uncached keys). */
  rateLimited: number;
  /** Change log restarted from its current token (expired token, or no good read within maxStalenessMs). */
  resyncs: number;
}

/** The operator's view: counters and the change log's health (`/metrics` prints it in Prometheus text format). */
export interface VerifierMetrics extends VerifierStats {
  refusedByCause: Partial<Record<RefusalCause, number>>;
  /** cacheHits / verifications with a well-formed key, 0..1. */
  cacheHitRatio: number;
  /** Milliseconds since the start of the last good change-log read (here or, with Redis, by the lease holder); null before any. */
  pollLagMs: number | null;
  /** ISO time of the start of the last good change-log read; null before any. */
  lastGoodPollAt: string | null;
  /** Whether this instance reads the change log (always true without sharing). */
  changeLogReader: boolean;
  lookupsQueued: number;
  cachedKeys: number;
  cachedUnknown: number;
  /** Usage items written with a key's last use (0 without lastUsed). */
  lastUsedWrites: number;
  /** Last-used writes that failed (retried next window). */
  lastUsedWriteFailures: number;
  /** Keys whose latest use is noted and not yet written. */
  lastUsedPending: number;
}
