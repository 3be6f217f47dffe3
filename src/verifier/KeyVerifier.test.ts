import './testing/webCrypto';
import { createHash } from 'node:crypto';
import { generateKey, hashKey, NotProvisionedError } from '../core';
import type { Permission } from '../core';
import { KeyVerifier } from './KeyVerifier';
import type { KeyVerifierOptions, VerifierLogger } from './KeyVerifier.types';
import { FakeClock } from './testing/FakeClock';
import { FakeKeyStore, inheritedPermissions } from './testing/FakeKeyStore';

const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

interface Logged {
  lines: string[];
  logger: VerifierLogger;
}

function recordingLogger(): Logged {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, logger: { info: write, warn: write } };
}

async function setUp(options: Partial<KeyVerifierOptions> = {}, start: boolean = true) {
  const clock = new FakeClock();
  const store = new FakeKeyStore();
  const log = recordingLogger();
  const verifier = new KeyVerifier({
    store,
    changes: store,
    clock,
    positiveTtlMs: 300_000,
    negativeTtlMs: 30_000,
    changePollIntervalMs: 1_000,
    outageGraceMs: 60_000,
    logger: log.logger,
    ...options
  });
  const keys: string[] = [];
  const issue = async (permission: Permission): Promise<{ key: string; id: number }> => {
    const { key } = await generateKey();
    keys.push(key);
    return { key, id: store.add(sha256(key), permission).id };
  };
  const unknownKey = async (): Promise<string> => {
    const { key } = await generateKey();
    keys.push(key);
    return key;
  };
  if (start) {
    await verifier.start();
  }
  return { clock, store, verifier, issue, unknownKey, log, keys };
}

function mutateLastCharacter(key: string): string {
  const last = key[key.length - 1];
  return key.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

describe('KeyVerifier refusals', () => {
  it('hashes exactly as the core does (the store keeps the core hash)', async () => {
    const { key, stored } = await generateKey();
    expect(sha256(key)).toBe(await hashKey(key));
    expect(stored.hash).toBe(sha256(key));
  });

  it.each([undefined, ''])('refuses a missing key (%p) with 401 missing, without the store', async (presented) => {
    const { verifier, store } = await setUp();
    const result = await verifier.verify(presented, 'GET');
    expect(result).toMatchObject({ allowed: false, status: 401, reason: 'missing', cause: 'missing' });
    expect(store.calls.findByHash).toBe(0);
  });

  it('refuses malformed keys with 401 malformed and never asks the store', async () => {
    const { verifier, store, issue } = await setUp();
    const { key } = await issue('FullControl');
    const cases: Array<[string, string]> = [
      [mutateLastCharacter(key), 'bad-checksum'],
      [key.slice(0, -1), 'wrong-length'],
      [`${key}x`, 'wrong-length'],
      [`sk_${key.slice(3)}`, 'wrong-prefix'],
      [`${key.slice(0, 20)}!${key.slice(21)}`, 'bad-character']
    ];
    for (const [presented, cause] of cases) {
      const result = await verifier.verify(presented, 'GET');
      expect(result).toMatchObject({ allowed: false, status: 401, reason: 'malformed', cause });
      expect(result.allowed || result.tail).toBeFalsy();
    }
    expect(store.calls.findByHash).toBe(0);
  });

  it('refuses an unknown key and a revoked key with the same reason and message, and tells the owner which', async () => {
    const { verifier, store, issue, unknownKey } = await setUp();
    const revoked = await issue('FullControl');
    store.revoke(revoked.id);
    const unknown = await verifier.verify(await unknownKey(), 'GET');
    const gone = await verifier.verify(revoked.key, 'GET');
    expect(unknown).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'unknown' });
    expect(gone).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'revoked', keyId: revoked.id, tail: revoked.key.slice(-12) });
    expect(!unknown.allowed && !gone.allowed && unknown.message === gone.message).toBe(true);
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('allows a Read Only key to %s', async (method) => {
    const { verifier, issue } = await setUp();
    const { key, id } = await issue('ReadOnly');
    await expect(verifier.verify(key, method)).resolves.toEqual({ allowed: true, keyId: id, name: 'Integration', permission: 'ReadOnly', tail: key.slice(-12) });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'MERGE'])('refuses a Read Only key to %s with 403', async (method) => {
    const { verifier, issue } = await setUp();
    const { key, id } = await issue('ReadOnly');
    await expect(verifier.verify(key, method)).resolves.toMatchObject({ allowed: false, status: 403, reason: 'read-only-key', keyId: id });
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('allows a Full Control key to %s', async (method) => {
    const { verifier, issue } = await setUp();
    const { key } = await issue('FullControl');
    await expect(verifier.verify(key, method)).resolves.toMatchObject({ allowed: true, permission: 'FullControl' });
  });

  it('answers 503 before start(), and after stop()', async () => {
    const { verifier, issue, clock } = await setUp({}, false);
    const { key } = await issue('FullControl');
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'not-started', retryAfterSeconds: 5 });
    await verifier.start();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await verifier.stop();
    expect(clock.pendingTimers).toBe(0);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'not-started' });
  });
});

