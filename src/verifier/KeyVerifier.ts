import * as nodeCrypto from 'node:crypto';
import { allowsMethod, checkKeyFormat, KEY_LENGTH, KEY_PREFIX, KEY_TAIL_LENGTH, keyTail, NotProvisionedError, ThrottledError } from '../core';
import type { KeyRecord } from '../core';
import { systemClock } from './clock';
import type { Clock, TimerHandle } from './clock';
import type {
  KeyAllowed,
  KeyRefused,
  KeyVerifierOptions,
  RefusalCause,
  RefusalEvent,
  RequestInfo,
  VerifierChangeFeed,
  VerifierKeyStore,
  VerifierLogger,
  VerifierMetrics,
  VerifierStats,
  VerifyResult
} from './KeyVerifier.types';
import { LastUsedRecorder } from './lastUsed';
import { LocalRateLimiter, LookupGate } from './limits';
import type { RateLimiter, RateRule } from './limits';
import { malformedKey, missingKey, rateLimited, expiredKey, readOnlyKey, tamperedKey, unavailable, unknownOrRevoked } from './refusals';
import { COUNTED_CAUSES } from './refusalCauses';
import type { ChangeNotice, VerifierSharing } from './sharing';
import { VerificationCache } from './verificationCache';
import type { CachedKey, CacheEntry } from './verificationCache';

type Lookup =
  | { ok: true; key: CachedKey | undefined; startedAt: number; cacheable: boolean }
  | { ok: false; why: 'shed' | 'throttled' | 'failed'; retryAfterSeconds?: number }
  | { ok: false; why: 'client-limit'; client: string; waitMs: number };

/** A store call that took longer than its timeout; the request itself was aborted. */
export class StoreTimeoutError extends Error {
  public constructor(public readonly timeoutMs: number) {
    super(`The API key store did not answer within ${timeoutMs} ms.`);
    this.name = 'StoreTimeoutError';
  }
}

// Module-level copies: an imported binding is a getter call on the re-exporting module's object
// (tsc's and esbuild's CommonJS output alike), which is measurable on a path that costs a few hundred ns.
const SHAPE_LENGTH = KEY_LENGTH;
const SHAPE_PREFIX = KEY_PREFIX;
const TAIL_LENGTH = KEY_TAIL_LENGTH;

/** Retry-After when SharePoint throttles without saying for how long. */
const DEFAULT_THROTTLE_SECONDS = 5;
const UNKNOWN_CLIENT = 'unknown';

