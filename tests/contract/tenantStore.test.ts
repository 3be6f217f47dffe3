/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// One store per tenant: the tenant setting ApiKeyManagement.Store (a storage entity on the tenant app catalog) names
// the key site and pins the list by id; the page finds it the same way from a Teams team's site and from the root
// site (the personal app), and the verifier takes the same setting. PnPjs over HTTP against the emulator.
import { formatTenantStoreSetting, NotProvisionedError, parseTenantStoreSetting, TENANT_STORE_SETTING_KEY } from '../../src/core';
import { SharePointKeyStore, TenantKeyStore, TenantStoreLocator } from '../../src/data';
import { createSharePointVerifier } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { TEST_RETRY } from './storeTargets';

jest.setTimeout(30_000);

/** The page's store as the web part builds it, from the web it runs in. */
function pageStore(emulator: Emulator, currentWebUrl: string, token: string, configuredSiteUrl?: string): TenantKeyStore {
  const spFor = (siteUrl: string) => nodeSharePoint(siteUrl, token, TEST_RETRY);
  return new TenantKeyStore(new TenantStoreLocator(spFor(currentWebUrl)), spFor, { currentWebUrl, configuredSiteUrl });
}

async function notProvisioned(promise: Promise<unknown>): Promise<NotProvisionedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(NotProvisionedError);
  return error as NotProvisionedError;
}

function setting(emulator: Emulator): ReturnType<typeof parseTenantStoreSetting> {
  const entity = emulator.state.storageEntity(TENANT_STORE_SETTING_KEY);
  if (!entity) throw new Error('no tenant setting');
  return parseTenantStoreSetting(entity.Value);
}

describe('one store for the tenant, found from any site', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
  });
  afterAll(() => emulator.close());

  it('a Teams team site and the root site (personal app) read the same list, addressed by its id', async () => {
    const listId = emulator.state.list()!.id;
    expect(setting(emulator)).toEqual({ siteUrl: emulator.siteUrl, listId });
    emulator.requests.length = 0;
    const fromTeam = await pageStore(emulator, emulator.teamSiteUrl, 'admin-adele').listKeys();
    const fromRoot = await pageStore(emulator, emulator.rootSiteUrl, 'member-lee').listKeys().catch((error: unknown) => error);
    const fromRootAdmin = await pageStore(emulator, emulator.rootSiteUrl, 'admin-alex').listKeys();
    expect(fromTeam.length).toBeGreaterThan(0);
    expect(fromRootAdmin.map((r) => r.id)).toEqual(fromTeam.map((r) => r.id));
    // The member reads the setting like anyone, then meets the list's own permissions on the key site: SharePoint
    // hides a list she may not see (404 "does not exist"), which the page shows as no access.
    expect(fromRoot).toBeInstanceOf(NotProvisionedError);
    expect((fromRoot as NotProvisionedError).reason).toBe('missing-list');
    const settingReads = emulator.requests.filter((r) => /getstorageentity/i.test(r.path));
    expect(settingReads.map((r) => r.path.split('/_api')[0])).toEqual(['/sites/contoso-team', '', '']);
    // The usage list ('API Key Usage', last-used times) is read beside the keys, by title: not a key read.
    const itemReads = emulator.requests.filter((r) => /\/items$/i.test(r.path) && !/API Key Usage/.test(r.path));
    expect(itemReads.length).toBeGreaterThanOrEqual(2);
    expect(itemReads.every((r) => r.path === `/sites/apikeys/_api/web/lists('${listId}')/items`)).toBe(true);
  });

  it('keeps working on a renamed list, and never picks up another list given the old title', async () => {
    const list = emulator.state.list()!;
    const before = await pageStore(emulator, emulator.teamSiteUrl, 'admin-adele').listKeys();
    list.title = 'API Keys (renamed by hand)';
    emulator.state.provisionList('API Keys');
    try {
      const store = pageStore(emulator, emulator.rootSiteUrl, 'admin-adele');
      expect((await store.listKeys()).map((r) => r.id)).toEqual(before.map((r) => r.id));
      const created = await store.createKey('After the rename', 'ReadOnly');
      expect(list.items.has(created.record.id)).toBe(true);
      expect(emulator.state.itemCount('API Keys')).toBe(0);
      await expect(store.checkProvisioned()).resolves.toBeUndefined();
      // Provisioning repairs the pinned list under its new title instead of adopting the look-alike.
      const report = await store.ensureProvisioned();
      expect(report.listId).toBe(list.id);
    } finally {
      emulator.state.deleteList('API Keys');
      list.title = 'API Keys';
    }
  });

  it('gives the verifier the same list through the same setting', async () => {
    const verifier = createSharePointVerifier({ ...setting(emulator), adminPrincipal: EMULATED_ADMIN_PRINCIPAL, sp: nodeSharePoint(emulator.siteUrl, 'app-verifier', TEST_RETRY), changePollIntervalMs: 60_000 });
    const created = await pageStore(emulator, emulator.teamSiteUrl, 'admin-adele').createKey('For the verifier', 'FullControl');
    const list = emulator.state.list()!;
    list.title = 'Renamed again';
    try {
      await verifier.start();
      expect((await verifier.verify(created.key, 'DELETE')).allowed).toBe(true);
    } finally {
      await verifier.stop();
      list.title = 'API Keys';
    }
  });
});