describe('KeyVerifier start()', () => {
  it('refuses to trust a list that inherits its permissions', async () => {
    const { verifier, store, issue } = await setUp({}, false);
    const { key } = await issue('FullControl');
    store.provisioningFailure = inheritedPermissions();
    const started = verifier.start();
    await expect(started).rejects.toBeInstanceOf(NotProvisionedError);
    await expect(started).rejects.toMatchObject({ reason: 'inherited-permissions' });
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'not-started' });
    expect(store.calls.findByHash).toBe(0);
  });

  it('stops trusting the list when a later check finds it inheriting, and trusts it again once fixed', async () => {
    const { verifier, store, issue, clock } = await setUp({ provisioningCheckIntervalMs: 60_000 });
    const { key } = await issue('FullControl');
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    store.provisioningFailure = inheritedPermissions();
    await clock.advance(60_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'untrusted-list' });
    store.provisioningFailure = undefined;
    await clock.advance(60_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
  });

  it('shares one start between concurrent callers, and stop() during start wins', async () => {
    const { verifier, store, issue, clock } = await setUp({}, false);
    const { key } = await issue('FullControl');
    await Promise.all([verifier.start(), verifier.start()]);
    expect(store.calls.checkProvisioned).toBe(1);
    await verifier.stop();
    const restarting = verifier.start();
    const stopping = verifier.stop();
    await restarting;
    await stopping;
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, cause: 'not-started' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects settings that cannot work', () => {
    const store = new FakeKeyStore();
    expect(() => new KeyVerifier({ store, changePollIntervalMs: 0 })).toThrow(RangeError);
    expect(() => new KeyVerifier({ store, outageGraceMs: -1 })).toThrow(RangeError);
    expect(() => new KeyVerifier({ store, positiveTtlMs: Number.NaN })).toThrow(RangeError);
    expect(() => new KeyVerifier({ store, maxConcurrentLookups: 0 })).toThrow(RangeError);
  });
});

