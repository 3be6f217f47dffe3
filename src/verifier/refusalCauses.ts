/**
 * What the caller hears for each reason: one HTTP status per reason, so a cause can never be answered
 * with a status its reason does not promise.
 */
export const REFUSAL_STATUS = {
  missing: 401,
  malformed: 401,
  'unknown-or-revoked': 401,
  'read-only-key': 403,
  'rate-limited': 429,
  unavailable: 503
} as const;

/**
 * What the caller is told. `unknown-or-revoked` is deliberately one reason for two causes: telling a
 * caller "revoked" would confirm that a leaked string was once a real key (and which tenant used it),
 * and telling "unknown" would let anyone probe which of their strings exist. The API owner still sees
 * the difference in `cause`.
 */
export type RefusalReason = keyof typeof REFUSAL_STATUS;

interface RefusalCauseEntry {
  readonly cause: string;
  readonly reason: RefusalReason;
  /** Spends the client's refusal budget (too-many-refusals): a wrong key, not a missing one, a read-only write or our own 429/503. */
  readonly counted: boolean;
}

/**
 * Every refusal cause, once: the `RefusalCause` type, the reason (and so the status) each one is answered
 * with, the causes that count toward a client's brute-force limit, and the `refused_total` metric's labels
 * (in this order, which is the exposition's) all come from here. docs/verifier.md's Reasons table is
 * checked against it by a test.
 */
export const REFUSAL_CAUSES = [
  { cause: 'missing', reason: 'missing', counted: false },
  /** An Authorization scheme that cannot carry a key (Digest, Negotiate…). */
  { cause: 'unsupported-scheme', reason: 'missing', counted: false },
  { cause: 'malformed-header', reason: 'malformed', counted: true },
  { cause: 'conflicting-keys', reason: 'malformed', counted: true },
  { cause: 'wrong-prefix', reason: 'malformed', counted: true },
  { cause: 'wrong-length', reason: 'malformed', counted: true },
  { cause: 'bad-character', reason: 'malformed', counted: true },
  { cause: 'bad-checksum', reason: 'malformed', counted: true },
  { cause: 'unknown', reason: 'unknown-or-revoked', counted: true },
  { cause: 'revoked', reason: 'unknown-or-revoked', counted: true },
  /** The key reached its expiry (plus the clock tolerance): answered exactly as a revoked or unknown key. */
  { cause: 'expired', reason: 'unknown-or-revoked', counted: true },
  /** The record's version history or Status shows tampering (KeyRecord.integrity). */
  { cause: 'tampered', reason: 'unknown-or-revoked', counted: true },
  { cause: 'read-only-write', reason: 'read-only-key', counted: false },
  /** This client sent too many refused keys lately: answered 429 without any lookup. */
  { cause: 'too-many-refusals', reason: 'rate-limited', counted: false },
  /** This client asked for too many uncached keys lately (each one a store lookup). */
  { cause: 'client-lookup-limit', reason: 'rate-limited', counted: false },
  { cause: 'store-unreachable', reason: 'unavailable', counted: false },
  /** SharePoint answered 429/503 with Retry-After: no lookups until then. */
  { cause: 'store-throttled', reason: 'unavailable', counted: false },
  { cause: 'lookups-shed', reason: 'unavailable', counted: false },
  { cause: 'not-started', reason: 'unavailable', counted: false },
  { cause: 'untrusted-list', reason: 'unavailable', counted: false }
] as const satisfies readonly RefusalCauseEntry[];

/** Why, for the API owner's logs and metrics only; never sent to the caller. */
export type RefusalCause = (typeof REFUSAL_CAUSES)[number]['cause'];

/** The causes answered with one reason, e.g. `CauseOf<'unavailable'>`. */
export type CauseOf<R extends RefusalReason> = Extract<(typeof REFUSAL_CAUSES)[number], { reason: R }>['cause'];

const REASON_BY_CAUSE = new Map<RefusalCause, RefusalReason>(REFUSAL_CAUSES.map((entry) => [entry.cause, entry.reason]));

export function reasonOf(cause: RefusalCause): RefusalReason {
  return REASON_BY_CAUSE.get(cause) as RefusalReason;
}

/** Refusals that count toward a client's brute-force limit. */
export const COUNTED_CAUSES: ReadonlySet<RefusalCause> = new Set<RefusalCause>(
  REFUSAL_CAUSES.filter((entry) => entry.counted).map((entry) => entry.cause)
);
