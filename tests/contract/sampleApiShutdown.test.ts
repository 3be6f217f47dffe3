/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The standalone sample API (`npx tsx workbench/sample-api/index.ts`) on Ctrl+C or SIGTERM: it stops its verifier
// before exiting, so a use noted inside the key's window (written only when the window ends) reaches the usage list.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import '../../src/verifier/testing/webCrypto';
import { generateKey } from '../../src/core';
import { SharePointKeyUsageReader } from '../../src/data/SharePointKeyUsageReader';
import { USAGE_LIST_TITLE } from '../../src/data/keyUsageSchema';
import { startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { killSampleApi, startSampleApiProcess } from './sampleApiProcess';
import type { SampleApiProcess } from './sampleApiProcess';

jest.setTimeout(90_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: Emulator;
let child: ChildProcess | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'empty' });
  emulator.state.provisionList();
  emulator.state.provisionUsageList();
});
afterEach(async () => {
  if (child !== undefined) await killSampleApi(child);
  await emulator.close();
});

async function startApi(): Promise<SampleApiProcess> {
  const started = await startSampleApiProcess({ AKM_SITE_URL: emulator.siteUrl, AKM_REDIS_URL: '' });
  child = started.child;
  return started;
}

async function lastUsedOf(keyId: number): Promise<Date | undefined> {
  const snapshot = await new SharePointKeyUsageReader(nodeSharePoint(emulator.siteUrl, 'admin-adele')).readAll();
  return snapshot.lastUsed.get(keyId);
}

function usageWrites(): number {
  const listId = emulator.state.list(USAGE_LIST_TITLE)!.id;
  return emulator.requests.filter((r) => r.path.toLowerCase().includes(`/lists/${listId}/items`) && (r.method === 'POST' || r.method === 'PATCH') && r.status < 400).length;
}

test.each(['SIGTERM', 'SIGINT'] as const)('on %s the API writes the last use still inside its window, then exits 0', async (signal) => {
  const { key } = await generateKey();
  const item = emulator.state.insertKey({ name: 'Used before shutdown', hash: sha256(key), tail: key.slice(-12), permission: 'ReadOnly', author: emulator.users.adele });
  const api = await startApi();
  const get = async (): Promise<number> => {
    const response = await fetch(`${api.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } });
    await response.text();
    return response.status;
  };
  expect(await get()).toBe(200);
  // The first use after a quiet period is written at the next tick (1 s); the window (5 minutes) then starts.
  for (let i = 0; i < 100 && usageWrites() === 0; i++) await sleep(50);
  expect(usageWrites()).toBe(1);
  const first = (await lastUsedOf(item.id))!;
  // A later use, seconds after: only the window's end (or stop()) would write it. SharePoint keeps seconds.
  await sleep(2_200);
  expect(await get()).toBe(200);
  const usedAt = Date.now();
  await sleep(1_100);
  expect(usageWrites()).toBe(1);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => api.child.once('exit', (code, sig) => resolve({ code, signal: sig })));
  api.child.kill(signal);
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(usageWrites()).toBe(2);
  const written = (await lastUsedOf(item.id))!;
  expect(written.getTime()).toBeGreaterThan(first.getTime());
  // Dated by the flush tick before the use (up to 1 s early), kept to the second.
  expect(Math.abs(written.getTime() - usedAt)).toBeLessThan(2_100);
});