describe('KeyVerifier cache', () => {
  it('asks the store once for repeated verifications of a key', async () => {
    const { verifier, store, issue } = await setUp();
    const { key } = await issue('ReadOnly');
    for (let i = 0; i < 100; i++) {
      await verifier.verify(key, i % 2 ? 'GET' : 'POST');
    }
    expect(store.calls.findByHash).toBe(1);
    expect(verifier.stats()).toMatchObject({ verifications: 100, cacheHits: 99, storeLookups: 1 });
  });

  it('caches "no such key" until the negative TTL, then asks again', async () => {
    const { verifier, store, unknownKey, clock } = await setUp();
    const key = await unknownKey();
    await verifier.verify(key, 'GET');
    await verifier.verify(key, 'GET');
    expect(store.calls.findByHash).toBe(1);
    await clock.advance(30_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ cause: 'unknown' });
    expect(store.calls.findByHash).toBe(2);
  });

  it('asks again once a found record is older than the positive TTL', async () => {
    const { verifier, store, issue, clock } = await setUp({ positiveTtlMs: 10_000 });
    const { key } = await issue('FullControl');
    // Let the poll that reports the key's creation pass first: it would evict the answer.
    await clock.advance(1_000);
    await verifier.verify(key, 'GET');
    await clock.advance(9_999);
    await verifier.verify(key, 'GET');
    expect(store.calls.findByHash).toBe(1);
    await clock.advance(1);
    await verifier.verify(key, 'GET');
    expect(store.calls.findByHash).toBe(2);
  });

  it('shares one store call among concurrent verifications of the same key', async () => {
    const { verifier, store, issue, clock } = await setUp();
    const { key } = await issue('FullControl');
    const other = await issue('ReadOnly');
    let release = (): void => undefined;
    store.lookupGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending = [...Array.from({ length: 50 }, () => verifier.verify(key, 'POST')), verifier.verify(other.key, 'GET')];
    await clock.advance(0);
    expect(store.calls.findByHash).toBe(2);
    release();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(store.calls.findByHash).toBe(2);
  });

  it('sheds misses beyond maxConcurrentLookups with 503 while still answering cached keys', async () => {
    const { verifier, store, issue, unknownKey } = await setUp({ maxConcurrentLookups: 2, maxQueuedLookups: 0 });
    const { key } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    let release = (): void => undefined;
    store.lookupGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = verifier.verify(await unknownKey(), 'GET');
    const second = verifier.verify(await unknownKey(), 'GET');
    await expect(verifier.verify(await unknownKey(), 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'lookups-shed' });
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: true });
    expect(store.calls.findByHash).toBe(3);
    release();
    await expect(Promise.all([first, second])).resolves.toMatchObject([{ cause: 'unknown' }, { cause: 'unknown' }]);
    expect(verifier.stats().lookupsShed).toBe(1);
  });

  it('keeps at most maxCacheEntries answers, dropping the least recently used', async () => {
    const { verifier, store, issue } = await setUp({ maxCacheEntries: 2 });
    const a = await issue('FullControl');
    const b = await issue('FullControl');
    const c = await issue('FullControl');
    await verifier.verify(a.key, 'GET');
    await verifier.verify(b.key, 'GET');
    await verifier.verify(a.key, 'GET');
    await verifier.verify(c.key, 'GET');
    expect(store.calls.findByHash).toBe(3);
    await verifier.verify(a.key, 'GET');
    expect(store.calls.findByHash).toBe(3);
    await verifier.verify(b.key, 'GET');
    expect(store.calls.findByHash).toBe(4);
  });
});

