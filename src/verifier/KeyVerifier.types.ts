import type { KeyStore, KeyChangeFeed } from '../data';
import type { Permission } from '../core';
import type { Clock } from './clock';

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

/**
 * What the caller is told. `unknown-or-revoked` is deliberately one reason for two causes: telling a
 * caller "revoked" would confirm that a leaked string was once a real key (and which tenant used it),
 * and telling "unknown" would let anyone probe which of their strings exist. The API owner still sees
 * the difference in `cause`.
 */
export type RefusalReason = 'missing' | 'malformed' | 'unknown-or-revoked' | 'read-only-key' | 'unavailable';

/** Why, for the API owner's logs and metrics only; never sent to the caller. */
export type RefusalCause =
  | 'missing'
  | 'unsupported-scheme'
  | 'malformed-header'
  | 'conflicting-keys'
  | 'wrong-prefix'
  | 'wrong-length'
  | 'bad-character'
  | 'bad-checksum'
  | 'unknown'
  | 'revoked'
  | 'read-only-write'
  | 'store-unreachable'
  | 'lookups-shed'
  | 'not-started'
  | 'untrusted-list'
  /** The record's version history or Status shows tampering (KeyRecord.integrity). */
  | 'tampered';

export interface KeyRefused {
  allowed: false;
  status: 401 | 403 | 503;
  reason: RefusalReason;
  /** Safe to show the caller: says what to do, never whether an unknown key exists. */
  message: string;
  /** For logs and metrics only. */
  cause: RefusalCause;
  /** For logs only: the record's id when the key matched one (revoked, read-only). */
  keyId?: number;
  /** For logs only: the last 12 characters, only for a well-formed key (a malformed one may be a typo of a real key, whose other characters must not leak). */
  tail?: string;
  /** Seconds after which a 503 is worth retrying. */
  retryAfterSeconds?: number;
}

export type VerifyResult = KeyAllowed | KeyRefused;

/** The part of the key store the verifier reads: one indexed lookup and the safety check. */
export type VerifierKeyStore = Pick<KeyStore, 'findByHash' | 'checkProvisioned'>;

/** Structural: console, pino and Azure Functions' context all fit. Receives ids and tails, never a key. */
export interface VerifierLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface KeyVerifierOptions {
  store: VerifierKeyStore;
  /** The list's change log. Without it, revocations reach this verifier only at `positiveTtlMs`. */
  changes?: KeyChangeFeed;
  clock?: Clock;
  /** How long a found record is reused without asking the store (the change log evicts it sooner on any change). Default 5 minutes with a change feed, 5 s without. */
  positiveTtlMs?: number;
  /** How long "no such key" is reused. Any change in the list clears every negative answer. Default 30 s. */
  negativeTtlMs?: number;
  /** How often the change log is read. Default 1000 ms: a revocation reaches every verifier within this plus one round trip. */
  changePollIntervalMs?: number;
  /** How long cached valid keys keep working while the store or its change log cannot be read, counted from the last successful read. Default 5 minutes; 0 disables. */
  outageGraceMs?: number;
  /** How often the list is checked again for inherited permissions. Default 5 minutes. */
  provisioningCheckIntervalMs?: number;
  /** A store call (lookup, change log) slower than this counts as failed. Default 5000 ms. */
  storeTimeoutMs?: number;
  /** Store lookups in flight at once (distinct keys); a miss beyond it answers 503 at once. Default 32. */
  maxConcurrentLookups?: number;
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
}
