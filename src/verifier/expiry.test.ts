import './testing/webCrypto';
import { createHash } from 'node:crypto';
import { generateKey } from '../core';
import { KeyVerifier } from './KeyVerifier';
import type { KeyVerifierOptions, RefusalEvent } from './KeyVerifier.types';
import { FakeClock } from './testing/FakeClock';
import { FakeKeyStore } from './testing/FakeKeyStore';

const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
const TOLERANCE = 60_000;

async function setUp(options: Partial<KeyVerifierOptions> = {}) {
  const clock = new FakeClock();
  const store = new FakeKeyStore();
  const refusals: RefusalEvent[] = [];
  const verifier = new KeyVerifier({ store, changes: store, clock, positiveTtlMs: 300_000, changePollIntervalMs: 1_000, onRefusal: (event) => refusals.push(event), ...options });
  await verifier.start();
  /** A Full Control key that expires `inMs` from now (the fake clock's now), its creation already read from the change log. */
  const issue = async (inMs: number | undefined): Promise<{ key: string; id: number; expiresAt: number }> => {
    const { key } = await generateKey();
    const record = store.add(sha256(key), 'FullControl');
    await clock.advance(1_000);
    const expiresAt = clock.now() + (inMs ?? 0);
    if (inMs !== undefined) {
      record.expires = new Date(expiresAt);
    }
    return { key, id: record.id, expiresAt };
  };
  return { clock, store, verifier, issue, refusals };
}

describe('KeyVerifier and expiry', () => {
  it('refuses a key from its expiry plus the tolerance on, with exactly the answer a revoked key gets, and logs and counts cause expired', async () => {
    const { verifier, store, issue, refusals } = await setUp();
    const expired = await issue(-TOLERANCE);
    const revoked = await issue(undefined);
    store.revoke(revoked.id);
    const expiredAnswer = await verifier.verify(expired.key, 'GET');
    const revokedAnswer = await verifier.verify(revoked.key, 'GET');
    expect(expiredAnswer).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'expired', keyId: expired.id });
    // What the caller sees (status, reason, message) is the same; only the log-side cause and id differ.
    const outward = (r: object): unknown => {
      const { status, reason, message } = r as { status: number; reason: string; message: string };
      return { status, reason, message };
    };
    expect(outward(expiredAnswer)).toEqual(outward(revokedAnswer));
    expect(verifier.metrics().refusedByCause).toMatchObject({ expired: 1, revoked: 1 });
    expect(refusals.map((e) => e.cause)).toEqual(['expired', 'revoked']);
  });

  it('accepts a key until its expiry plus the tolerance, through the cache and its synchronous fast path, and refuses it from then on without a new lookup', async () => {
    const { verifier, store, issue, clock } = await setUp();
    const { key, expiresAt } = await issue(10_000);
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: true });
    expect(verifier.verifyCached(key, 'POST')).toMatchObject({ allowed: true });
    await clock.advance(expiresAt + TOLERANCE - 1 - clock.now());
    expect(verifier.verifyCached(key, 'GET')).toMatchObject({ allowed: true });
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: true });
    await clock.advance(1);
    expect(verifier.verifyCached(key, 'GET')).toBeUndefined();
    expect(verifier.verifyCached(key, 'POST')).toBeUndefined();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'expired' });
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'expired' });
    expect(store.calls.findByHash).toBe(1);
  });

  it('with a tolerance of 0, the expiry instant itself is refused', async () => {
    const { verifier, issue, clock } = await setUp({ expiryToleranceMs: 0 });
    const { key } = await issue(5_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await clock.advance(4_999);
    expect(verifier.verifyCached(key, 'GET')).toMatchObject({ allowed: true });
    await clock.advance(1);
    expect(verifier.verifyCached(key, 'GET')).toBeUndefined();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, cause: 'expired' });
  });

  it('a cached key served during a SharePoint outage still stops at its expiry', async () => {
    const { verifier, store, issue, clock } = await setUp({ expiryToleranceMs: 0, outageGraceMs: 60_000 });
    const { key } = await issue(20_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    store.failure = new Error('SharePoint is down');
    await clock.advance(10_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    expect(verifier.stats().servedDuringOutage).toBeGreaterThan(0);
    await clock.advance(10_000);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'expired' });
  });

  it('a key without an expiry is unaffected by time', async () => {
    const { verifier, issue, clock } = await setUp();
    const { key } = await issue(undefined);
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await clock.advance(299_000);
    expect(verifier.verifyCached(key, 'GET')).toMatchObject({ allowed: true });
  });

  it.each([-1, NaN, Infinity])('refuses expiryToleranceMs %p', (value) => {
    const store = new FakeKeyStore();
    expect(() => new KeyVerifier({ store, expiryToleranceMs: value })).toThrow(/expiryToleranceMs/);
  });
});