// crypto.hash (Node 20.12+ / 21.7+) is the one-shot digest, about twice as fast as createHash for a
// 53-character key; it matters because hashing is most of a cache hit's cost.
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(key: string): string {
  return oneShotHash !== undefined ? oneShotHash('sha256', key, 'hex') : nodeCrypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

function toCachedKey(record: KeyRecord | undefined): CachedKey | undefined {
  if (record === undefined) {
    return undefined;
  }
  const key: CachedKey = { id: record.id, name: record.name, permission: record.permission, status: record.status, tail: record.tail };
  if (record.integrity !== undefined) {
    key.integrity = record.integrity;
  }
  if (record.expires !== undefined) {
    key.expiresAt = record.expires.getTime();
  }
  return key;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function checkRule(name: string, rule: RateRule): RateRule {
  if (!(rule.limit >= 1) || !(rule.perMs > 0) || !Number.isFinite(rule.limit) || !Number.isFinite(rule.perMs)) {
    throw new RangeError(`${name} needs limit >= 1 and perMs > 0, got ${JSON.stringify(rule)}.`);
  }
  return rule;
}

/**
 * Accepts or refuses presented API keys: a cached answer by SHA-256 when there is one, otherwise the
 * full format check (no store call for a malformed key), the client's limits, and one rate-limited
 * lookup. The cache is kept honest by polling the list's change log; a cached valid key is used only
 * while the log (or the key's own lookup) was read within `maxStalenessMs`, which bounds how long a
 * revoked key can still pass while SharePoint answers. During an outage, cached valid keys are honoured
 * for at most `outageGraceMs` after the last good read of the log.
 */
export class KeyVerifier {
  private readonly store: VerifierKeyStore;
  private readonly changes: VerifierChangeFeed | undefined;
  private readonly clock: Clock;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;
  private readonly pollIntervalMs: number;
  private readonly pollTimeoutMs: number;
  private readonly maxStalenessMs: number;
  private readonly outageGraceMs: number;
  private readonly expiryToleranceMs: number;
  private readonly provisioningCheckIntervalMs: number;
  private readonly storeTimeoutMs: number;
  private readonly clientLookupRate: RateRule;
  private readonly refusalLimit: RateRule;
  private readonly hash: (key: string) => string;
  private readonly logger: VerifierLogger | undefined;
  private readonly onRefusal: ((event: RefusalEvent) => void) | undefined;
  private readonly sharing: VerifierSharing | undefined;
  private readonly lastUsed: LastUsedRecorder | undefined;
  private readonly limiter: RateLimiter;
  private readonly gate: LookupGate;
  private readonly cache: VerificationCache;
  private readonly inFlight = new Map<string, Promise<Lookup>>();
  private readonly counters: VerifierStats = {
    verifications: 0,
    cacheHits: 0,
    storeLookups: 0,
    storeFailures: 0,
    lookupsShed: 0,
    servedDuringOutage: 0,
    polls: 0,
    pollFailures: 0,
    evictedByChanges: 0,
    allowed: 0,
    refused: 0,
    rateLimited: 0,
    resyncs: 0
  };
  private readonly refusedByCause: Partial<Record<RefusalCause, number>> = {};
  /** Verifications of a well-formed key outside the fast path: with fastHits, the denominator of the hit ratio. */
  private keyShaped = 0;
  /** Fast-path hits (each one a verification, a cache hit and an allow). */
  private fastHits = 0;

  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  private starting: Promise<void> | undefined;
  private untrusted: NotProvisionedError | undefined;
  private changeToken = '';
  /** Bumped whenever the change log reports a change: a lookup that raced a change is used once but not cached. */
  private generation = 0;
  /** Start of the last good read of the change log (here or by the lease holder); 0 before any. */
  private lastFeedReadAt = 0;
  private lastStoreReadAt = 0;
  private lastResyncAt = 0;
  /** SharePoint asked (Retry-After) not to read the change log before this time. */
  private pollPausedUntil = 0;
  /** Whether this instance reads the change log itself (without sharing: always, once started). */
  private reader = false;
  /** The repeating background checks (change-log poll, provisioning re-check), by name. */
  private readonly timers = new Map<'poll' | 'provisioning', TimerHandle>();

  public constructor(options: KeyVerifierOptions) {
    this.store = options.store;
    this.changes = options.changes;
    this.clock = options.clock ?? systemClock;
    this.positiveTtlMs = options.positiveTtlMs ?? (options.changes ? 5 * 60_000 : 5_000);
    this.negativeTtlMs = options.negativeTtlMs ?? 30_000;
    this.pollIntervalMs = options.changePollIntervalMs ?? 1_000;
    this.pollTimeoutMs = options.pollTimeoutMs ?? 2_000;
    this.maxStalenessMs = options.maxStalenessMs ?? 5_000;
    this.outageGraceMs = options.outageGraceMs ?? 60_000;
    this.expiryToleranceMs = options.expiryToleranceMs ?? 60_000;
    this.provisioningCheckIntervalMs = options.provisioningCheckIntervalMs ?? 5 * 60_000;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 3_000;
    this.hash = options.hash ?? sha256Hex;
    this.logger = options.logger;
    this.onRefusal = options.onRefusal;
    this.sharing = options.sharing;
    this.cache = new VerificationCache(options.maxCacheEntries ?? 10_000);
    this.lastUsed = options.lastUsed === undefined ? undefined : new LastUsedRecorder(options.lastUsed, this.clock, this.logger, this.sharing?.lastUsed);
    for (const [name, value] of [
      ['positiveTtlMs', this.positiveTtlMs],
      ['negativeTtlMs', this.negativeTtlMs],
      ['changePollIntervalMs', this.pollIntervalMs],
      ['pollTimeoutMs', this.pollTimeoutMs],
      ['maxStalenessMs', this.maxStalenessMs],
      ['outageGraceMs', this.outageGraceMs],
      ['expiryToleranceMs', this.expiryToleranceMs],
      ['provisioningCheckIntervalMs', this.provisioningCheckIntervalMs],
      ['storeTimeoutMs', this.storeTimeoutMs]
    ] as const) {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new RangeError(`${name} must be a finite number of milliseconds >= 0, got ${String(value)}.`);
      }
    }
    const maxConcurrentLookups = options.maxConcurrentLookups ?? 32;
    if (this.pollIntervalMs === 0 || this.pollTimeoutMs === 0 || this.storeTimeoutMs === 0 || this.maxStalenessMs === 0 || !(maxConcurrentLookups >= 1)) {
      throw new RangeError('changePollIntervalMs, pollTimeoutMs, maxStalenessMs, storeTimeoutMs and maxConcurrentLookups must be greater than 0.');
    }
    this.clientLookupRate = checkRule('clientLookupRate', options.clientLookupRate ?? { limit: 100, perMs: 10_000 });
    this.refusalLimit = checkRule('refusalLimit', options.refusalLimit ?? { limit: 20, perMs: 60_000 });
    const local = new LocalRateLimiter(this.clock);
    const shared = this.sharing?.limiter;
    // While the shared backend is down, limits fall back to this process's own buckets rather than to none.
    this.limiter =
      shared === undefined
        ? local
        : { take: (key, rule) => shared.take(key, rule).catch(() => local.take(key, rule)), peek: (key, rule) => shared.peek(key, rule).catch(() => local.peek(key, rule)) };
    this.gate = new LookupGate({
      limiter: this.limiter,
      rule: checkRule('lookupRate', options.lookupRate ?? { limit: 20, perMs: 1_000 }),
      maxConcurrent: maxConcurrentLookups,
      maxQueued: options.maxQueuedLookups ?? 64,
      maxWaitMs: options.maxLookupWaitMs ?? 1_000,
      clock: this.clock
    });
  }

  /**
   * Checks that the list exists and does not inherit its site's permissions (anyone who can read the
   * site could otherwise read or plant records), reads the change token, then starts polling.
   * Throws NotProvisionedError for an unsafe list, or the store's error when it cannot be reached.
   */
  public start(): Promise<void> {
    if (this.state === 'running') {
      return Promise.resolve();
    }
    if (this.starting === undefined) {
      this.starting = this.startOnce().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    this.state = 'starting';
    try {
      await this.withinTimeout(() => this.store.checkProvisioned(), this.storeTimeoutMs);
      const now = this.clock.now();
      if (this.changes) {
        const changes = this.changes;
        this.changeToken = await this.withinTimeout((signal) => changes.currentChangeToken({ signal }), this.pollTimeoutMs);
        this.lastFeedReadAt = now;
      }
      this.lastStoreReadAt = now;
      if (this.sharing) {
        await this.sharing.start((notice) => this.applyNotice(notice)).catch((error: unknown) => {
          this.logger?.warn('API key verifier: shared backend unreachable; reading the change log alone until it answers', { error: errorText(error) });
        });
      }
    } catch (error) {
      if (this.state === 'starting') {
        this.state = 'new';
      }
      throw error;
    }
    if (this.state !== 'starting') {
      // stop() was called meanwhile: it wins.
      return;
    }
    this.untrusted = undefined;
    this.state = 'running';
    this.reader = this.sharing === undefined;
    if (this.changes !== undefined) {
      this.repeatWhileRunning('poll', this.pollIntervalMs, () => this.pollChanges());
    }
    this.lastUsed?.start();
    if (this.provisioningCheckIntervalMs !== 0) {
      this.repeatWhileRunning('provisioning', this.provisioningCheckIntervalMs, () => this.recheckProvisioning());
    }
    this.logger?.info('API key verifier started', { changeFeed: this.changes !== undefined, pollIntervalMs: this.pollIntervalMs, shared: this.sharing !== undefined });
  }

  /**
   * Stops polling; every later verify answers 503 until start() again. Resolves once pending last-used times are
   * written (never rejects), before the shared backend is let go.
   */
  public stop(): Promise<void> {
    this.state = 'stopped';
    this.timers.forEach((timer) => this.clock.clearTimer(timer));
    this.timers.clear();
    this.cache.clear();
    this.gate.clear();
    this.reader = false;
    const sharing = this.sharing;
    const flushed = this.lastUsed === undefined ? Promise.resolve() : this.lastUsed.stop();
    return flushed.then(() => sharing?.stop()).catch(() => undefined);
  }

  /**
   * The synchronous fast path: the answer for a key cached as valid and still provably fresh, or undefined
   * (then call verify). It makes no result object and no promise, only the digest and the tail as strings:
   * the answer was decided when the key was cached.
   */
  public verifyCached(presentedKey: string | undefined, httpMethod: string): KeyAllowed | undefined {
    // Only well-formed keys' hashes are ever cached, so the O(1) shape check stands in for the full
    // format check here, and keeps arbitrary strings from being hashed at all.
    if (presentedKey === undefined || presentedKey.length !== SHAPE_LENGTH || !presentedKey.startsWith(SHAPE_PREFIX) || this.state !== 'running' || this.untrusted !== undefined) {
      return undefined;
    }
    const entry = this.cache.byKeyTail(presentedKey.slice(-TAIL_LENGTH));
    if (entry === undefined || entry.digest !== this.hash(presentedKey)) {
      return undefined;
    }
    const now = this.clock.now();
    // Past its expiry the key's cached allow is stale: verify decides again, and refuses it.
    if (!this.isTrusted(entry, now) || (entry.allowedUntil !== undefined && now >= entry.allowedUntil)) {
      return undefined;
    }
    const result = httpMethod === 'GET' || allowsMethod('ReadOnly', httpMethod) ? entry.read : entry.write;
    if (result === undefined || !result.allowed) {
      return undefined;
    }
    // One counter for the hot path; stats() adds it to verifications, cache hits and allowed.
    this.fastHits++;
    this.lastUsed?.note(result.keyId, result.tail);
    return result;
  }

  /** Decides whether `presentedKey` may make a request with `httpMethod`. Never throws. */
  public verify(presentedKey: string | undefined, httpMethod: string, request?: RequestInfo): Promise<VerifyResult> {
    const hit = this.verifyCached(presentedKey, httpMethod);
    return hit !== undefined ? Promise.resolve(hit) : this.verifyUncached(presentedKey, httpMethod, request ?? {});
  }

  /**
   * Records a refusal decided before verify (an unreadable header, two different keys): it counts toward the
   * client's limit and is reported like any other. Returns the 429 instead when the client is already over it.
   */
  public async refuse(refusal: KeyRefused, request: RequestInfo = {}): Promise<KeyRefused> {
    this.counters.verifications++;
    const blocked = await this.blockedFor(request);
    return this.finish(blocked ?? refusal, request);
  }

  public stats(): VerifierStats {
    const hits = this.fastHits;
    return { ...this.counters, verifications: this.counters.verifications + hits, cacheHits: this.counters.cacheHits + hits, allowed: this.counters.allowed + hits };
  }

  public metrics(): VerifierMetrics {
    const now = this.clock.now();
    const size = this.cache.size;
    const stats = this.stats();
    const keyShaped = this.keyShaped + this.fastHits;
    return {
      ...stats,
      refusedByCause: { ...this.refusedByCause },
      cacheHitRatio: keyShaped === 0 ? 0 : stats.cacheHits / keyShaped,
      pollLagMs: this.lastFeedReadAt === 0 ? null : now - this.lastFeedReadAt,
      lastGoodPollAt: this.lastFeedReadAt === 0 ? null : new Date(this.lastFeedReadAt).toISOString(),
      changeLogReader: this.reader,
      lookupsQueued: this.gate.queued,
      cachedKeys: size.found,
      cachedUnknown: size.absent,
      ...this.lastUsedMetrics()
    };
  }

  private lastUsedMetrics(): Pick<VerifierMetrics, 'lastUsedWrites' | 'lastUsedWriteFailures' | 'lastUsedPending'> {
    const stats = this.lastUsed?.stats();
    return { lastUsedWrites: stats?.writes ?? 0, lastUsedWriteFailures: stats?.writeFailures ?? 0, lastUsedPending: stats?.pending ?? 0 };
  }

  /** Everything but a fast-path hit. Limits and the full format check come before any lookup. */
  private async verifyUncached(presentedKey: string | undefined, httpMethod: string, request: RequestInfo): Promise<VerifyResult> {
    this.counters.verifications++;
    if (presentedKey === undefined || presentedKey === '') {
      return this.finish(missingKey(), request);
    }
    const blocked = await this.blockedFor(request);
    if (blocked !== undefined) {
      return this.finish(blocked, request);
    }
    const format = checkKeyFormat(presentedKey);
    if (!format.ok) {
      return this.finish(malformedKey(format.reason), request);
    }
    this.keyShaped++;
    const tail = keyTail(presentedKey);
    if (this.state !== 'running') {
      return this.finish(unavailable('not-started', tail), request);
    }
    if (this.untrusted !== undefined) {
      return this.finish(unavailable('untrusted-list', tail), request);
    }
    const hash = this.hash(presentedKey);
    const now = this.clock.now();
    const cached = this.cache.get(hash);
    if (cached !== undefined && this.isTrusted(cached, now)) {
      this.counters.cacheHits++;
      return this.finish(this.decide(cached.key, httpMethod, tail, now), request);
    }
    let sharedGeneration: string | undefined;
    if (this.sharing !== undefined && this.feedIsFresh(now)) {
      try {
        const generation = this.generation;
        const shared = await this.sharing.read(hash);
        sharedGeneration = shared.generation;
        if (shared.state !== 'miss') {
          const key = shared.state === 'found' ? shared.key : undefined;
          // Trusted on the change log's word, like any entry this instance cached itself: no lookup time of its own.
          // A change notice that arrived during the read may concern this very record: used once, not kept.
          if (generation === this.generation) {
            this.remember(hash, key, now, 0, tail);
          }
          this.counters.cacheHits++;
          return this.finish(this.decide(key, httpMethod, tail, this.clock.now()), request);
        }
      } catch {
        // The shared backend is down: SharePoint itself answers.
      }
    }
    const client = request.client ?? UNKNOWN_CLIENT;
    const lookup = await this.lookUp(hash, cached?.key !== undefined, client);
    if (!lookup.ok && lookup.why === 'client-limit' && lookup.client === client) {
      return this.finish(rateLimited('client-lookup-limit', lookup.waitMs, tail), request);
    }
    if (lookup.ok) {
      if (lookup.cacheable) {
        this.remember(hash, lookup.key, lookup.startedAt, lookup.startedAt, tail);
        if (this.sharing !== undefined && sharedGeneration !== undefined) {
          const ttl = lookup.key === undefined ? this.negativeTtlMs : this.positiveTtlMs;
          // Awaited (one Redis round trip on a miss only): the next instance asked for this key must find it.
          await this.sharing.write(hash, lookup.key, ttl, sharedGeneration).catch(() => undefined);
        }
      }
      return this.finish(this.decide(lookup.key, httpMethod, tail, this.clock.now()), request);
    }
    // A lookup shed for rate is not an outage: a stale cached answer must not outlive the revocation bound because of a flood.
    if (lookup.why !== 'shed' && cached?.key !== undefined && this.withinOutageGrace(this.clock.now())) {
      this.counters.servedDuringOutage++;
      return this.finish(this.decide(cached.key, httpMethod, tail, this.clock.now()), request);
    }
    const cause = lookup.why === 'throttled' ? 'store-throttled' : lookup.why === 'failed' ? 'store-unreachable' : 'lookups-shed';
    return this.finish(unavailable(cause, tail, lookup.why === 'client-limit' ? undefined : lookup.retryAfterSeconds), request);
  }

  /** `now`: this verifier's clock; a key is refused from its expiry plus the tolerance on. */
  private decide(key: CachedKey | undefined, httpMethod: string, tail: string, now: number): VerifyResult {
    if (key === undefined) {
      return unknownOrRevoked('unknown', tail);
    }
    if (key.integrity !== undefined) {
      return tamperedKey(key.id, tail);
    }
    if (key.status !== 'Active') {
      return unknownOrRevoked('revoked', tail, key.id);
    }
    if (key.expiresAt !== undefined && !(now < key.expiresAt + this.expiryToleranceMs)) {
      return expiredKey(key.id, tail);
    }
    if (!allowsMethod(key.permission, httpMethod)) {
      return readOnlyKey(key.id, tail);
    }
    return { allowed: true, keyId: key.id, name: key.name, permission: key.permission, tail };
  }

  /** Caches an answer with its decisions made once (the fast path only reads them). */
  private remember(hash: string, key: CachedKey | undefined, now: number, checkedAt: number, tail: string): void {
    const ttl = key === undefined ? this.negativeTtlMs : this.positiveTtlMs;
    const entry = this.cache.set(hash, key, now + ttl, checkedAt);
    const decidedAt = this.clock.now();
    entry.read = Object.freeze(this.decide(key, 'GET', tail, decidedAt));
    entry.write = Object.freeze(this.decide(key, 'POST', tail, decidedAt));
    if (key?.expiresAt !== undefined) {
      entry.allowedUntil = key.expiresAt + this.expiryToleranceMs;
    }
    if (entry.read.allowed) {
      this.cache.indexTail(entry, tail);
    }
  }

  /** Counts, reports and (for a wrong key) charges the client's refusal budget. */
  private finish(result: KeyRefused, request: RequestInfo): KeyRefused;
  private finish(result: VerifyResult, request: RequestInfo): VerifyResult;
  private finish(result: VerifyResult, request: RequestInfo): VerifyResult {
    if (result.allowed) {
      this.counters.allowed++;
      this.lastUsed?.note(result.keyId, result.tail);
      return result;
    }
    this.counters.refused++;
    this.refusedByCause[result.cause] = (this.refusedByCause[result.cause] ?? 0) + 1;
    if (result.status === 429) {
      this.counters.rateLimited++;
    }
    const client = request.client ?? UNKNOWN_CLIENT;
    if (COUNTED_CAUSES.has(result.cause)) {
      this.limiter.take(`refusals:${client}`, this.refusalLimit).catch(() => undefined);
    }
    if (this.onRefusal !== undefined) {
      const event: RefusalEvent = { at: new Date(this.clock.now()).toISOString(), status: result.status, reason: result.reason, cause: result.cause, client };
      if (request.method !== undefined) event.method = request.method;
      if (request.path !== undefined) event.path = request.path;
      if (result.tail !== undefined) event.keyTail = result.tail;
      if (result.keyId !== undefined) event.keyId = result.keyId;
      try {
        this.onRefusal(event);
      } catch {
        // A failing sink must not turn a refusal into an exception.
      }
    }
    return result;
  }

  /** The 429 for a client past its refusal limit, or undefined. */
  private async blockedFor(request: RequestInfo): Promise<KeyRefused | undefined> {
    const waitMs = await this.limiter.peek(`refusals:${request.client ?? UNKNOWN_CLIENT}`, this.refusalLimit).catch(() => 0);
    return waitMs > 0 ? rateLimited('too-many-refusals', waitMs) : undefined;
  }

  /**
   * A cached answer is used without asking the store while it is young enough and, for an active key,
   * while the change log (or the key's own lookup) was read within maxStalenessMs, so that a revocation
   * would have evicted it. A revoked record (revocation is final) and "no such key" (a refusal) need no such proof.
   */
  private isTrusted(entry: CacheEntry, now: number): boolean {
    if (now >= entry.expiresAt) {
      return false;
    }
    if (entry.key === undefined || entry.key.status !== 'Active' || this.changes === undefined) {
      return true;
    }
    return now - Math.max(this.lastFeedReadAt, entry.checkedAt) <= this.maxStalenessMs;
  }

  private feedIsFresh(now: number): boolean {
    return now - this.lastFeedReadAt <= this.maxStalenessMs;
  }

  /** Whether a cached active key may still be honoured although the store cannot be read. */
  private withinOutageGrace(now: number): boolean {
    const lastGoodRead = this.changes ? this.lastFeedReadAt : this.lastStoreReadAt;
    return now - lastGoodRead <= this.outageGraceMs;
  }

  /**
   * One store call per hash at a time: concurrent misses for the same key share it, and only the client
   * that starts a lookup is charged for it (joining one costs SharePoint nothing).
   */
  private lookUp(hash: string, recheck: boolean, client: string): Promise<Lookup> {
    const pending = this.inFlight.get(hash);
    if (pending !== undefined) {
      return pending;
    }
    if (this.gate.paused) {
      // SharePoint asked to wait: nothing is sent, so the client is not charged.
      this.counters.lookupsShed++;
      return Promise.resolve({ ok: false, why: 'throttled' });
    }
    const lookup = this.limiter
      .take(`lookups:${client}`, this.clientLookupRate)
      .catch(() => 0)
      .then((waitMs): Lookup | Promise<Lookup> => (waitMs > 0 ? { ok: false, why: 'client-limit', client, waitMs } : this.lookUpOnce(hash, recheck)));
    this.inFlight.set(hash, lookup);
    const forget = (): void => {
      this.inFlight.delete(hash);
    };
    lookup.then(forget, forget);
    return lookup;
  }

  private async lookUpOnce(hash: string, recheck: boolean): Promise<Lookup> {
    if (this.gate.paused) {
      this.counters.lookupsShed++;
      return { ok: false, why: 'throttled' };
    }
    if (!(await this.gate.acquire(recheck))) {
      // A flood of distinct well-formed keys must not turn into a flood of SharePoint requests (whose
      // throttling would also hit the change-log poll and the admins' page): shed it.
      this.counters.lookupsShed++;
      return { ok: false, why: this.gate.paused ? 'throttled' : 'shed' };
    }
    const generation = this.generation;
    const startedAt = this.clock.now();
    this.counters.storeLookups++;
    try {
      const record = await this.withinTimeout((signal) => this.store.findByHash(hash, { signal }), this.storeTimeoutMs);
      this.lastStoreReadAt = Math.max(this.lastStoreReadAt, startedAt);
      if (record?.integrity !== undefined) {
        const { reason, detail, changedBy, changedAt } = record.integrity;
        this.logger?.warn('API key refused: its record shows tampering', {
          keyId: record.id,
          tail: record.tail,
          reason,
          detail,
          changedBy: changedBy ? `${changedBy.displayName}${changedBy.email ? ` <${changedBy.email}>` : ''}` : undefined,
          changedAt: changedAt?.toISOString()
        });
      }
      return { ok: true, key: toCachedKey(record), startedAt, cacheable: generation === this.generation && this.state === 'running' };
    } catch (error) {
      this.counters.storeFailures++;
      this.logger?.warn('API key store lookup failed', { error: errorText(error) });
      if (error instanceof ThrottledError) {
        const seconds = error.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS;
        this.gate.pauseUntil(this.clock.now() + seconds * 1000);
        return { ok: false, why: 'throttled', retryAfterSeconds: seconds };
      }
      return { ok: false, why: 'failed' };
    } finally {
      this.gate.release();
    }
  }

  /**
   * A store call that hangs must not hang the API's requests nor the polling loop: past the timeout the
   * request is aborted (PnPjs neither retries it nor sends it again after a Retry-After wait) and counts
   * as a failure.
   */
  private withinTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimer(() => {
        controller.abort();
        reject(new StoreTimeoutError(timeoutMs));
      }, timeoutMs);
      let started: Promise<T>;
      try {
        started = work(controller.signal);
      } catch (error) {
        // A store that throws instead of rejecting must not make verify() throw.
        started = Promise.reject(error);
      }
      started.then(
        (value) => {
          this.clock.clearTimer(timer);
          resolve(value);
        },
        (error: unknown) => {
          this.clock.clearTimer(timer);
          reject(error);
        }
      );
    });
  }

  /** Runs `task` `intervalMs` after the previous run settled (never overlapping), for as long as the verifier runs. */
  private repeatWhileRunning(name: 'poll' | 'provisioning', intervalMs: number, task: () => Promise<void>): void {
    if (this.state !== 'running') {
      return;
    }
    this.timers.set(
      name,
      this.clock.setTimer(() => {
        const again = (): void => this.repeatWhileRunning(name, intervalMs, task);
        task().then(again, again);
      }, intervalMs)
    );
  }

  /** With sharing, only the lease holder reads the change log; if the shared backend fails, every instance reads it itself. */
  private async mayRead(): Promise<boolean> {
    if (this.sharing === undefined) {
      return true;
    }
    let holder: boolean;
    try {
      holder = await this.sharing.holdLease();
    } catch {
      holder = true;
    }
    if (holder && !this.reader) {
      const saved = await this.sharing.loadToken().catch(() => undefined);
      if (saved !== undefined) {
        this.changeToken = saved;
      }
      this.logger?.info('API key verifier reads the change log for every instance', { instance: this.sharing.instanceId });
    }
    this.reader = holder;
    return holder;
  }

  private async pollChanges(): Promise<void> {
    const changes = this.changes;
    if (changes === undefined || this.state !== 'running' || this.clock.now() < this.pollPausedUntil || !(await this.mayRead())) {
      return;
    }
    const startedAt = this.clock.now();
    this.counters.polls++;
    try {
      const token = this.changeToken;
      const page = await this.withinTimeout((signal) => changes.changesSince(token, { signal }), this.pollTimeoutMs);
      if (this.state !== 'running') {
        return;
      }
      this.changeToken = page.token;
      this.applyChanges(page.itemIds, false);
      this.lastFeedReadAt = Math.max(this.lastFeedReadAt, startedAt);
      this.lastStoreReadAt = Math.max(this.lastStoreReadAt, startedAt);
      this.sharing?.publish(page.token, { itemIds: page.itemIds, resync: false, ageMs: this.clock.now() - startedAt }).catch(() => undefined);
    } catch (error) {
      this.counters.pollFailures++;
      const now = this.clock.now();
      this.logger?.warn('API key change log could not be read', { error: errorText(error), sinceLastGoodReadMs: now - this.lastFeedReadAt });
      if (error instanceof ThrottledError) {
        // Honour Retry-After: hammering a throttled app only prolongs the throttling.
        this.pollPausedUntil = now + (error.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS) * 1000;
        return;
      }
      const expired = error instanceof Error && error.name === 'ChangeTokenExpiredError';
      if (expired || (now - this.lastFeedReadAt >= this.maxStalenessMs && now - this.lastResyncAt >= this.maxStalenessMs)) {
        await this.resync(changes, startedAt);
      }
    }
  }

  private applyChanges(itemIds: readonly number[], resync: boolean): void {
    if (resync) {
      this.generation++;
      this.cache.clear();
    } else if (itemIds.length > 0) {
      this.generation++;
      this.counters.evictedByChanges += this.cache.evictItems(itemIds);
      this.cache.clearAbsent();
    }
  }

  /** Another instance read the change log: apply what it saw, and date the proof of freshness from its read. */
  private applyNotice(notice: ChangeNotice): void {
    if (this.state !== 'running' || this.sharing === undefined || notice.from === this.sharing.instanceId) {
      return;
    }
    this.applyChanges(notice.itemIds, notice.resync);
    this.lastFeedReadAt = Math.max(this.lastFeedReadAt, this.clock.now() - Math.max(0, notice.ageMs));
  }

  /**
   * A change token SharePoint no longer accepts (older than its change log keeps) fails forever, and a log
   * that has not answered for maxStalenessMs may have lost our place: start again from the current token
   * and forget every cached answer, since changes in between are unknown.
   */
  private async resync(changes: VerifierChangeFeed, startedAt: number): Promise<void> {
    this.lastResyncAt = this.clock.now();
    try {
      const token = await this.withinTimeout((signal) => changes.currentChangeToken({ signal }), this.pollTimeoutMs);
      if (this.state !== 'running') {
        return;
      }
      this.counters.resyncs++;
      this.applyChanges([], true);
      this.changeToken = token;
      this.lastFeedReadAt = Math.max(this.lastFeedReadAt, startedAt);
      this.sharing?.publish(token, { itemIds: [], resync: true, ageMs: this.clock.now() - startedAt }).catch(() => undefined);
      this.logger?.warn('API key change log restarted from the current token; cached answers dropped', {});
    } catch {
      // The store itself is unreachable: the outage grace decides what cached keys may still do.
    }
  }

  /** Someone may later reset the list to inherit permissions: from then on its records are not trusted. */
  private async recheckProvisioning(): Promise<void> {
    try {
      await this.withinTimeout(() => this.store.checkProvisioned(), this.storeTimeoutMs);
      if (this.untrusted !== undefined) {
        this.logger?.warn('API key list is safe again; keys are verified again', {});
      }
      this.untrusted = undefined;
    } catch (error) {
      if (error instanceof NotProvisionedError) {
        if (this.untrusted === undefined) {
          this.logger?.warn('API key list is no longer safe; every key is refused until it is fixed', { reason: error.reason, principals: error.principals, fix: error.fix });
        }
        this.untrusted = error;
        this.cache.clear();
      }
    }
  }
}