describe('KeyVerifier change log', () => {
  it('refuses a revoked key at the next poll, long before the cache would expire', async () => {
    const { verifier, store, issue, clock } = await setUp();
    const { key, id } = await issue('FullControl');
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    store.revoke(id);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await clock.advance(1_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
    expect(verifier.stats().evictedByChanges).toBe(1);
    expect(store.calls.findByHash).toBe(2);
  });

  it('accepts a new key at the next poll even when it was refused as unknown before', async () => {
    const { verifier, store, clock } = await setUp();
    const { key } = await generateKey();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ cause: 'unknown' });
    store.add(sha256(key), 'ReadOnly');
    await clock.advance(1_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
  });

  it('does not cache a lookup that raced a change to the list', async () => {
    const { verifier, store, issue, clock } = await setUp();
    const { key } = await issue('FullControl');
    const other = await issue('FullControl');
    let release = (): void => undefined;
    store.lookupGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending = verifier.verify(key, 'GET');
    store.revoke(other.id);
    await clock.advance(1_000);
    release();
    store.lookupGate = undefined;
    await expect(pending).resolves.toMatchObject({ allowed: true });
    await verifier.verify(key, 'GET');
    expect(store.calls.findByHash).toBe(2);
  });

  it('keeps polling after a read of the change log hangs', async () => {
    const { store, clock } = await setUp({ pollTimeoutMs: 3_000 });
    const realChangesSince = store.changesSince.bind(store);
    let hangs = 1;
    store.changesSince = (token: string) => (hangs-- > 0 ? new Promise(() => undefined) : realChangesSince(token));
    await clock.advance(1_000);
    expect(store.calls.changesSince).toBe(0);
    await clock.advance(3_000);
    await clock.advance(1_000);
    expect(store.calls.changesSince).toBe(1);
    await clock.advance(1_000);
    expect(store.calls.changesSince).toBe(2);
  });

  it('answers 503 rather than throwing when the store throws', async () => {
    const { verifier, store, unknownKey } = await setUp();
    store.findByHash = () => {
      throw new TypeError('not a promise');
    };
    await expect(verifier.verify(await unknownKey(), 'GET')).resolves.toMatchObject({ allowed: false, status: 503 });
  });

  it('polls no more often than the interval and only while running', async () => {
    const { verifier, store, clock } = await setUp({ changePollIntervalMs: 2_000 });
    await clock.advance(10_000);
    expect(store.calls.changesSince).toBe(5);
    await verifier.stop();
    await clock.advance(10_000);
    expect(store.calls.changesSince).toBe(5);
  });

  it('starts again from the current token when the log keeps failing but the list answers', async () => {
    const { verifier, store, issue, clock } = await setUp();
    const { key } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    store.feedFailure = new Error('getchanges 500');
    await clock.advance(4_000);
    expect(store.calls.currentChangeToken).toBe(1);
    // No good read for maxStalenessMs (5 s): the place in the log may be lost.
    await clock.advance(1_000);
    expect(store.calls.currentChangeToken).toBe(2);
    expect(verifier.stats().resyncs).toBe(1);
    await verifier.verify(key, 'GET');
    expect(store.calls.findByHash).toBe(2);
  });
});

