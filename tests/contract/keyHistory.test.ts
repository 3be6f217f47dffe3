/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// A key's history through PnPjs over HTTP: the store's one versions request, read into entries with who and when,
// for the page's writes and for a site collection administrator's tampering.
import { NotFoundError } from '../../src/core';
import { SharePointKeyStore, TenantKeyStore, TenantStoreLocator } from '../../src/data';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import '@pnp/sp/items';

jest.setTimeout(30_000);

const RETRY = { retries: 2, interval: 20 };

let emulator: Emulator;
let demo: Emulator;
const storeAs = (token: string): SharePointKeyStore => new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, RETRY), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });

beforeAll(async () => {
  demo = await startEmulator({ port: 0, seed: 'demo' });
});
afterAll(() => demo.close());

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
  await storeAs('admin-adele').ensureProvisioned();
});
afterEach(async () => {
  await emulator.close();
});

describe('keyHistory', () => {
  it('created by Adele, renamed by Alex, revoked by Adele: each entry with who and when, in two requests (versions, then the keys it was rolled to)', async () => {
    const adele = storeAs('admin-adele');
    const alex = storeAs('admin-alex');
    const { record } = await adele.createKey('Order sync', 'ReadOnly');
    const renamed = await alex.renameKey(record.id, 'Order sync (EU)', record.etag);
    const revoked = await adele.revokeKey(record.id, renamed.etag);

    const before = emulator.requests.length;
    const events = await adele.keyHistory(record.id);
    const requests = emulator.requests.slice(before);
    // The versions, then the keys it was rolled to (RolledFromId eq id, through that column's index).
    expect(requests.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/items\\(${record.id}\\)/versions$`)), expect.stringMatching(/\/items$/)]);
    expect(decodeURIComponent(requests[1].query)).toContain(`RolledFromId eq ${record.id}`);
    expect(decodeURIComponent(requests[0].query)).toMatch(/\$expand=CreatedBy/);

    expect(events.map((e) => [e.kind, e.by && e.by.displayName])).toEqual([
      ['created', 'Adele Vance'],
      ['renamed', 'Alex Wilber'],
      ['revoked', 'Adele Vance']
    ]);
    expect(events[0]).toMatchObject({ version: 1, name: 'Order sync', permission: 'ReadOnly' });
    expect(events[1]).toMatchObject({ version: 2, from: 'Order sync', to: 'Order sync (EU)' });
    // The revocation's own version: its time is the one the record keeps as the revocation date.
    expect(events[2].at).toEqual(revoked.revokedAt);
    expect(events[0].at!.getTime()).toBeLessThanOrEqual(events[1].at!.getTime());
    expect(events[1].at!.getTime()).toBeLessThanOrEqual(events[2].at!.getTime());
  });

  it("a site collection administrator's permission change appears as its own entry, naming him, beside the record's flag", async () => {
    const adele = storeAs('admin-adele');
    const { record } = await adele.createKey('Reporting', 'ReadOnly');
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    await nodeSharePoint(emulator.siteUrl, 'siteadmin-diego', RETRY).web.lists.getByTitle('API Keys').items.getById(record.id).update({ Permission: 'FullControl' });
    emulator.state.setSiteAdmin(emulator.users.diego, false);

    const events = await adele.keyHistory(record.id);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'created', permission: 'ReadOnly', by: expect.objectContaining({ displayName: 'Adele Vance' }) }),
      expect.objectContaining({ kind: 'tampered', reason: 'permission-changed', version: 2, from: 'ReadOnly', to: 'FullControl', by: expect.objectContaining({ displayName: 'Diego Siciliani' }) })
    ]);
    const flagged = (await adele.listKeys()).find((r) => r.id === record.id);
    expect(flagged?.integrity).toMatchObject({ reason: 'permission-changed' });
    expect(flagged?.integrity?.changedAt).toEqual(events[1].at);
  });

  it('a key that does not exist is NotFoundError; a member, who cannot see the list, is told it is missing', async () => {
    await expect(storeAs('admin-adele').keyHistory(9999)).rejects.toBeInstanceOf(NotFoundError);
    const { record } = await storeAs('admin-adele').createKey('Hidden', 'ReadOnly');
    await expect(storeAs('member-lee').keyHistory(record.id)).rejects.toMatchObject({ kind: 'not-provisioned', reason: 'missing-list' });
  });
});

describe('keyHistory through the tenant setting (the page in a Teams team)', () => {
  it('reads the pinned list by id, in two requests (versions, then the keys it was rolled to)', async () => {
    const spFor = (siteUrl: string) => nodeSharePoint(siteUrl, 'admin-adele', RETRY);
    const store = new TenantKeyStore(new TenantStoreLocator(spFor(demo.teamSiteUrl)), spFor, { currentWebUrl: demo.teamSiteUrl });
    const { record } = await store.createKey('Teams connector', 'FullControl');
    await store.renameKey(record.id, 'Teams connector (HR)', record.etag);
    await store.listKeys();
    demo.requests.length = 0;
    const events = await store.keyHistory(record.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'renamed']);
    expect(events[1]).toMatchObject({ from: 'Teams connector', to: 'Teams connector (HR)', by: { displayName: 'Adele Vance' } });
    const list = `/sites/apikeys/_api/web/lists('${demo.state.list()!.id}')`;
    expect(demo.requests.map((r) => r.path)).toEqual([`${list}/items(${record.id})/versions`, `${list}/items`]);
  });
});
