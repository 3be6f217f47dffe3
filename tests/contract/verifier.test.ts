/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The verifier against the emulator over HTTP, with the production SharePointKeyStore on both sides:
// an admin creates and revokes keys, the app principal (Sites.Selected, read) verifies them.
// (The explicit jest 29 node environment gives the test context Node's fetch and Web Crypto, which
// PnPjs and the core need; the hoisted default is jest-environment-node 25.)
import { NotProvisionedError } from '../../src/core';
import { DEFAULT_LIST_TITLE, SharePointKeyStore } from '../../src/data';
import { createSharePointVerifier, KeyVerifier } from '../../src/verifier';
import type { KeyVerifierOptions, VerifyResult } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';

jest.setTimeout(60_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function storeFor(emulator: Emulator, token: string): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, { retries: 3, interval: 50 }), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
}

/** Verifies every `everyMs` until `done` says so or `limitMs` passes; returns the last result and the time taken. */
async function verifyUntil(
  verifier: KeyVerifier,
  key: string,
  done: (result: VerifyResult) => boolean,
  limitMs: number,
  everyMs: number = 20
): Promise<{ result: VerifyResult; elapsedMs: number }> {
  const started = Date.now();
  for (;;) {
    const result = await verifier.verify(key, 'GET');
    const elapsedMs = Date.now() - started;
    if (done(result) || elapsedMs > limitMs) {
      return { result, elapsedMs };
    }
    await sleep(everyMs);
  }
}