describe('KeyVerifier during a store outage', () => {
  it('keeps cached valid keys working within the grace, then answers 503', async () => {
    const { verifier, store, issue, unknownKey, clock } = await setUp({ outageGraceMs: 60_000 });
    const { key } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    store.failure = new Error('503 Service Unavailable');
    await clock.advance(59_000);
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: true });
    await expect(verifier.verify(await unknownKey(), 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'store-unreachable' });
    await clock.advance(2_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, reason: 'unavailable' });
    store.failure = undefined;
    await clock.advance(1_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
  });

  it('serves a cached record past its TTL only within the grace', async () => {
    const { verifier, store, issue, clock } = await setUp({ positiveTtlMs: 10_000, outageGraceMs: 60_000 });
    const { key } = await issue('ReadOnly');
    await verifier.verify(key, 'GET');
    store.failure = new Error('ECONNRESET');
    await clock.advance(20_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: false, status: 403 });
    expect(verifier.stats().servedDuringOutage).toBe(2);
    await clock.advance(41_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503 });
  });

  it('with grace 0, refuses with 503 as soon as the store cannot be read', async () => {
    const { verifier, store, issue, clock } = await setUp({ outageGraceMs: 0, positiveTtlMs: 1_000 });
    const { key } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    store.failure = new Error('down');
    await clock.advance(1_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503 });
  });

  it('stops trusting cached keys when only the change log fails past maxStalenessMs, and asks the store instead', async () => {
    const { verifier, store, issue, clock } = await setUp({ outageGraceMs: 10_000 });
    const { key, id } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    store.feedFailure = new Error('getchanges 500');
    // currentChangeToken also fails, so the verifier cannot start the log again.
    const realToken = store.currentChangeToken.bind(store);
    store.currentChangeToken = async () => {
      await realToken();
      throw new Error('contextinfo 500');
    };
    await clock.advance(11_000);
    const lookups = store.calls.findByHash;
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    expect(store.calls.findByHash).toBe(lookups + 1);
    store.revoke(id);
    // The lookup proves freshness for maxStalenessMs (5 s), like a read of the log: the revocation bound.
    await clock.advance(5_001);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, cause: 'revoked' });
  });

  it('treats a store call that hangs as failed: 503 for an unknown key, a cached key within the grace', async () => {
    const { verifier, store, issue, unknownKey, clock } = await setUp({ storeTimeoutMs: 5_000, positiveTtlMs: 1_000 });
    const { key } = await issue('FullControl');
    await clock.advance(1_000);
    await verifier.verify(key, 'GET');
    store.lookupGate = new Promise<void>(() => undefined);
    const unknown = verifier.verify(await unknownKey(), 'GET');
    await clock.advance(1_000);
    const expired = verifier.verify(key, 'GET');
    await clock.advance(5_000);
    await expect(unknown).resolves.toMatchObject({ allowed: false, status: 503, cause: 'store-unreachable' });
    await expect(expired).resolves.toMatchObject({ allowed: true });
    expect(verifier.stats()).toMatchObject({ storeFailures: 2, servedDuringOutage: 1 });
  });

  it('never puts a key in its logs', async () => {
    const { verifier, store, issue, unknownKey, clock, log, keys } = await setUp();
    const { key } = await issue('FullControl');
    await verifier.verify(key, 'GET');
    store.failure = new Error('down');
    await verifier.verify(await unknownKey(), 'GET');
    await clock.advance(5_000);
    store.failure = undefined;
    store.provisioningFailure = inheritedPermissions();
    await clock.advance(5 * 60_000);
    expect(log.lines.length).toBeGreaterThan(3);
    for (const k of keys) {
      expect(log.lines.join('\n')).not.toContain(k);
      expect(log.lines.join('\n')).not.toContain(k.slice(4, -12));
    }
  });
});

describe('records that show tampering (KeyRecord.integrity)', () => {
  it('refuses a Full Control key whose record is flagged, 401 like a revoked key, and logs who changed it and when', async () => {
    const { store, verifier, log } = await setUp();
    const { key } = await generateKey();
    const record = store.add(sha256(key), 'FullControl');
    const id = record.id;
    record.integrity = {
      reason: 'permission-changed',
      detail: 'Version 2.0 changed the permission from ReadOnly to FullControl.',
      changedBy: { id: 13, displayName: 'Megan Bowen', email: 'meganb@contoso.com' },
      changedAt: new Date('2026-02-02T09:30:00Z')
    };
    const refused = await verifier.verify(key, 'GET');
    expect(refused).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'tampered', keyId: id });
    // Cached: refused again without a lookup, the same way.
    await expect(verifier.verify(key, 'DELETE')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'tampered' });
    expect(log.lines.filter((l) => l.indexOf('tampering') >= 0)).toEqual([
      expect.stringContaining('"reason":"permission-changed"')
    ]);
    expect(log.lines.join('\n')).toContain('"changedBy":"Megan Bowen <meganb@contoso.com>","changedAt":"2026-02-02T09:30:00.000Z"');
    expect(log.lines.join('\n')).not.toContain(key);
  });

  it('an exposed list makes a running verifier refuse every key with 503 and log the principals', async () => {
    const { store, verifier, issue, clock, log } = await setUp({ provisioningCheckIntervalMs: 10_000 });
    const { key } = await issue('ReadOnly');
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    store.provisioningFailure = new NotProvisionedError('exposed', 'Megan can write.', 'Remove her.', ['Megan Bowen (i:0#.f|membership|meganb@contoso.com)']);
    await clock.advance(10_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'untrusted-list' });
    expect(log.lines.join('\n')).toContain('"reason":"exposed","principals":["Megan Bowen (i:0#.f|membership|meganb@contoso.com)"]');
  });
});
