import './testing/webCrypto';
import { createHash } from 'node:crypto';
import { generateKey, ThrottledError } from '../core';
import { KeyVerifier } from './KeyVerifier';
import type { KeyVerifierOptions, RefusalEvent, VerifyResult } from './KeyVerifier.types';
import { prometheusText } from './metrics';
import { FakeClock } from './testing/FakeClock';
import { FakeKeyStore } from './testing/FakeKeyStore';

// The revocation bound under hostile or unlucky conditions (issue 9), on a fake clock: every figure
// below is the documented guarantee (maxStalenessMs 5 s, outageGraceMs), not a speed measurement.

const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
const STEP_MS = 100;

async function setUp(options: Partial<KeyVerifierOptions> = {}) {
  const clock = new FakeClock();
  const store = new FakeKeyStore();
  const events: RefusalEvent[] = [];
  const verifier = new KeyVerifier({ store, changes: store, clock, onRefusal: (e) => events.push(e), ...options });
  await verifier.start();
  const { key } = await generateKey();
  const { id } = store.add(sha256(key), 'FullControl', 'Nightly sync');
  await expect(verifier.verify(key, 'DELETE', { client: 'sync-job' })).resolves.toMatchObject({ allowed: true });
  return { clock, store, verifier, key, id, events };
}

/** Steps the clock while `each` runs every step; returns the time (since the start) at which `done` first held. */
async function runUntil(clock: FakeClock, limitMs: number, each: (elapsedMs: number) => Promise<boolean>): Promise<number | undefined> {
  for (let elapsed = 0; elapsed <= limitMs; elapsed += STEP_MS) {
    if (await each(elapsed)) {
      return elapsed;
    }
    await clock.advance(STEP_MS);
  }
  return undefined;
}

