import * as nodeCrypto from 'node:crypto';
import { allowsMethod, checkKeyFormat, KEY_LENGTH, KEY_PREFIX, keyTail, NotProvisionedError } from '../core';
import type { KeyRecord } from '../core';
import type { KeyChangeFeed } from '../data';
import { systemClock } from './clock';
import type { Clock, TimerHandle } from './clock';
import type { KeyVerifierOptions, VerifierKeyStore, VerifierLogger, VerifierStats, VerifyResult } from './KeyVerifier.types';
import { malformedKey, missingKey, readOnlyKey, tamperedKey, unavailable, unknownOrRevoked } from './refusals';
import { VerificationCache } from './verificationCache';
import type { CachedKey, CacheEntry } from './verificationCache';

type Lookup = { ok: true; key: CachedKey | undefined } | { ok: false; shed?: true };

/** A store call that took longer than `storeTimeoutMs`. */
export class StoreTimeoutError extends Error {
  public constructor(public readonly timeoutMs: number) {
    super(`The API key store did not answer within ${timeoutMs} ms.`);
    this.name = 'StoreTimeoutError';
  }
}

/** After this many failed reads of the change log while the list itself answers, the token is presumed expired and replaced. */
const FAILED_POLLS_BEFORE_RESYNC = 3;

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
  const key: CachedKey = { id: record.id, name: record.name, permission: record.permission, status: record.status };
  if (record.integrity !== undefined) {
    key.integrity = record.integrity;
  }
  return key;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Accepts or refuses presented API keys: a cached answer by SHA-256 when there is one, otherwise the
 * full format check (no store call for a malformed key) and one lookup. The cache is kept honest by
 * polling the list's change log, so a revocation is seen within `changePollIntervalMs` plus one round
 * trip instead of at cache expiry.
 */
