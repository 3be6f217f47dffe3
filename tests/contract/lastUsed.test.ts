// Last used against the emulator over HTTP: the verifier's writes to the usage list (Microsoft Graph, list-level
// app grant), what the app may and may not write, and the page's read of last-used beside the keys.
import '../../src/verifier/testing/webCrypto';
import { createHash } from 'node:crypto';
import { generateKey } from '../../src/core';
import { SharePointKeyStore } from '../../src/data';
import { GraphKeyUsageWriter, locateUsageList } from '../../src/data/GraphKeyUsageWriter';
import { SharePointKeyUsageReader } from '../../src/data/SharePointKeyUsageReader';
import { USAGE_LIST_TITLE } from '../../src/data/keyUsageSchema';
import { createSharePointVerifier } from '../../src/verifier';
import type { VerifierLogger } from '../../src/verifier';
import { FakeClock } from '../../src/verifier/testing/FakeClock';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import type { NodeSharePointOptions } from '../../workbench/emulator/sharePointClient';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
const WINDOW = 5 * 60_000;

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'empty' });
  emulator.state.provisionList();
  emulator.state.provisionUsageList();
});
afterEach(async () => {
  await emulator.close();
});

function usageWrites(): { method: string; path: string; user: string | undefined; status: number }[] {
  const listId = emulator.state.list(USAGE_LIST_TITLE)!.id;
  return emulator.requests.filter((r) => r.path.toLowerCase().includes(`/lists/${listId}/items`) && (r.method === 'POST' || r.method === 'PATCH') && r.status < 400);
}