describe('revocation under attack', () => {
  it('flood + revoke: store lookups stay within the global rate, the change log keeps being read, and the revoked key is refused within the bound', async () => {
    const { clock, store, verifier, key, id } = await setUp({ lookupRate: { limit: 10, perMs: 1_000 }, maxQueuedLookups: 16 });
    const lookupsBefore = store.calls.findByHash;
    const pollsBefore = store.calls.changesSince;
    const floodResults: Promise<VerifyResult>[] = [];
    let attacker = 0;
    const flood = async (): Promise<void> => {
      // 200 made-up well-formed keys a step (2,000 a second), each from a different address.
      for (let i = 0; i < 200; i++) {
        const { key: madeUp } = await generateKey();
        floodResults.push(verifier.verify(madeUp, 'GET', { client: `198.51.100.${attacker++ % 250}` }));
      }
    };
    let revokedAt = -1;
    const refusedAt = await runUntil(clock, 15_000, async (elapsed) => {
      await flood();
      if (elapsed === 2_000) {
        store.revoke(id);
        revokedAt = elapsed;
      }
      if (revokedAt < 0) {
        return false;
      }
      const result = await verifier.verify(key, 'DELETE', { client: 'sync-job' });
      return !result.allowed;
    });
    await clock.advance(2_000);
    const results = await Promise.all(floodResults);
    expect(results.some((r) => r.allowed)).toBe(false);
    expect(results.filter((r) => !r.allowed && r.status === 503 && r.cause === 'lookups-shed').length).toBeGreaterThan(1_000);
    const elapsedSeconds = (clock.now() - Date.UTC(2026, 0, 1)) / 1000;
    // The bucket's burst (10) plus 10 a second, whatever arrives.
    expect(store.calls.findByHash - lookupsBefore).toBeLessThanOrEqual(10 + 10 * Math.ceil(elapsedSeconds) + 2);
    // The poll has its own budget: it ran about once a second throughout.
    expect(store.calls.changesSince - pollsBefore).toBeGreaterThanOrEqual(Math.floor(elapsedSeconds) - 2);
    expect(refusedAt).toBeDefined();
    expect((refusedAt as number) - revokedAt).toBeLessThanOrEqual(5_000);
    await expect(verifier.verify(key, 'GET', { client: 'sync-job' })).resolves.toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
  });

  it('hanging poll + revoke: the read is aborted after pollTimeoutMs, and the revoked key is refused within maxStalenessMs', async () => {
    const { clock, store, verifier, key, id } = await setUp();
    store.changesSince = (_token, options) => {
      store.calls.changesSince++;
      if (options?.signal) store.signals.push(options.signal);
      return new Promise(() => undefined);
    };
    const signalsBefore = store.signals.length;
    store.revoke(id);
    const refusedAt = await runUntil(clock, 20_000, async () => !(await verifier.verify(key, 'GET', { client: 'sync-job' })).allowed);
    expect(refusedAt).toBeDefined();
    expect(refusedAt as number).toBeLessThanOrEqual(5_000 + STEP_MS);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
    // Every hanging read was really aborted, none left running.
    const pollSignals = store.signals.slice(signalsBefore);
    await clock.advance(2_000);
    expect(pollSignals.length).toBeGreaterThan(0);
    expect(pollSignals.slice(0, -1).every((s) => s.aborted)).toBe(true);
    expect(verifier.metrics().pollFailures).toBeGreaterThan(0);
  });

  it('throttled app + revoke: Retry-After is honoured, cached keys are honoured for at most outageGraceMs, then 503, then 401 once SharePoint answers', async () => {
    const { clock, store, verifier, key, id } = await setUp({ outageGraceMs: 10_000 });
    store.failure = new ThrottledError(3);
    store.revoke(id);
    const callsBefore = store.calls.changesSince + store.calls.findByHash + store.calls.currentChangeToken;
    const results: Array<{ at: number; result: VerifyResult }> = [];
    await runUntil(clock, 15_000, async (elapsed) => {
      results.push({ at: elapsed, result: await verifier.verify(key, 'GET', { client: 'sync-job' }) });
      return false;
    });
    const lastAllowed = Math.max(...results.filter((r) => r.result.allowed).map((r) => r.at));
    expect(lastAllowed).toBeLessThanOrEqual(10_000);
    expect(results.filter((r) => r.at > 10_000).every((r) => !r.result.allowed && r.result.status === 503)).toBe(true);
    // Retry-After: 3 s, for polls and lookups alike: a handful of calls in 15 s, not one a second plus one a request.
    const calls = store.calls.changesSince + store.calls.findByHash + store.calls.currentChangeToken - callsBefore;
    expect(calls).toBeLessThanOrEqual(2 * Math.ceil(15 / 3) + 2);
    store.failure = undefined;
    const refused = await runUntil(clock, 10_000, async () => {
      const result = await verifier.verify(key, 'GET', { client: 'sync-job' });
      return !result.allowed && result.status === 401;
    });
    expect(refused).toBeDefined();
  });
});

