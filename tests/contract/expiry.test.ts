/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Issue 12 point 1: expiry over HTTP against the emulator, through the production store and verifier.
import { ValidationError } from '../../src/core';
import { formatTenantStoreSetting, parseTenantStoreSetting, TENANT_STORE_SETTING_KEY } from '../../src/core';
import { listDescription, SharePointKeyStore, TenantKeyStore, TenantStoreLocator } from '../../src/data';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { startSampleApi } from '../../workbench/sample-api';
import { createRedisSharing, createSharePointVerifier } from '../../src/verifier';
import type { KeyVerifier } from '../../src/verifier';
import { startRedisServer } from './redisServer';
import '@pnp/sp/items';

jest.setTimeout(30_000);

const RETRY = { retries: 2, interval: 20 };
const DAY = 24 * 60 * 60 * 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function storeAs(emulator: Emulator, token: string, options: { trustedSiteAdmins?: string[] } = {}): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, RETRY), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, ...options });
}

const listAs = (emulator: Emulator, token: string) => nodeSharePoint(emulator.siteUrl, token, RETRY).web.lists.getByTitle('API Keys');

/** SharePoint keeps date and time to the second. */
const toSecond = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

describe('the store keeps an expiry', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
  });
  afterEach(() => emulator.close());

  it('writes it at generation and reads it back, in listKeys and findByHash alike; none stays none', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const expires = new Date(Date.now() + 30 * DAY);
    const created = await adele.createKey('Quarterly export', 'ReadOnly', expires);
    expect(created.record.expires).toEqual(toSecond(expires));
    const forever = await adele.createKey('Forever', 'FullControl');
    expect(forever.record.expires).toBeUndefined();
    const listed = await adele.listKeys();
    expect(listed.find((r) => r.id === created.record.id)?.expires).toEqual(toSecond(expires));
    expect(listed.find((r) => r.id === forever.record.id)?.expires).toBeUndefined();
    expect((await adele.findByHash(created.record.hash))?.expires).toEqual(toSecond(expires));
  });

  it('refuses an expiry in the past before sending anything', async () => {
    emulator.requests.length = 0;
    const error = await storeAs(emulator, 'admin-adele').createKey('Too late', 'ReadOnly', new Date(Date.now() - 1000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'expires', code: 'expiry-in-past' });
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a list from schema 2 (no Expires column) is reported by the check and upgraded by provisioning, keys kept', async () => {
    const before = await storeAs(emulator, 'admin-adele').createKey('Before the upgrade', 'ReadOnly');
    emulator.state.removeField('Expires');
    emulator.state.list()!.description = listDescription(2);
    const store = storeAs(emulator, 'admin-adele');
    await expect(store.checkProvisioned()).rejects.toMatchObject({ reason: 'missing-column' });
    const report = await store.ensureProvisioned();
    expect(report.changes).toEqual(['Added the column Expires (DateTime).', 'Recorded schema version 4.']);
    await expect(store.checkProvisioned()).resolves.toBeUndefined();
    const listed = await store.listKeys();
    expect(listed.map((r) => [r.id, r.expires, r.integrity])).toEqual([[before.record.id, undefined, undefined]]);
  });
});

describe('an expiry can only be brought forward: history shows anything else', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
  });
  afterEach(() => emulator.close());

  it('brought forward by a Global Administrator: clean, and the earlier date holds', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const { record } = await adele.createKey('Shortened', 'ReadOnly', new Date(Date.now() + 90 * DAY));
    const sooner = toSecond(new Date(Date.now() + 7 * DAY));
    await listAs(emulator, 'admin-adele').items.getById(record.id).update({ Expires: sooner.toISOString() });
    const listed = (await adele.listKeys()).find((r) => r.id === record.id);
    expect(listed?.expires).toEqual(sooner);
    expect(listed?.integrity).toBeUndefined();
  });

  it('pushed later or removed by a site collection administrator: flagged with who, and the original expiry still holds', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const expires = toSecond(new Date(Date.now() + 7 * DAY));
    const pushed = await adele.createKey('Pushed', 'ReadOnly', expires);
    const removed = await adele.createKey('Removed', 'ReadOnly', expires);
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    const diego = listAs(emulator, 'siteadmin-diego');
    await diego.items.getById(pushed.record.id).update({ Expires: new Date(Date.now() + 365 * DAY).toISOString() });
    await diego.items.getById(removed.record.id).update({ Expires: null });
    const listed = await storeAs(emulator, 'admin-adele', { trustedSiteAdmins: [emulator.users.diego.loginName] }).listKeys();
    for (const id of [pushed.record.id, removed.record.id]) {
      const record = listed.find((r) => r.id === id);
      expect(record).toMatchObject({ expires, integrity: { reason: 'expiry-extended', changedBy: { displayName: 'Diego Siciliani' } } });
    }
  });
});

