/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Many instances, one SharePoint load (issue 9, point 4): three sample-API processes share one real
// redis-server and read the emulator as the app. One holds the lease and reads the change log for all;
// a revoked key is refused by all three within the documented bound (maxStalenessMs, 5 s), also after the
// lease holder is killed.
import { SharePointKeyStore } from '../../src/data';
import { createRedisSharing, createSharePointVerifier } from '../../src/verifier';
import type { VerifyResult } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { startRedisServer } from './redisServer';
import { killSampleApi, startSampleApiProcess } from './sampleApiProcess';
import type { SampleApiProcess } from './sampleApiProcess';
import type { RedisServer } from './redisServer';

jest.setTimeout(120_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

type Instance = SampleApiProcess;

/**
 * The documented guarantee (docs/verifier.md, "The guarantee"), with the defaults: a cached valid key is honoured
 * without asking SharePoint only while the change log, or the key's own lookup, was read within maxStalenessMs (5 s).
 * So no request that reaches a verifier more than 5 s after the revocation landed is allowed, whoever holds the lease
 * (a dead holder's lease runs out after leaseMs, 5 s, and a survivor's next poll, 1 s later, takes over; the
 * staleness check refuses sooner). Measured from the start of the revoking call (the revocation lands later): the
 * start of the last request still allowed. The refusal itself is answered after one lookup, which the verifier aborts
 * after storeTimeoutMs (3 s); the answer is bounded by the sum.
 *
 * Why the measurement sat at 4,965-4,990 ms: each survivor looked the key up (its first 200) some 20-40 ms before the
 * revocation, and that lookup proves the key fresh for 5 s. The first refusal's arrival is 5 s after that lookup, plus
 * the refusing lookup and one turn of this loop: over 5.5 s as soon as those take 500 ms under CI load, while the
 * guarantee still held.
 */
const MAX_STALENESS_MS = 5_000;
const STORE_TIMEOUT_MS = 3_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: Emulator;
let redis: RedisServer;
let admin: SharePointKeyStore;
const instances: Instance[] = [];

function startInstance(): Promise<Instance> {
  return startSampleApiProcess({ AKM_SITE_URL: emulator.siteUrl, AKM_REDIS_URL: redis.url });
}

async function status(instance: Instance, key: string): Promise<number> {
  const response = await fetch(`${instance.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } });
  await response.text();
  return response.status;
}

async function isReader(instance: Instance): Promise<boolean> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return /^akm_verifier_change_log_reader 1$/m.test(text);
}

interface Refusal {
  /** When the last request this instance allowed was sent, ms after `since` (-1: none). */
  lastAllowedSent: number;
  /** When its first 401 arrived, ms after `since` (Infinity: none within the limit). */
  refusedAt: number;
}

/** Asks every instance for `key` every 50 ms until each answers 401 (or `limitMs` passes); times from `since`. */
async function refusedByAll(fleet: Instance[], key: string, since: number, limitMs: number): Promise<Refusal[]> {
  return Promise.all(
    fleet.map(async (instance) => {
      let lastAllowedSent = -1;
      for (;;) {
        const sent = Date.now() - since;
        const answer = await status(instance, key);
        if (answer === 401) return { lastAllowedSent, refusedAt: Date.now() - since };
        if (answer === 200) lastAllowedSent = sent;
        if (sent > limitMs) return { lastAllowedSent, refusedAt: Number.POSITIVE_INFINITY };
        await sleep(50);
      }
    })
  );
}

function expectWithinGuarantee(refusals: Refusal[]): void {
  for (const { lastAllowedSent, refusedAt } of refusals) {
    expect(lastAllowedSent).toBeLessThanOrEqual(MAX_STALENESS_MS);
    expect(refusedAt).toBeLessThanOrEqual(MAX_STALENESS_MS + STORE_TIMEOUT_MS);
  }
}

const shown = (refusals: Refusal[]): string => refusals.map((r) => `${r.refusedAt} (last allowed sent at ${r.lastAllowedSent})`).join(', ');

beforeAll(async () => {
  redis = await startRedisServer();
  emulator = await startEmulator({ port: 0 });
  admin = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'), {});
  await admin.ensureProvisioned();
  instances.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])));
});

afterAll(async () => {
  await Promise.all(instances.map(({ child }) => killSampleApi(child)));
  await emulator?.close();
  await redis?.stop();
});

it('one instance reads the change log for all three; a revoked key is refused by all within the bound, also after the lease holder is killed', async () => {
  let readers: Instance[] = [];
  for (let i = 0; i < 50 && readers.length !== 1; i++) {
    await sleep(200);
    const flags = await Promise.all(instances.map(isReader));
    readers = instances.filter((_, at) => flags[at]);
  }
  expect(readers).toHaveLength(1);

  // One SharePoint load: over 3 s, about 3 change-log reads in all, not 9.
  const from = emulator.requests.length;
  await sleep(3_000);
  const polls = emulator.requests.slice(from).filter((r) => r.user === 'app-verifier' && /getchanges/i.test(r.path)).length;
  console.log(`verifier + Redis: ${polls} change-log reads in 3 s by 3 instances`);
  expect(polls).toBeLessThanOrEqual(5);

  const first = await admin.createKey('Shared revocation probe', 'FullControl');
  for (const instance of instances) {
    await expect(status(instance, first.key)).resolves.toBe(200);
  }
  const revokeStarted = Date.now();
  await admin.revokeKey(first.record.id, first.record.etag);
  const refused = await refusedByAll(instances, first.key, revokeStarted, 15_000);
  console.log(`verifier + Redis: revoked key refused by the 3 instances after ${shown(refused)} ms`);
  expectWithinGuarantee(refused);

  const [holder] = readers;
  const survivors = instances.filter((i) => i !== holder);
  const second = await admin.createKey('After the lease holder died', 'ReadOnly');
  for (const instance of survivors) {
    await expect(status(instance, second.key)).resolves.toBe(200);
  }
  holder.child.kill('SIGKILL');
  await new Promise((resolve) => holder.child.once('exit', resolve));
  const revokedAgain = Date.now();
  await admin.revokeKey(second.record.id, second.record.etag);
  const afterKill = await refusedByAll(survivors, second.key, revokedAgain, 15_000);
  console.log(`verifier + Redis: after killing the lease holder, revoked key refused by the 2 survivors after ${shown(afterKill)} ms`);
  expectWithinGuarantee(afterKill);

  // A survivor takes the lease over.
  let takenOver = false;
  for (let i = 0; i < 50 && !takenOver; i++) {
    await sleep(200);
    takenOver = (await Promise.all(survivors.map(isReader))).filter(Boolean).length === 1;
  }
  expect(takenOver).toBe(true);
});

it('without a reachable Redis, a verifier configured for it reads the change log itself and still refuses a revoked key within the bound', async () => {
  // A port nothing listens on: every Redis call fails fast, nothing is allowed because of it.
  const dead = createRedisSharing({ url: 'redis://127.0.0.1:9', commandTimeoutMs: 200 });
  const verifier = createSharePointVerifier({ siteUrl: emulator.siteUrl, sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'), adminPrincipal: EMULATED_ADMIN_PRINCIPAL, sharing: dead });
  await verifier.start();
  try {
    const { key, record } = await admin.createKey('Redis is down', 'FullControl');
    let result: VerifyResult = await verifier.verify(key, 'GET');
    for (let i = 0; i < 40 && !result.allowed; i++) {
      await sleep(50);
      result = await verifier.verify(key, 'GET');
    }
    expect(result).toMatchObject({ allowed: true });
    const revokedAt = Date.now();
    await admin.revokeKey(record.id, record.etag);
    let lastAllowedAsked = -1;
    while (result.allowed && Date.now() - revokedAt < 10_000) {
      await sleep(50);
      const asked = Date.now() - revokedAt;
      result = await verifier.verify(key, 'GET');
      if (result.allowed) lastAllowedAsked = asked;
    }
    expect(result).toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
    expect(lastAllowedAsked).toBeLessThanOrEqual(MAX_STALENESS_MS);
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(MAX_STALENESS_MS + STORE_TIMEOUT_MS);
    expect(verifier.metrics()).toMatchObject({ changeLogReader: true });
  } finally {
    await verifier.stop();
  }
});
