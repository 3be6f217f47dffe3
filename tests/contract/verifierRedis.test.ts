/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Many instances, one SharePoint load (issue 9, point 4): three sample-API processes share one real
// redis-server and read the emulator as the app. One holds the lease and reads the change log for all;
// a revoked key is refused by all three within the documented bound (maxStalenessMs, 5 s), also after the
// lease holder is killed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { SharePointKeyStore } from '../../src/data';
import { createRedisSharing, createSharePointVerifier } from '../../src/verifier';
import type { VerifyResult } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { startRedisServer } from './redisServer';
import type { RedisServer } from './redisServer';

jest.setTimeout(120_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

interface Instance {
  url: string;
  child: ChildProcess;
}

const BOUND_MS = 5_000;
/** The test's own loop: one request to each instance every 50 ms, each a loopback round trip. */
const MEASUREMENT_SLACK_MS = 500;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: Emulator;
let redis: RedisServer;
let admin: SharePointKeyStore;
const instances: Instance[] = [];

function startInstance(): Promise<Instance> {
  // tsx as a loader in this very process (not its CLI, which runs the script in a grandchild that a kill would orphan).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../workbench/sample-api/index.ts')], {
    cwd: path.join(__dirname, '../..'),
    env: { ...process.env, AKM_SITE_URL: emulator.siteUrl, AKM_REDIS_URL: redis.url, AKM_PORT: '0', AKM_READY_LINE: '1' },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sample API did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({ url: (JSON.parse(line) as { url: string }).url, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample API exited with ${String(code)}: ${out}`));
    });
  });
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

/** Milliseconds until every instance answers 401 for `key` (or undefined past `limitMs`). */
async function refusedByAll(fleet: Instance[], key: string, limitMs: number): Promise<number[]> {
  const started = Date.now();
  return Promise.all(
    fleet.map(async (instance) => {
      for (;;) {
        const elapsed = Date.now() - started;
        if ((await status(instance, key)) === 401) return elapsed;
        if (elapsed > limitMs) return Number.POSITIVE_INFINITY;
        await sleep(50);
      }
    })
  );
}

beforeAll(async () => {
  redis = await startRedisServer();
  emulator = await startEmulator({ port: 0 });
  admin = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'), {});
  await admin.ensureProvisioned();
  instances.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])));
});

afterAll(async () => {
  await Promise.all(
    instances.map(({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return exited;
    })
  );
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
  const writeMs = Date.now() - revokeStarted;
  const refused = (await refusedByAll(instances, first.key, 15_000)).map((ms) => ms + writeMs);
  console.log(`verifier + Redis: revoked key refused by the 3 instances after ${refused.join(', ')} ms`);
  for (const ms of refused) expect(ms).toBeLessThanOrEqual(BOUND_MS + MEASUREMENT_SLACK_MS);

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
  const secondWriteMs = Date.now() - revokedAgain;
  const afterKill = (await refusedByAll(survivors, second.key, 15_000)).map((ms) => ms + secondWriteMs);
  console.log(`verifier + Redis: after killing the lease holder, revoked key refused by the 2 survivors after ${afterKill.join(', ')} ms`);
  for (const ms of afterKill) expect(ms).toBeLessThanOrEqual(BOUND_MS + MEASUREMENT_SLACK_MS);

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
    while (result.allowed && Date.now() - revokedAt < 10_000) {
      await sleep(50);
      result = await verifier.verify(key, 'GET');
    }
    expect(result).toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(BOUND_MS + MEASUREMENT_SLACK_MS);
    expect(verifier.metrics()).toMatchObject({ changeLogReader: true });
  } finally {
    await verifier.stop();
  }
});