describe('brute-force limit and refusal log', () => {
  it('answers 429 with Retry-After and no lookup once a client passes its refusal limit; other clients are not affected', async () => {
    const { store, verifier, key, clock } = await setUp({ refusalLimit: { limit: 5, perMs: 60_000 } });
    for (let i = 0; i < 5; i++) {
      const { key: wrong } = await generateKey();
      await expect(verifier.verify(wrong, 'GET', { client: '203.0.113.9' })).resolves.toMatchObject({ status: 401 });
    }
    const lookups = store.calls.findByHash;
    const { key: sixth } = await generateKey();
    const blocked = await verifier.verify(sixth, 'GET', { client: '203.0.113.9' });
    expect(blocked).toMatchObject({ allowed: false, status: 429, reason: 'rate-limited', cause: 'too-many-refusals' });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(verifier.verify('akm_typo', 'GET', { client: '203.0.113.9' })).resolves.toMatchObject({ status: 429 });
    expect(store.calls.findByHash).toBe(lookups);
    await expect(verifier.verify(sixth, 'GET', { client: '192.0.2.1' })).resolves.toMatchObject({ status: 401, cause: 'unknown' });
    await expect(verifier.verify(key, 'GET', { client: 'sync-job' })).resolves.toMatchObject({ allowed: true });
    await clock.advance(12_000);
    await expect(verifier.verify(sixth, 'GET', { client: '203.0.113.9' })).resolves.toMatchObject({ status: 401 });
  });

  it('limits uncached lookups per client with 429', async () => {
    const { verifier } = await setUp({ clientLookupRate: { limit: 3, perMs: 10_000 }, refusalLimit: { limit: 100, perMs: 60_000 } });
    const answers: VerifyResult[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await verifier.verify((await generateKey()).key, 'GET', { client: '203.0.113.10' }));
    }
    expect(answers.map((a) => (a.allowed ? 200 : a.status))).toEqual([401, 401, 401, 429, 429]);
    expect(answers[3]).toMatchObject({ cause: 'client-lookup-limit' });
  });

  it('reports each refusal as an event and in the counters, and never a full key anywhere', async () => {
    const { verifier, key, events } = await setUp();
    const { key: unknown } = await generateKey();
    const typo = `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`;
    await verifier.verify(unknown, 'GET', { client: '192.0.2.7', path: '/api/courses', method: 'GET' });
    await verifier.verify(typo, 'POST', { client: '192.0.2.7', path: '/api/courses', method: 'POST' });
    await verifier.verify(key, 'GET', { client: 'sync-job' });
    expect(events).toEqual([
      expect.objectContaining({ status: 401, reason: 'unknown-or-revoked', cause: 'unknown', client: '192.0.2.7', path: '/api/courses', keyTail: unknown.slice(-12) }),
      expect.objectContaining({ status: 401, reason: 'malformed', cause: 'bad-checksum', client: '192.0.2.7', path: '/api/courses' })
    ]);
    expect(events[1].keyTail).toBeUndefined();
    const metrics = verifier.metrics();
    expect(metrics).toMatchObject({ allowed: 2, refused: 2, refusedByCause: { unknown: 1, 'bad-checksum': 1 } });
    expect(metrics.cacheHitRatio).toBeGreaterThan(0);
    expect(metrics.lastGoodPollAt).not.toBeNull();
    const text = prometheusText(metrics);
    expect(text).toContain('akm_verifier_refused_total{cause="bad-checksum"} 1');
    expect(text).toContain('akm_verifier_allowed_total 2');
    const everything = `${JSON.stringify(events)}\n${JSON.stringify(metrics)}\n${text}`;
    for (const k of [key, unknown, typo]) {
      expect(everything).not.toContain(k);
      expect(everything).not.toContain(k.slice(4, -12));
    }
  });

  it('answers a cache hit synchronously with the same frozen result every time', async () => {
    const { verifier, key } = await setUp();
    const first = verifier.verifyCached(key, 'GET');
    expect(first).toMatchObject({ allowed: true, permission: 'FullControl' });
    expect(verifier.verifyCached(key, 'GET')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(verifier.verifyCached('akm_short', 'GET')).toBeUndefined();
  });

  it('never answers the fast path for another string that only shares the key tail', async () => {
    const { verifier, key, store } = await setUp();
    expect(verifier.verifyCached(key, 'GET')).toMatchObject({ allowed: true });
    const sameTail = `akm_${'Z'.repeat(key.length - 4 - 12)}${key.slice(-12)}`;
    expect(sameTail).toHaveLength(key.length);
    expect(verifier.verifyCached(sameTail, 'GET')).toBeUndefined();
    const lookups = store.calls.findByHash;
    await expect(verifier.verify(sameTail, 'GET')).resolves.toMatchObject({ allowed: false, reason: 'malformed' });
    expect(store.calls.findByHash).toBe(lookups);
  });

  it('drops a revoked key from the fast path as soon as the change log reports it', async () => {
    const { verifier, key, id, store, clock } = await setUp();
    expect(verifier.verifyCached(key, 'GET')).toBeDefined();
    store.revoke(id);
    await clock.advance(1_000);
    expect(verifier.verifyCached(key, 'GET')).toBeUndefined();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, cause: 'revoked' });
  });
});