describe('a page that is not on the tenant store', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
  });
  afterAll(() => emulator.close());

  it('without the tenant setting says so with the fix, and never uses the current site', async () => {
    const saved = emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!;
    emulator.state.removeStorageEntity(TENANT_STORE_SETTING_KEY);
    try {
      emulator.requests.length = 0;
      const error = await notProvisioned(pageStore(emulator, emulator.rootSiteUrl, 'admin-adele').listKeys());
      expect(error.reason).toBe('tenant-setting');
      expect(error.message).toContain(`${TENANT_STORE_SETTING_KEY} does not exist`);
      expect(error.fix).toContain(`Set-SPOStorageEntity -Site "${emulator.appCatalogUrl}" -Key "${TENANT_STORE_SETTING_KEY}"`);
      expect(emulator.requests.filter((r) => /\/lists/i.test(r.path))).toEqual([]);
    } finally {
      emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
    }
  });

  it('with a malformed setting names the problem; fixing it is picked up on retry', async () => {
    const saved = emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!;
    emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, '{"siteURL":"https://contoso.sharepoint.com/sites/apikeys"}');
    const store = pageStore(emulator, emulator.teamSiteUrl, 'admin-adele');
    try {
      const error = await notProvisioned(store.listKeys());
      expect(error.reason).toBe('tenant-setting');
      expect(error.message).toContain("unknown property 'siteURL'");
    } finally {
      emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
    }
    expect((await store.listKeys()).length).toBeGreaterThan(0);
  });

  it('configured (old siteUrl property) for another site: wrong-store, no list read anywhere', async () => {
    emulator.requests.length = 0;
    const elsewhere = `${emulator.url}/sites/other`;
    const error = await notProvisioned(pageStore(emulator, emulator.teamSiteUrl, 'admin-adele', elsewhere).listKeys());
    expect(error.reason).toBe('wrong-store');
    expect(error.message).toContain(elsewhere);
    expect(error.message).toContain(emulator.siteUrl);
    expect(emulator.requests.filter((r) => /\/lists/i.test(r.path))).toEqual([]);
    // The same site spelt differently is the same store.
    await expect(pageStore(emulator, emulator.teamSiteUrl, 'admin-adele', `${emulator.siteUrl.toUpperCase().replace('HTTP://', 'http://')}/`).listKeys()).resolves.toBeDefined();
  });

  it('a setting naming another host is refused with the corrected command', async () => {
    const saved = emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!;
    emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, formatTenantStoreSetting({ siteUrl: 'http://localhost:1/sites/apikeys' }));
    try {
      const error = await notProvisioned(pageStore(emulator, emulator.teamSiteUrl, 'admin-adele').listKeys());
      expect(error.reason).toBe('tenant-setting');
      expect(error.fix).toContain(emulator.url);
    } finally {
      emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
    }
  });

  it('a pinned list that was deleted is reported; set-up does not create a second one', async () => {
    const list = emulator.state.list()!;
    emulator.state.deleteList();
    const store = pageStore(emulator, emulator.teamSiteUrl, 'admin-adele');
    const error = await notProvisioned(store.listKeys());
    expect(error.reason).toBe('missing-list');
    expect(error.message).toContain(list.id);
    expect(error.fix).toMatch(/recycle bin/);
    await notProvisioned(store.ensureProvisioned());
    expect(emulator.state.list()).toBeUndefined();
  });
});