describe('KeyVerifier against the emulator', () => {
  let emulator: Emulator;
  let admin: SharePointKeyStore;
  const verifiers: KeyVerifier[] = [];

  function newVerifier(options: Partial<KeyVerifierOptions> = {}): KeyVerifier {
    const store = storeFor(emulator, 'app-verifier');
    const verifier = new KeyVerifier({ store, changes: store, ...options });
    verifiers.push(verifier);
    return verifier;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = storeFor(emulator, 'admin-adele');
    await admin.ensureProvisioned();
  });

  afterEach(async () => {
    emulator.faults.clear();
    await Promise.all(verifiers.splice(0).map((v) => v.stop()));
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('allows a Read Only key to GET and refuses its POST; allows a Full Control key both', async () => {
    const verifier = newVerifier();
    await verifier.start();
    const readOnly = await admin.createKey('Power BI report', 'ReadOnly');
    const fullControl = await admin.createKey('Nightly sync', 'FullControl');
    await expect(verifier.verify(readOnly.key, 'GET')).resolves.toEqual({
      allowed: true,
      keyId: readOnly.record.id,
      name: 'Power BI report',
      permission: 'ReadOnly',
      tail: readOnly.record.tail
    });
    await expect(verifier.verify(readOnly.key, 'POST')).resolves.toMatchObject({ allowed: false, status: 403, reason: 'read-only-key' });
    await expect(verifier.verify(fullControl.key, 'GET')).resolves.toMatchObject({ allowed: true, permission: 'FullControl' });
    await expect(verifier.verify(fullControl.key, 'DELETE')).resolves.toMatchObject({ allowed: true, permission: 'FullControl' });
  });

  it('is what createSharePointVerifier builds from a PnPjs root', async () => {
    const verifier = createSharePointVerifier({ siteUrl: emulator.siteUrl, sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'), adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
    verifiers.push(verifier);
    await verifier.start();
    const { key, record } = await admin.createKey('Wired', 'ReadOnly');
    await expect(verifier.verify(key, 'HEAD')).resolves.toMatchObject({ allowed: true, keyId: record.id });
    expect(() => createSharePointVerifier({ siteUrl: emulator.siteUrl })).toThrow(TypeError);
  });

  it('never asks the store about malformed keys', async () => {
    const verifier = newVerifier();
    await verifier.start();
    const { key } = await admin.createKey('Typo target', 'FullControl');
    const before = emulator.requests.length;
    // Two neighbouring characters swapped, where they differ (a swap of equal ones is the key itself).
    let at = 10;
    while (key[at] === key[at + 1]) at++;
    const swapped = `${key.slice(0, at)}${key[at + 1]}${key[at]}${key.slice(at + 2)}`;
    const typos = [key.slice(0, -1), `${key} `, key.replace('akm_', 'akm-'), swapped];
    for (const typo of typos) {
      await expect(verifier.verify(typo, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, reason: 'malformed' });
    }
    const itemReads = emulator.requests.slice(before).filter((r) => /\/items/i.test(r.path));
    expect(itemReads).toEqual([]);
  });

  it('refuses a revoked key within 5 s on every verifier', async () => {
    const fleet = [newVerifier(), newVerifier(), newVerifier()];
    await Promise.all(fleet.map((v) => v.start()));
    const { key, record } = await admin.createKey('Revocation probe', 'FullControl');
    for (const verifier of fleet) {
      await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    }
    const revokedAt = Date.now();
    await admin.revokeKey(record.id, record.etag);
    const writeMs = Date.now() - revokedAt;
    const measured = await Promise.all(fleet.map((v) => verifyUntil(v, key, (r) => !r.allowed, 10_000)));
    const worst = Math.max(...measured.map((m) => m.elapsedMs)) + writeMs;
    console.log(`verifier contract: revocation refused by all 3 verifiers after ${worst} ms (revoke write ${writeMs} ms; each: ${measured.map((m) => m.elapsedMs + writeMs).join(', ')} ms)`);
    for (const { result } of measured) {
      expect(result).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'revoked', keyId: record.id });
    }
    expect(worst).toBeLessThanOrEqual(5_000);
  });

  it('keeps a cached key working during a store outage within the grace, refuses unknown keys with 503, then refuses all with 503', async () => {
    const graceMs = 2_000;
    const verifier = newVerifier({ outageGraceMs: graceMs, storeTimeoutMs: 1_500, positiveTtlMs: 60_000 });
    await verifier.start();
    const { key } = await admin.createKey('Outage probe', 'ReadOnly');
    // Let the poll that reports the creation evict and the next verify cache the record again.
    await verifyUntil(verifier, key, () => false, 1_500);
    const unknown = await admin.createKey('Never verified', 'FullControl');
    await verifyUntil(verifier, key, () => false, 1_200);
    emulator.faults.set({ status: 503 });
    const outageStarted = Date.now();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await expect(verifier.verify(key, 'POST')).resolves.toMatchObject({ allowed: false, status: 403 });
    const unknownDuringOutage = await verifier.verify(unknown.key, 'GET');
    expect(unknownDuringOutage).toMatchObject({ allowed: false, status: 503, reason: 'unavailable', retryAfterSeconds: 5 });
    const { result, elapsedMs } = await verifyUntil(verifier, key, (r) => !r.allowed, graceMs + 4_000, 50);
    expect(result).toMatchObject({ allowed: false, status: 503, reason: 'unavailable' });
    const refusedAfter = Date.now() - outageStarted;
    console.log(`verifier contract: cached key honoured for ${refusedAfter} ms of outage (grace ${graceMs} ms counted from the last good poll), then 503`);
    expect(elapsedMs).toBeGreaterThan(0);
    expect(refusedAfter).toBeLessThanOrEqual(graceMs + 2_500);
    emulator.faults.clear();
    const recovered = await verifyUntil(verifier, key, (r) => r.allowed, 5_000);
    expect(recovered.result).toMatchObject({ allowed: true });
  });
});

describe('KeyVerifier and a list that inherits permissions', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeFor(emulator, 'admin-adele').ensureProvisioned();
  });

  afterAll(async () => {
    await emulator.close();
  });

  async function resetInheritance(): Promise<void> {
    const response = await fetch(`${emulator.siteUrl}/_api/web/lists/getbytitle('${encodeURIComponent(DEFAULT_LIST_TITLE)}')/resetroleinheritance`, {
      method: 'POST',
      headers: { Authorization: 'Bearer admin-adele', Accept: 'application/json' }
    });
    expect(response.status).toBe(200);
  }

  it('stops trusting a running verifier once inheritance is restored, and start() refuses the list', async () => {
    const store = storeFor(emulator, 'app-verifier');
    const running = new KeyVerifier({ store, changes: store, provisioningCheckIntervalMs: 300 });
    await running.start();
    const { key } = await storeFor(emulator, 'admin-adele').createKey('Before the reset', 'FullControl');
    await expect(running.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    await resetInheritance();
    try {
      const { result } = await verifyUntil(running, key, (r) => !r.allowed, 3_000);
      expect(result).toMatchObject({ allowed: false, status: 503, cause: 'untrusted-list' });
      const fresh = new KeyVerifier({ store, changes: store });
      const started = fresh.start();
      await expect(started).rejects.toBeInstanceOf(NotProvisionedError);
      await expect(started).rejects.toMatchObject({ reason: 'inherited-permissions' });
      await expect(fresh.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 503, cause: 'not-started' });
    } finally {
      await running.stop();
    }
  });
});