export class KeyVerifier {
  private readonly store: VerifierKeyStore;
  private readonly changes: KeyChangeFeed | undefined;
  private readonly clock: Clock;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;
  private readonly pollIntervalMs: number;
  private readonly outageGraceMs: number;
  private readonly provisioningCheckIntervalMs: number;
  private readonly storeTimeoutMs: number;
  private readonly maxConcurrentLookups: number;
  private readonly hash: (key: string) => string;
  private readonly logger: VerifierLogger | undefined;
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
    evictedByChanges: 0
  };

  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  private starting: Promise<void> | undefined;
  private untrusted: NotProvisionedError | undefined;
  private changeToken = '';
  private failedPolls = 0;
  /** Bumped whenever the change log reports a change: a lookup that raced a change is used once but not cached. */
  private generation = 0;
  private lastFeedReadAt = 0;
  private lastStoreReadAt = 0;
  /** The repeating background checks (change-log poll, provisioning re-check), by name. */
  private readonly timers = new Map<'poll' | 'provisioning', TimerHandle>();

  public constructor(options: KeyVerifierOptions) {
    this.store = options.store;
    this.changes = options.changes;
    this.clock = options.clock ?? systemClock;
    this.positiveTtlMs = options.positiveTtlMs ?? (options.changes ? 5 * 60_000 : 5_000);
    this.negativeTtlMs = options.negativeTtlMs ?? 30_000;
    this.pollIntervalMs = options.changePollIntervalMs ?? 1_000;
    this.outageGraceMs = options.outageGraceMs ?? 5 * 60_000;
    this.provisioningCheckIntervalMs = options.provisioningCheckIntervalMs ?? 5 * 60_000;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 5_000;
    this.maxConcurrentLookups = options.maxConcurrentLookups ?? 32;
    this.hash = options.hash ?? sha256Hex;
    this.logger = options.logger;
    this.cache = new VerificationCache(options.maxCacheEntries ?? 10_000);
    for (const [name, value] of [
      ['positiveTtlMs', this.positiveTtlMs],
      ['negativeTtlMs', this.negativeTtlMs],
      ['changePollIntervalMs', this.pollIntervalMs],
      ['outageGraceMs', this.outageGraceMs],
      ['provisioningCheckIntervalMs', this.provisioningCheckIntervalMs],
      ['storeTimeoutMs', this.storeTimeoutMs]
    ] as const) {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new RangeError(`${name} must be a finite number of milliseconds >= 0, got ${String(value)}.`);
      }
    }
    if (this.pollIntervalMs === 0 || this.storeTimeoutMs === 0 || !(this.maxConcurrentLookups >= 1)) {
      throw new RangeError('changePollIntervalMs, storeTimeoutMs and maxConcurrentLookups must be greater than 0.');
    }
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
      await this.withinTimeout(this.store.checkProvisioned());
      const now = this.clock.now();
      if (this.changes) {
        this.changeToken = await this.withinTimeout(this.changes.currentChangeToken());
        this.lastFeedReadAt = now;
      }
      this.lastStoreReadAt = now;
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
    if (this.changes !== undefined) {
      this.repeatWhileRunning('poll', this.pollIntervalMs, () => this.pollChanges());
    }
    if (this.provisioningCheckIntervalMs !== 0) {
      this.repeatWhileRunning('provisioning', this.provisioningCheckIntervalMs, () => this.recheckProvisioning());
    }
    this.logger?.info('API key verifier started', { changeFeed: this.changes !== undefined, pollIntervalMs: this.pollIntervalMs });
  }

  /** Stops polling; every later verify answers 503 until start() again. */
  public stop(): void {
    this.state = 'stopped';
    this.timers.forEach((timer) => this.clock.clearTimer(timer));
    this.timers.clear();
    this.cache.clear();
  }

  /** Decides whether `presentedKey` may make a request with `httpMethod`. Never throws. */
  public verify(presentedKey: string | undefined, httpMethod: string): Promise<VerifyResult> {
    this.counters.verifications++;
    if (presentedKey === undefined || presentedKey === '') {
      return Promise.resolve(missingKey());
    }
    // Hot path: a cache hit needs no full format check, since only well-formed keys' hashes are ever
    // cached; the O(1) shape check keeps arbitrary strings from being hashed at all.
    if (presentedKey.length === KEY_LENGTH && presentedKey.startsWith(KEY_PREFIX) && this.state === 'running' && this.untrusted === undefined) {
      const hash = this.hash(presentedKey);
      const cached = this.cache.get(hash);
      if (cached !== undefined && this.isTrusted(cached, this.clock.now())) {
        this.counters.cacheHits++;
        return Promise.resolve(this.decide(cached.key, httpMethod, keyTail(presentedKey)));
      }
      return this.verifyUncached(presentedKey, hash, cached, httpMethod);
    }
    return this.verifyUncached(presentedKey, undefined, undefined, httpMethod);
  }

  public stats(): VerifierStats {
    return { ...this.counters };
  }

  /** Everything but a cache hit: the full format check comes first, so a malformed key never reaches the store. */
  private async verifyUncached(presentedKey: string, knownHash: string | undefined, cached: CacheEntry | undefined, httpMethod: string): Promise<VerifyResult> {
    const format = checkKeyFormat(presentedKey);
    if (!format.ok) {
      return malformedKey(format.reason);
    }
    const tail = keyTail(presentedKey);
    if (this.state !== 'running') {
      return unavailable('not-started', tail);
    }
    if (this.untrusted !== undefined) {
      return unavailable('untrusted-list', tail);
    }
    const hash = knownHash ?? this.hash(presentedKey);
    const lookup = await this.lookUp(hash);
    if (lookup.ok) {
      return this.decide(lookup.key, httpMethod, tail);
    }
    if (cached?.key !== undefined && this.withinOutageGrace(this.clock.now())) {
      this.counters.servedDuringOutage++;
      return this.decide(cached.key, httpMethod, tail);
    }
    return unavailable(lookup.shed ? 'lookups-shed' : 'store-unreachable', tail);
  }

  private decide(key: CachedKey | undefined, httpMethod: string, tail: string): VerifyResult {
    if (key === undefined) {
      return unknownOrRevoked('unknown', tail);
    }
    if (key.integrity !== undefined) {
      return tamperedKey(key.id, tail);
    }
    if (key.status !== 'Active') {
      return unknownOrRevoked('revoked', tail, key.id);
    }
    if (!allowsMethod(key.permission, httpMethod)) {
      return readOnlyKey(key.id, tail);
    }
    return { allowed: true, keyId: key.id, name: key.name, permission: key.permission, tail };
  }

  /**
   * A cached answer is used without asking the store while it is young enough and, for an active key,
   * while the change log has been read recently enough that a revocation would have evicted it. A
   * revoked record (revocation is final) and "no such key" (a refusal) need no such proof.
   */
  private isTrusted(entry: CacheEntry, now: number): boolean {
    if (now >= entry.expiresAt) {
      return false;
    }
    if (entry.key === undefined || entry.key.status !== 'Active' || this.changes === undefined) {
      return true;
    }
    return now - this.lastFeedReadAt <= this.outageGraceMs;
  }

  /** Whether a cached active key may still be honoured although the store cannot be read. */
  private withinOutageGrace(now: number): boolean {
    const lastGoodRead = this.changes ? this.lastFeedReadAt : this.lastStoreReadAt;
    return now - lastGoodRead <= this.outageGraceMs;
  }

  /** One store call per hash at a time: concurrent misses for the same key share it. */
  private lookUp(hash: string): Promise<Lookup> {
    const pending = this.inFlight.get(hash);
    if (pending !== undefined) {
      return pending;
    }
    if (this.inFlight.size >= this.maxConcurrentLookups) {
      // A flood of distinct well-formed keys must not turn into a flood of SharePoint requests (whose
      // throttling would also hit the admins' page): shed it; cached keys keep being answered.
      this.counters.lookupsShed++;
      return Promise.resolve({ ok: false, shed: true });
    }
    const generation = this.generation;
    const startedAt = this.clock.now();
    this.counters.storeLookups++;
    let found: Promise<KeyRecord | undefined>;
    try {
      found = this.store.findByHash(hash);
    } catch (error) {
      // A store that throws instead of rejecting must not make verify() throw.
      found = Promise.reject(error);
    }
    const lookup = this.withinTimeout(found).then(
      (record): Lookup => {
        const key = toCachedKey(record);
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
        this.lastStoreReadAt = Math.max(this.lastStoreReadAt, startedAt);
        if (generation === this.generation && this.state === 'running') {
          const ttl = key === undefined ? this.negativeTtlMs : this.positiveTtlMs;
          this.cache.set(hash, key, startedAt + ttl);
        }
        return { ok: true, key };
      },
      (error: unknown): Lookup => {
        this.counters.storeFailures++;
        this.logger?.warn('API key store lookup failed', { error: errorText(error) });
        return { ok: false };
      }
    );
    this.inFlight.set(hash, lookup);
    const forget = (): void => {
      this.inFlight.delete(hash);
    };
    lookup.then(forget, forget);
    return lookup;
  }

  /**
   * A store call that hangs must not hang the API's requests nor stop the polling loop: past the
   * timeout it counts as a failure (what it answers later is ignored).
   */
  private withinTimeout<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimer(() => reject(new StoreTimeoutError(this.storeTimeoutMs)), this.storeTimeoutMs);
      work.then(
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

  private async pollChanges(): Promise<void> {
    const changes = this.changes;
    if (changes === undefined || this.state !== 'running') {
      return;
    }
    const startedAt = this.clock.now();
    this.counters.polls++;
    try {
      const page = await this.withinTimeout(changes.changesSince(this.changeToken));
      if (this.state !== 'running') {
        return;
      }
      this.changeToken = page.token;
      if (page.itemIds.length > 0) {
        this.generation++;
        this.counters.evictedByChanges += this.cache.evictItems(page.itemIds);
        this.cache.clearAbsent();
      }
      this.failedPolls = 0;
      this.lastFeedReadAt = startedAt;
      this.lastStoreReadAt = Math.max(this.lastStoreReadAt, startedAt);
    } catch (error) {
      this.counters.pollFailures++;
      this.failedPolls++;
      this.logger?.warn('API key change log could not be read', { error: errorText(error), consecutiveFailures: this.failedPolls });
      if (this.failedPolls >= FAILED_POLLS_BEFORE_RESYNC) {
        await this.resync(changes, startedAt);
      }
    }
  }

  /**
   * A change token SharePoint no longer accepts (older than its change log keeps) would fail forever.
   * If the list answers but the log does not, start again from its current token and forget every
   * cached answer, since changes in between are unknown.
   */
  private async resync(changes: KeyChangeFeed, startedAt: number): Promise<void> {
    try {
      const token = await this.withinTimeout(changes.currentChangeToken());
      if (this.state !== 'running') {
        return;
      }
      this.generation++;
      this.cache.clear();
      this.changeToken = token;
      this.failedPolls = 0;
      this.lastFeedReadAt = startedAt;
      this.logger?.warn('API key change log restarted from the current token; cached answers dropped', {});
    } catch {
      // The store itself is unreachable: the outage grace decides what cached keys may still do.
    }
  }

  /** Someone may later reset the list to inherit permissions: from then on its records are not trusted. */
  private async recheckProvisioning(): Promise<void> {
    try {
      await this.withinTimeout(this.store.checkProvisioned());
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