describe('the first set-up pins the new list in the tenant setting', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.close());

  it('a Global Administrator who may write tenant settings: one click, pinned', async () => {
    expect(setting(emulator)).toEqual({ siteUrl: emulator.siteUrl });
    const store = pageStore(emulator, emulator.teamSiteUrl, 'admin-adele');
    expect((await notProvisioned(store.listKeys())).reason).toBe('missing-list');
    const report = await store.ensureProvisioned();
    expect(report.changes[report.changes.length - 1]).toContain(`Pinned the list (id ${report.listId})`);
    expect(setting(emulator)).toEqual({ siteUrl: emulator.siteUrl, listId: report.listId });
    expect(await store.listKeys()).toEqual([]);
    // Another host of the page, e.g. the personal app, finds it pinned too.
    expect(await pageStore(emulator, emulator.rootSiteUrl, 'admin-alex').listKeys()).toEqual([]);
  });

  it('custom script blocked on the app catalog: the list is created, the page shows the exact command, then works once it is run', async () => {
    emulator.state.allowCustomScriptOnAppCatalog(false);
    const store = pageStore(emulator, emulator.teamSiteUrl, 'admin-adele');
    const report = await store.ensureProvisioned();
    expect(report.changes[report.changes.length - 1]).toContain('Could not pin the list');
    expect(setting(emulator).listId).toBeUndefined();
    const error = await notProvisioned(store.listKeys());
    expect(error.reason).toBe('unpinned');
    expect(error.message).toContain('Set-up could not write the tenant setting (SharePoint answered 403)');
    const value = formatTenantStoreSetting({ siteUrl: emulator.siteUrl, listId: report.listId });
    expect(error.fix).toBe(
      `A SharePoint administrator runs: Set-SPOStorageEntity -Site "${emulator.appCatalogUrl}" -Key "${TENANT_STORE_SETTING_KEY}" -Value '${value}' -Description "API Key Management: the site and list that hold the API keys (siteUrl, listId)." -Comments "Set at deployment"`
    );
    // Nothing may be written to an unpinned list meanwhile.
    expect((await notProvisioned(store.createKey('Too early', 'ReadOnly'))).reason).toBe('unpinned');
    expect(emulator.state.itemCount()).toBe(0);
    emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, value);
    expect(await store.listKeys()).toEqual([]);
  });

  it('a site owner who is not a Global Administrator cannot write the tenant setting', async () => {
    const ownerStore = pageStore(emulator, emulator.teamSiteUrl, 'owner-megan');
    const report = await ownerStore.ensureProvisioned().catch((error: unknown) => error);
    // Whatever provisioning lets her do, the setting stays unpinned and names no list of hers; a list she created is
    // left to the Global Administrator principal alone, so she cannot even see it.
    expect(setting(emulator).listId).toBeUndefined();
    if (!(report instanceof Error)) expect(['unpinned', 'missing-list']).toContain((await notProvisioned(ownerStore.listKeys())).reason);
  });
});

describe('storage entities in the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
  });
  afterAll(() => emulator.close());

  it('anyone reads them from any site; a missing key answers odata.null', async () => {
    for (const [siteUrl, token] of [
      [emulator.rootSiteUrl, 'member-lee'],
      [emulator.teamSiteUrl, 'owner-megan'],
      [emulator.siteUrl, 'app-verifier']
    ]) {
      const value = await nodeSharePoint(siteUrl, token, TEST_RETRY).web.getStorageEntity(TENANT_STORE_SETTING_KEY);
      expect(parseTenantStoreSetting(value.Value)).toEqual(setting(emulator));
    }
    expect(await nodeSharePoint(emulator.rootSiteUrl, 'member-lee', TEST_RETRY).web.getStorageEntity('Nope')).toEqual({ 'odata.null': true });
  });

  it('only tenant admins write them, on the app catalog, while custom script is allowed there', async () => {
    const write = (siteUrl: string, token: string): Promise<unknown> =>
      nodeSharePoint(siteUrl, token, TEST_RETRY)
        .web.setStorageEntity('Probe', 'x')
        .then(
          () => 'written',
          (error: { status?: number }) => error.status
        );
    emulator.state.allowCustomScriptOnAppCatalog(true);
    expect(await write(emulator.teamSiteUrl, 'admin-adele')).toBe(403);
    expect(await write(emulator.appCatalogUrl, 'owner-megan')).toBe(403);
    expect(await write(emulator.appCatalogUrl, 'app-verifier')).toBe(403);
    expect(await write(emulator.appCatalogUrl, 'admin-alex')).toBe('written');
    expect(emulator.state.storageEntity('Probe')?.Value).toBe('x');
    emulator.state.allowCustomScriptOnAppCatalog(false);
    expect(await write(emulator.appCatalogUrl, 'admin-alex')).toBe(403);
  });

  it('addresses a list by id in all three spellings, and a missing id as SharePoint does', async () => {
    const id = emulator.state.list()!.id;
    const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele', TEST_RETRY);
    for (const path of [`lists('${id}')`, `lists(guid'${id}')`, `lists/getbyid('${id}')`]) {
      const response = await fetch(`${emulator.siteUrl}/_api/web/${path}?$select=Id`, { headers: { Authorization: 'Bearer admin-adele', Accept: 'application/json' } });
      expect(((await response.json()) as { Id: string }).Id).toBe(id);
    }
    const missing = await fetch(`${emulator.siteUrl}/_api/web/lists('00000000-0000-4000-8000-000000000000')`, { headers: { Authorization: 'Bearer admin-adele' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('-2130575322, Microsoft.SharePoint.SPException');
    expect(await new SharePointKeyStore(sp, { listId: id.toUpperCase() }).resolveListId()).toBe(id);
  });
});
