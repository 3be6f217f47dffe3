/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The verifier's attack bounds over HTTP, with the emulator's fault injection and the production wiring
// (createSharePointVerifier: VerifierFetch, abort signals, ThrottledError from PnPjs's answers). The same
// scenarios run on a fake clock in src/verifier/underAttack.test.ts.
import { generateKey } from '../../src/core';
import { SharePointKeyStore } from '../../src/data';
import { createSharePointVerifier } from '../../src/verifier';
import type { KeyVerifier, KeyVerifierOptions, VerifyResult } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';

jest.setTimeout(60_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let admin: SharePointKeyStore;
const verifiers: KeyVerifier[] = [];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function newVerifier(options: Partial<KeyVerifierOptions> = {}): KeyVerifier {
  const verifier = createSharePointVerifier({ siteUrl: emulator.siteUrl, sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'), adminPrincipal: EMULATED_ADMIN_PRINCIPAL, ...options });
  verifiers.push(verifier);
  return verifier;
}

const appRequests = (from: number) => emulator.requests.slice(from).filter((r) => r.user === 'app-verifier');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'), {});
  await admin.ensureProvisioned();
});

afterEach(async () => {
  emulator.faults.clear();
  await Promise.all(verifiers.splice(0).map((v) => v.stop()));
});

afterAll(async () => {
  await emulator.close();
});

it('aborts a lookup that outlasts storeTimeoutMs and sends it only once (no retry behind the caller)', async () => {
  const verifier = newVerifier({ storeTimeoutMs: 300 });
  await verifier.start();
  const { key } = await generateKey();
  emulator.faults.latency(2_000);
  const from = emulator.requests.length;
  await expect(verifier.verify(key, 'GET', { client: '192.0.2.1' })).resolves.toMatchObject({ allowed: false, status: 503, cause: 'store-unreachable' });
  emulator.faults.clear();
  await sleep(2_500);
  const lookups = appRequests(from).filter((r) => /\/items/i.test(r.path));
  expect(lookups).toHaveLength(1);
});

it('throttled app + revoke: honours Retry-After, honours the cached key at most outageGraceMs, then 503, then 401', async () => {
  const graceMs = 2_000;
  // A cached key is trusted for max(outageGraceMs, maxStalenessMs) after the last good read: the grace is tested here.
  const verifier = newVerifier({ outageGraceMs: graceMs, maxStalenessMs: 1_000, changePollIntervalMs: 200 });
  await verifier.start();
  const { key, record } = await admin.createKey('Throttled revocation probe', 'FullControl');
  let first: VerifyResult = await verifier.verify(key, 'GET');
  for (let i = 0; i < 40 && !first.allowed; i++) {
    await sleep(50);
    first = await verifier.verify(key, 'GET');
  }
  expect(first).toMatchObject({ allowed: true });
  await sleep(400);
  await verifier.verify(key, 'GET');
  emulator.faults.set({ status: 429, retryAfterSeconds: 2, match: { pathIncludes: '/_api/' } });
  const throttledAt = Date.now();
  const from = emulator.requests.length;
  // The page could not write while the whole site throttles: the revocation lands as another writer's update would.
  emulator.state.updateItem(record.id, { Status: 'Revoked' });
  const seen: Array<{ at: number; result: VerifyResult }> = [];
  while (Date.now() - throttledAt < 6_000) {
    seen.push({ at: Date.now() - throttledAt, result: await verifier.verify(key, 'GET', { client: '192.0.2.2' }) });
    await sleep(50);
  }
  const allowedAfter = seen.filter((s) => s.result.allowed).map((s) => s.at);
  console.log(`verifier contract: throttled app: cached key honoured until ${Math.max(0, ...allowedAfter)} ms (grace ${graceMs} ms from the last good read), then ${seen[seen.length - 1].result.allowed ? 'allowed' : (seen[seen.length - 1].result as { cause: string }).cause}`);
  expect(Math.max(0, ...allowedAfter)).toBeLessThanOrEqual(graceMs + 500);
  expect(seen.filter((s) => s.at > graceMs + 500).every((s) => !s.result.allowed && s.result.status === 503)).toBe(true);
  // Retry-After 2 s for polls and lookups: a few requests in 6 s, not 5 polls a second plus one per verification.
  const sent = appRequests(from).length;
  console.log(`verifier contract: ${sent} requests sent to a throttled SharePoint in 6 s`);
  expect(sent).toBeLessThanOrEqual(10);
  emulator.faults.clear();
  let after: VerifyResult = await verifier.verify(key, 'GET');
  for (let i = 0; i < 100 && (after.allowed || after.status !== 401); i++) {
    await sleep(50);
    after = await verifier.verify(key, 'GET');
  }
  expect(after).toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
});

it('flood + revoke over HTTP: lookups stay within lookupRate, the poll keeps running, the revoked key is refused within the bound', async () => {
  const verifier = newVerifier({ lookupRate: { limit: 20, perMs: 1_000 }, refusalLimit: { limit: 1e6, perMs: 60_000 } });
  await verifier.start();
  const { key, record } = await admin.createKey('Flood revocation probe', 'FullControl');
  await sleep(1_200);
  await expect(verifier.verify(key, 'DELETE')).resolves.toMatchObject({ allowed: true });
  const from = emulator.requests.length;
  const started = Date.now();
  let stop = false;
  let attacker = 0;
  const floodResults: Promise<VerifyResult>[] = [];
  const madeUp = await Promise.all(Array.from({ length: 500 }, async () => (await generateKey()).key));
  const flood = (async () => {
    // 100 made-up keys every 10 ms, without waiting for the answers: what an attacker's load generator does.
    while (!stop) {
      for (let i = 0; i < 100; i++) {
        floodResults.push(verifier.verify(madeUp[attacker % madeUp.length].replace(/^akm_/, 'akm_'), 'GET', { client: `198.51.100.${attacker++ % 250}` }));
      }
      await sleep(10);
    }
  })();
  await sleep(1_000);
  const revokedAt = Date.now();
  await admin.revokeKey(record.id, record.etag);
  let refusedAfter = Number.POSITIVE_INFINITY;
  while (Date.now() - revokedAt < 10_000) {
    const result = await verifier.verify(key, 'DELETE');
    if (!result.allowed) {
      refusedAfter = Date.now() - revokedAt;
      break;
    }
    await sleep(50);
  }
  stop = true;
  await flood;
  const answered = await Promise.all(floodResults);
  const seconds = (Date.now() - started) / 1000;
  const sent = appRequests(from);
  const lookups = sent.filter((r) => /\/items/i.test(r.path)).length;
  const polls = sent.filter((r) => /getchanges/i.test(r.path)).length;
  console.log(
    `verifier contract: flood of ${answered.length} requests with made-up keys in ${seconds.toFixed(1)} s: ${lookups} lookups, ${polls} change-log reads, revoked key refused after ${refusedAfter} ms`
  );
  expect(answered.some((r) => r.allowed)).toBe(false);
  expect(lookups).toBeLessThanOrEqual(20 + 20 * Math.ceil(seconds) + 5);
  expect(polls).toBeGreaterThanOrEqual(Math.floor(seconds) - 2);
  expect(refusedAfter).toBeLessThanOrEqual(5_000);
});