async function graph(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${emulator.graphUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

async function verifierFor(clock: FakeClock, options: { retries?: NodeSharePointOptions; logger?: VerifierLogger } = {}) {
  const app = nodeSharePoint(emulator.siteUrl, 'app-verifier', options.retries ?? { retries: 3, interval: 20 });
  return createSharePointVerifier({
    siteUrl: emulator.siteUrl,
    sp: app,
    adminPrincipal: EMULATED_ADMIN_PRINCIPAL,
    clock,
    provisioningCheckIntervalMs: 0,
    changePollIntervalMs: 60_000,
    ...(options.logger ? { logger: options.logger } : {}),
    recordLastUsed: { graphUrl: emulator.graphUrl, token: async () => 'app-verifier', windowMs: WINDOW, flushIntervalMs: 1_000 }
  });
}

/** The fake clock drives the ticks; real HTTP needs the event loop to turn. */
async function tick(clock: FakeClock, ms: number): Promise<void> {
  await clock.advance(ms);
  for (let i = 0; i < 20 && emulator.requests.length >= 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('last-used writes are batched: N uses in a window make one write to the usage list', async () => {
  const { key } = await generateKey();
  const item = emulator.state.insertKey({ name: 'Batched', hash: sha256(key), tail: key.slice(-12), permission: 'FullControl', author: emulator.users.adele });
  const clock = new FakeClock(Date.now());
  const verifier = await verifierFor(clock);
  await verifier.start();
  emulator.requests.length = 0;
  for (let i = 0; i < 500; i++) {
    expect((await verifier.verify(key, 'GET')).allowed).toBe(true);
  }
  await tick(clock, 1_000);
  expect(usageWrites()).toHaveLength(1);
  for (let i = 0; i < 500; i++) {
    await verifier.verify(key, 'GET');
    if (i % 50 === 0) await tick(clock, 1_000);
  }
  expect(usageWrites()).toHaveLength(1);
  const lastSeen = clock.now();
  await tick(clock, WINDOW);
  expect(usageWrites()).toHaveLength(2);
  expect(usageWrites().every((w) => w.user === 'app-verifier')).toBe(true);
  await verifier.stop();
  // The page reads it back, beside the key.
  const snapshot = await new SharePointKeyUsageReader(nodeSharePoint(emulator.siteUrl, 'admin-adele')).readAll();
  expect(snapshot.state).toBe('ok');
  // Dated by its flush tick (up to 1 s early), kept to the second by SharePoint.
  expect(Math.abs(snapshot.lastUsed.get(item.id)!.getTime() - lastSeen)).toBeLessThan(2_000);
}, 30_000);

test('the page store reads lastUsed in the same listing, and a missing usage list leaves the keys as they are', async () => {
  const { key } = await generateKey();
  const used = emulator.state.insertKey({ name: 'Used', hash: sha256(key), tail: key.slice(-12), permission: 'ReadOnly', author: emulator.users.adele });
  const never = emulator.state.insertKey({ name: 'Never', hash: 'ab'.repeat(32), tail: 'abcdefabcdef', permission: 'ReadOnly', author: emulator.users.adele });
  const at = new Date('2026-11-02T10:00:00Z');
  emulator.state.setLastUsed(used.id, String(used.values.KeyTail), at);
  const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele');
  const store = new SharePointKeyStore(sp, { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, usage: new SharePointKeyUsageReader(sp) });
  const records = await store.listKeys();
  expect(records.find((r) => r.id === used.id)!.lastUsed).toEqual(at);
  expect(records.find((r) => r.id === never.id)!.lastUsed).toBeUndefined();
  expect(store.usageState()).toBe('ok');
  emulator.state.deleteList(USAGE_LIST_TITLE);
  const again = await store.listKeys();
  expect(again).toHaveLength(2);
  expect(again.every((r) => r.lastUsed === undefined)).toBe(true);
  expect(store.usageState()).toBe('missing');
});

test('app-verifier can write the usage list but not the key list, through Graph or SharePoint REST', async () => {
  const keyList = emulator.state.list()!;
  const usageList = emulator.state.list(USAGE_LIST_TITLE)!;
  const location = await locateUsageList(nodeSharePoint(emulator.siteUrl, 'app-verifier'));
  expect(location.listId).toBe(usageList.id);
  const writeOn = (listId: string): Promise<Response> => graph('POST', `/sites/${encodeURIComponent(location.siteId)}/lists/${listId}/items`, 'app-verifier', { fields: { Title: 'x', KeyId: 99, LastUsed: new Date().toISOString() } });
  expect((await writeOn(usageList.id)).status).toBe(201);
  const denied = await writeOn(keyList.id);
  expect(denied.status).toBe(403);
  expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('accessDenied');
  // SharePoint REST: Sites.Selected read, as before: the key list answers 403, and so does the usage list (the list
  // grant is Graph's scope, not carried by the SharePoint token).
  const app = nodeSharePoint(emulator.siteUrl, 'app-verifier', { retries: 1 });
  await expect(app.web.lists.getByTitle('API Keys').items.add({ Title: 'planted' })).rejects.toMatchObject({ status: 403 });
  await expect(app.web.lists.getByTitle(USAGE_LIST_TITLE).items.add({ Title: 'planted' })).rejects.toMatchObject({ status: 403 });
  // Nobody else writes the usage list through Graph: a site owner and a Global Administrator (delegated) get 403.
  for (const token of ['owner-megan', 'admin-adele']) {
    expect((await graph('POST', `/sites/${encodeURIComponent(location.siteId)}/lists/${usageList.id}/items`, token, { fields: { KeyId: 5 } })).status).toBe(403);
  }
});

test('a stale ETag is refused with 412 and the writer keeps the later time', async () => {
  const sp = nodeSharePoint(emulator.siteUrl, 'app-verifier');
  const writer = new GraphKeyUsageWriter({ graphUrl: emulator.graphUrl, token: async () => 'app-verifier', locate: () => locateUsageList(sp), sleep: async () => undefined });
  const other = new GraphKeyUsageWriter({ graphUrl: emulator.graphUrl, token: async () => 'app-verifier', locate: () => locateUsageList(sp), sleep: async () => undefined });
  const t = (m: number): Date => new Date(Date.UTC(2026, 10, 1, 12, m));
  expect(await writer.recordUse([{ keyId: 1, tail: 'aaaaaaaaaaaa', lastUsed: t(0) }])).toMatchObject({ written: 1 });
  expect(await other.recordUse([{ keyId: 1, tail: 'aaaaaaaaaaaa', lastUsed: t(10) }])).toMatchObject({ written: 1 });
  // `writer` still holds version 1's ETag: its PATCH gets 412, it re-reads and sees 12:10 is later than 12:05.
  expect(await writer.recordUse([{ keyId: 1, tail: 'aaaaaaaaaaaa', lastUsed: t(5) }])).toMatchObject({ written: 0, skipped: 1 });
  expect(emulator.requests.some((r) => r.status === 412)).toBe(true);
  expect(await writer.recordUse([{ keyId: 1, tail: 'aaaaaaaaaaaa', lastUsed: t(20) }])).toMatchObject({ written: 1 });
  const snapshot = await new SharePointKeyUsageReader(nodeSharePoint(emulator.siteUrl, 'admin-adele')).readAll();
  expect(snapshot.lastUsed.get(1)).toEqual(t(20));
});

test('the usage list as provisioned: hidden, unique permissions, nobody but the Global Administrator principal (read) in its role assignments', async () => {
  const admin = nodeSharePoint(emulator.siteUrl, 'admin-adele');
  const list = admin.web.lists.getByTitle(USAGE_LIST_TITLE);
  const settings = await list.select('Hidden', 'NoCrawl', 'HasUniqueRoleAssignments')<{ Hidden: boolean; NoCrawl: boolean; HasUniqueRoleAssignments: boolean }>();
  expect(settings).toMatchObject({ Hidden: true, NoCrawl: true, HasUniqueRoleAssignments: true });
  const assignments = await list.roleAssignments.expand('Member', 'RoleDefinitionBindings')<{ Member: { LoginName: string }; RoleDefinitionBindings: { Name: string }[] }[]>();
  expect(assignments.map((a) => [a.Member.LoginName, a.RoleDefinitionBindings.map((b) => b.Name)])).toEqual([[EMULATED_ADMIN_PRINCIPAL, ['Read']]]);
  // A site owner (not a Global Administrator) does not see it at all.
  await expect(nodeSharePoint(emulator.siteUrl, 'owner-megan', { retries: 1 }).web.lists.getByTitle(USAGE_LIST_TITLE).items()).rejects.toMatchObject({ status: 404 });
});

describe('set-up of the usage list (a Global Administrator runs "Set up the key list")', () => {
  const adminStore = (): SharePointKeyStore => new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });

  beforeEach(() => {
    emulator.state.deleteList(USAGE_LIST_TITLE);
    emulator.state.deleteList();
  });

  test('creates it beside the key list with the Global Administrator principal alone (Read), reports it, and is idempotent', async () => {
    const report = await adminStore().ensureProvisioned();
    const usage = emulator.state.list(USAGE_LIST_TITLE)!;
    expect(report.usage).toMatchObject({ listId: usage.id });
    expect(report.usage!.problem).toBeUndefined();
    expect(report.usage!.changes.join('\n')).toMatch(/Created the list 'API Key Usage'/);
    expect(usage).toMatchObject({ hidden: true, noCrawl: true, hasUniqueRoleAssignments: true });
    // The audit of who can write: nobody in its role assignments but the principal, at Read (the caller's Full Control removed).
    expect(usage.roleAssignments).toEqual([{ principalId: 7, roleDefId: 1073741826 }]);
    const keyId = usage.fields.find((f) => f.InternalName === 'KeyId')!;
    expect(keyId).toMatchObject({ TypeAsString: 'Number', Indexed: true, EnforceUniqueValues: true });
    expect(usage.fields.find((f) => f.InternalName === 'LastUsed')).toMatchObject({ TypeAsString: 'DateTime' });
    await expect(adminStore().checkUsageList()).resolves.toBeUndefined();
    emulator.requests.length = 0;
    const again = await adminStore().ensureProvisioned();
    expect(again.usage).toBeUndefined();
    expect(emulator.requests.filter((r) => r.method !== 'GET' && /API Key Usage/.test(r.path))).toEqual([]);
  });

  test('a member given Edit on it is reported by the audit and removed by set-up', async () => {
    await adminStore().ensureProvisioned();
    emulator.state.grantOnList(14, 1073741830, USAGE_LIST_TITLE);
    await expect(adminStore().checkUsageList()).resolves.toMatch(/Lee Gu.*can change 'API Key Usage'/);
    const report = await adminStore().ensureProvisioned();
    expect(report.usage!.changes.join('\n')).toMatch(/Removed Lee Gu/);
    await expect(adminStore().checkUsageList()).resolves.toBeUndefined();
  });

  test('a list someone else created under its title is never adopted: reported, the key list still set up', async () => {
    const usage = emulator.state.squatList(emulator.users.lee, { title: USAGE_LIST_TITLE, description: 'mine' });
    const report = await adminStore().ensureProvisioned();
    expect(report.listId).toBe(emulator.state.list()!.id);
    expect(report.usage!.problem).toMatch(/was not created by API Key Management's set-up/);
    expect(emulator.state.list(USAGE_LIST_TITLE)!.roleAssignments).toEqual(usage.roleAssignments);
  });

  test("the deployer's Graph grant: a Global Administrator grants the verifier's app write on the usage list; nobody else can", async () => {
    await adminStore().ensureProvisioned();
    const usage = emulator.state.list(USAGE_LIST_TITLE)!;
    const location = await locateUsageList(nodeSharePoint(emulator.siteUrl, 'admin-adele'));
    const grant = { roles: ['write'], grantedToV2: { application: { id: emulator.users.app.objectId, displayName: 'API key verifier' } } };
    const path = `/sites/${encodeURIComponent(location.siteId)}/lists/${usage.id}/permissions`;
    const writeItem = (): Promise<Response> => graph('POST', `/sites/${encodeURIComponent(location.siteId)}/lists/${usage.id}/items`, 'app-verifier', { fields: { Title: 't', KeyId: 1, LastUsed: new Date().toISOString() } });
    expect((await writeItem()).status).toBe(403);
    expect((await graph('POST', path, 'owner-megan', grant)).status).toBe(403);
    expect((await graph('POST', path, 'app-verifier', grant)).status).toBe(403);
    expect((await graph('POST', path, 'admin-adele', grant)).status).toBe(201);
    expect((await writeItem()).status).toBe(201);
    const listed = (await (await graph('GET', path, 'admin-adele')).json()) as { value: { roles: string[] }[] };
    expect(listed.value.map((p) => p.roles)).toEqual([['write']]);
  });
});

test('with the usage list missing the verifier keeps verifying keys and says so once', async () => {
  const { key } = await generateKey();
  emulator.state.insertKey({ name: 'Still works', hash: sha256(key), tail: key.slice(-12), permission: 'ReadOnly', author: emulator.users.adele });
  emulator.state.deleteList(USAGE_LIST_TITLE);
  const clock = new FakeClock(Date.now());
  const warnings: string[] = [];
  const verifier = await verifierFor(clock, { retries: { retries: 1 }, logger: { info: () => undefined, warn: (message) => warnings.push(message) } });
  await verifier.start();
  for (let round = 0; round < 3; round++) {
    expect((await verifier.verify(key, 'GET')).allowed).toBe(true);
    await tick(clock, WINDOW + 1_000);
  }
  expect(warnings.filter((w) => w.includes('usage list missing: run set-up in the page'))).toHaveLength(1);
  expect(verifier.metrics().lastUsedWriteFailures).toBeGreaterThan(0);
  await verifier.stop();
}, 30_000);

test('end to end: a key used against the sample API shows its last use in the page store within a flush tick', async () => {
  const { startSampleApi } = await import('../../workbench/sample-api');
  const { key } = await generateKey();
  const item = emulator.state.insertKey({ name: 'Sample', hash: sha256(key), tail: key.slice(-12), permission: 'ReadOnly', author: emulator.users.adele });
  const api = await startSampleApi({ port: 0, siteUrl: emulator.siteUrl, lastUsed: { flushIntervalMs: 50 }, retryStartMs: 50 });
  try {
    await api.ready;
    const before = Date.now();
    for (let i = 0; i < 20; i++) {
      expect((await fetch(`${api.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    }
    const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele');
    const store = new SharePointKeyStore(sp, { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, usage: new SharePointKeyUsageReader(sp) });
    let lastUsed: Date | undefined;
    for (let i = 0; i < 100 && lastUsed === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lastUsed = (await store.listKeys()).find((r) => r.id === item.id)!.lastUsed;
    }
    expect(lastUsed).toBeDefined();
    // SharePoint keeps dates to the second.
    expect(lastUsed!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(usageWrites()).toHaveLength(1);
  } finally {
    await api.close();
  }
}, 30_000);

test('a throttled write is retried after Retry-After; past the attempts it comes back as failed, never thrown', async () => {
  const sp = nodeSharePoint(emulator.siteUrl, 'app-verifier');
  const waits: number[] = [];
  const writer = new GraphKeyUsageWriter({ graphUrl: emulator.graphUrl, token: async () => 'app-verifier', locate: () => locateUsageList(sp), sleep: async (ms) => void waits.push(ms) });
  const use = { keyId: 3, tail: 'cccccccccccc', lastUsed: new Date(Date.UTC(2026, 10, 2)) };
  emulator.faults.set({ status: 429, retryAfterSeconds: 7, times: 1, match: { method: 'POST', pathIncludes: '/graph/v1.0/sites/' } });
  expect(await writer.recordUse([use])).toMatchObject({ written: 1, failed: [] });
  expect(waits).toEqual([7_000]);
  emulator.faults.set({ status: 503, retryAfterSeconds: 2, times: 3, match: { method: 'PATCH' } });
  const later = { ...use, lastUsed: new Date(Date.UTC(2026, 10, 3)) };
  expect(await writer.recordUse([later])).toMatchObject({ written: 0, failed: [later] });
  emulator.faults.clear();
  expect(await writer.recordUse([later])).toMatchObject({ written: 1, failed: [] });
});

test("a list under the usage list's title that set-up did not make is not read: no made-up times reach the page", async () => {
  const { key } = await generateKey();
  const item = emulator.state.insertKey({ name: 'Target', hash: sha256(key), tail: key.slice(-12), permission: 'ReadOnly', author: emulator.users.adele });
  emulator.state.deleteList(USAGE_LIST_TITLE);
  emulator.state.squatList(emulator.users.lee, { title: USAGE_LIST_TITLE });
  const lee = nodeSharePoint(emulator.siteUrl, 'member-lee');
  await lee.web.lists.getByTitle(USAGE_LIST_TITLE).fields.addNumber('KeyId');
  await lee.web.lists.getByTitle(USAGE_LIST_TITLE).fields.addDateTime('LastUsed');
  await lee.web.lists.getByTitle(USAGE_LIST_TITLE).items.add({ Title: 'x', KeyId: item.id, LastUsed: '2026-11-20T10:00:00Z' });
  const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele');
  const store = new SharePointKeyStore(sp, { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, usage: new SharePointKeyUsageReader(sp) });
  const records = await store.listKeys();
  expect(records.find((r) => r.id === item.id)!.lastUsed).toBeUndefined();
  expect(store.usageState()).toBe('untrusted');
});