describe('the sample API refuses an expired key over HTTP', () => {
  it('200 until the expiry, then 401 unknown-or-revoked, the same body as a revoked key; logs and /metrics say expired', async () => {
    const emulator = await startEmulator({ port: 0 });
    const logged: string[] = [];
    const logger = { info: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`), warn: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`) };
    const api = await startSampleApi({ port: 0, siteUrl: emulator.siteUrl, retryStartMs: 100, adminPrincipal: EMULATED_ADMIN_PRINCIPAL, verifier: { expiryToleranceMs: 0, changePollIntervalMs: 100 }, logger });
    try {
      const admin = storeAs(emulator, 'admin-adele');
      await admin.ensureProvisioned();
      await api.ready;
      // SharePoint keeps the second: the key expires 2 to 3 seconds from now.
      const soon = await admin.createKey('Short-lived', 'ReadOnly', new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000));
      const revoked = await admin.createKey('Revoked', 'ReadOnly');
      await admin.revokeKey(revoked.record.id, revoked.record.etag);
      const get = async (key: string): Promise<{ status: number; body: string }> => {
        const response = await fetch(`${api.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } });
        return { status: response.status, body: await response.text() };
      };
      expect((await get(soon.key)).status).toBe(200);
      const expiresAt = soon.record.expires!.getTime();
      await sleep(Math.max(0, expiresAt - Date.now()));
      const refused = await get(soon.key);
      expect(refused.status).toBe(401);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
      const revokedAnswer = await get(revoked.key);
      expect(revokedAnswer.status).toBe(401);
      expect(refused.body).toBe(revokedAnswer.body);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'unknown-or-revoked' } });
      expect(refused.body).not.toContain(soon.key);
      expect(logged.some((line) => line.includes('"cause":"expired"'))).toBe(true);
      const metrics = await (await fetch(`${api.url}/metrics`)).text();
      expect(metrics).toMatch(/cause="expired"\} 1\b/);
    } finally {
      await api.close();
      await emulator.close();
    }
  });
});

describe('shared through Redis', () => {
  it('an instance that learnt the key from another through Redis (no lookup of its own) still refuses it at its expiry', async () => {
    const redis = await startRedisServer();
    const emulator = await startEmulator({ port: 0 });
    const verifiers: KeyVerifier[] = [];
    try {
      const admin = storeAs(emulator, 'admin-adele');
      await admin.ensureProvisioned();
      for (let i = 0; i < 2; i++) {
        verifiers.push(
          createSharePointVerifier({
            siteUrl: emulator.siteUrl,
            sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'),
            adminPrincipal: EMULATED_ADMIN_PRINCIPAL,
            sharing: createRedisSharing({ url: redis.url }),
            expiryToleranceMs: 0
          })
        );
      }
      await Promise.all(verifiers.map((v) => v.start()));
      const { key, record } = await admin.createKey('Shared and short-lived', 'ReadOnly', new Date(Math.ceil(Date.now() / 1000) * 1000 + 3000));
      const [first, second] = verifiers;
      let result = await first.verify(key, 'GET');
      for (let i = 0; i < 40 && !result.allowed; i++) {
        await sleep(50);
        result = await first.verify(key, 'GET');
      }
      expect(result).toMatchObject({ allowed: true });
      const lookupsBefore = second.stats().storeLookups;
      await expect(second.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
      expect(second.stats().storeLookups).toBe(lookupsBefore);
      await sleep(Math.max(0, record.expires!.getTime() - Date.now()));
      await expect(second.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'expired' });
      await expect(first.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'expired' });
    } finally {
      await Promise.all(verifiers.map((v) => v.stop()));
      await emulator.close();
      await redis.stop();
    }
  });
});

describe('the tenant default expiry (defaultExpiryDays in the tenant setting)', () => {
  it('the page store reads it, and the first set-up pins the list id without losing it', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, formatTenantStoreSetting({ siteUrl: emulator.siteUrl, defaultExpiryDays: 90 }));
      const spFor = (siteUrl: string) => nodeSharePoint(siteUrl, 'admin-adele', RETRY);
      const store = new TenantKeyStore(new TenantStoreLocator(spFor(emulator.teamSiteUrl)), spFor, { currentWebUrl: emulator.teamSiteUrl });
      await expect(store.defaultExpiryDays()).resolves.toBe(90);
      const report = await store.ensureProvisioned();
      expect(parseTenantStoreSetting(emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!.Value)).toEqual({ siteUrl: emulator.siteUrl, listId: report.listId, defaultExpiryDays: 90 });
      await expect(store.defaultExpiryDays()).resolves.toBe(90);
    } finally {
      await emulator.close();
    }
  });
});
