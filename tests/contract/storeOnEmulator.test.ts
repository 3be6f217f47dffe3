/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// What only the emulator can stage: 20,000 keys, throttling storms, lost responses, other identities,
// broken lists. The production SharePointKeyStore talks to it over HTTP through PnPjs.
import { ConflictError, ForbiddenError, hashKey, NotProvisionedError, ThrottledError } from '../../src/core';
import { listDescription, MissingEtagError, SharePointKeyStore } from '../../src/data';
import { startEmulator } from '../../workbench/emulator';
import type { Emulator, RequestLogEntry } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { TEST_RETRY } from './storeTargets';

jest.setTimeout(30_000);

const GA_PRINCIPAL = 'c:0t.c|tenant|0b1f7a56-3c1e-4a7d-9a0f-5e6b0c2d9e11';

function storeAs(emulator: Emulator, token: string, retry = TEST_RETRY): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, retry));
}

const itemRequests = (log: RequestLogEntry[]): RequestLogEntry[] => log.filter((r) => /\/items/i.test(r.path));

async function provisioned(): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0 });
  await storeAs(emulator, 'admin-adele').ensureProvisioned();
  return emulator;
}

describe('past the list view threshold', () => {
  let emulator: Emulator;
  let inserted: { id: number; hash: string }[];

  beforeAll(async () => {
    emulator = await provisioned();
    inserted = emulator.state.bulkInsertKeys(20_000);
  });
  afterAll(() => emulator.close());

  it('lists all 20,000 keys in at most 4 requests, names expanded in the same requests', async () => {
    emulator.requests.length = 0;
    const records = await storeAs(emulator, 'admin-alex').listKeys();
    expect(records).toHaveLength(20_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(20_000);
    expect(records[19_999].hash).toBe(inserted[19_999].hash);
    expect(records.every((r) => r.createdBy.displayName === 'Adele Vance')).toBe(true);
    const requests = itemRequests(emulator.requests);
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(requests.every((r) => /\$expand=Author,RevokedBy/.test(r.query) && /\$top=5000/.test(r.query))).toBe(true);
  });

  it('finds a key by hash in one request through the KeyHash index', async () => {
    emulator.requests.length = 0;
    const target = inserted[12_345];
    const found = await storeAs(emulator, 'app-verifier').findByHash(target.hash.toUpperCase());
    expect(found?.id).toBe(target.id);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].query).toContain(`KeyHash eq '${target.hash}'`);
    expect(emulator.requests[0].query).toContain('$top=1');
  });

  it('answers an unindexed or broad first indexed clause with SharePoint\'s threshold error, and a selective first indexed clause still works', async () => {
    const list = `${emulator.siteUrl}/_api/web/lists/getByTitle('API%20Keys')/items`;
    const headers = { Authorization: 'Bearer admin-adele', Accept: 'application/json' };
    const refused = await fetch(`${list}?$filter=${encodeURIComponent("KeyTail eq 'abc'")}`, { headers });
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({
      'odata.error': {
        code: '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
        message: { lang: 'en-US', value: 'The attempted operation is prohibited because it exceeds the list view threshold enforced by the administrator.' }
      }
    });
    const sorted = await fetch(`${list}?$orderby=Title`, { headers });
    expect(sorted.status).toBe(500);
    // A tenant seeks by the first indexed clause: Status matches all 20,000 keys, so `and Id le 3` does not save it
    // (threshold.ts cites the rule); Id first narrows to 3 rows and Status then filters those.
    const byStatus = await fetch(`${list}?$filter=${encodeURIComponent("Status eq 'Active' and Id le 3")}&$select=Id`, { headers });
    expect(byStatus.status).toBe(500);
    expect(JSON.stringify(await byStatus.json())).toContain('SPQueryThrottledException');
    const byIdThenStatus = await fetch(`${list}?$filter=${encodeURIComponent("Id le 3 and Status eq 'Active'")}&$select=Id`, { headers });
    expect(byIdThenStatus.status).toBe(200);
    expect(((await byIdThenStatus.json()) as { value: unknown[] }).value).toHaveLength(3);
    const byHashThenUnindexed = await fetch(`${list}?$filter=${encodeURIComponent(`KeyHash eq '${inserted[7].hash}' and KeyTail ne 'x'`)}&$select=Id`, { headers });
    expect(byHashThenUnindexed.status).toBe(200);
    expect(((await byHashThenUnindexed.json()) as { value: { Id: number }[] }).value.map((v) => v.Id)).toEqual([inserted[7].id]);
    const byId = await fetch(`${list}?$filter=Id eq 19999&$select=Id,KeyHash`, { headers });
    expect(((await byId.json()) as { value: { KeyHash: string }[] }).value[0].KeyHash).toBe(inserted[19_998].hash);
  });
});

describe('throttling and lost responses', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await provisioned();
  });
  afterEach(() => emulator.faults.clear());
  afterAll(() => emulator.close());

  it('under a 429 storm every operation completes exactly once', async () => {
    const store = storeAs(emulator, 'admin-adele', { retries: 10, interval: 20 });
    const before = emulator.state.itemCount();
    emulator.requests.length = 0;
    emulator.faults.set({ status: 429, times: 8 });
    const created = await Promise.all(['Storm 1', 'Storm 2', 'Storm 3', 'Storm 4'].map((name) => store.createKey(name, 'ReadOnly')));
    expect(emulator.requests.filter((r) => r.status === 429)).toHaveLength(8);
    expect(emulator.state.itemCount()).toBe(before + 4);

    // Rules apply in the order set. After a Retry-After, PnPjs doubles that wait for the next failure, so the
    // header-less faults come first to keep the test short.
    emulator.faults.set({ status: 503, times: 2 });
    emulator.faults.set({ status: 429, retryAfterSeconds: 1, times: 1 });
    const renamed = await store.renameKey(created[0].record.id, 'Storm 1 renamed', created[0].record.etag);
    emulator.faults.set({ status: 504, times: 1 });
    emulator.faults.set({ status: 503, retryAfterSeconds: 1, times: 1 });
    const revoked = await store.revokeKey(created[1].record.id, created[1].record.etag);

    const all = await store.listKeys();
    expect(all).toHaveLength(before + 4);
    expect(all.filter((r) => r.name.indexOf('Storm') === 0).map((r) => r.name).sort()).toEqual(['Storm 1 renamed', 'Storm 2', 'Storm 3', 'Storm 4']);
    expect(renamed.etag).toBe('"2"');
    expect(all.find((r) => r.id === revoked.id)?.status).toBe('Revoked');
    // One rename, two revoke writes (status, then the server time): each landed once.
    const merges = emulator.requests.filter((r) => r.xHttpMethod === 'MERGE' && r.status === 204);
    expect(merges).toHaveLength(3);
    expect(emulator.requests.filter((r) => r.status === 503 || r.status === 504)).toHaveLength(4);
  });

  it('surfaces ThrottledError, with the Retry-After, only once the retries are spent', async () => {
    const store = storeAs(emulator, 'admin-adele', { retries: 3, interval: 20 });
    emulator.faults.set({ status: 503, retryAfterSeconds: 1 });
    const started = Date.now();
    const listing = store.listKeys();
    await expect(listing).rejects.toBeInstanceOf(ThrottledError);
    await expect(listing).rejects.toMatchObject({ retryAfterSeconds: 1 });
    // Three attempts in all, Retry-After honoured between them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('a create whose response is lost after it landed leaves exactly one record, and the caller still gets its key', async () => {
    const store = storeAs(emulator, 'admin-adele');
    const before = emulator.state.itemCount();
    emulator.faults.dropResponses({ times: 1, afterCommit: true, match: { method: 'POST', pathIncludes: '/items' } });
    const { key, record } = await store.createKey('Lost answer', 'FullControl');
    expect(emulator.state.itemCount()).toBe(before + 1);
    expect(emulator.requests.some((r) => r.status === 0)).toBe(true);
    expect(record.hash).toBe(await hashKey(key));
    expect((await store.listKeys()).filter((r) => r.name === 'Lost answer')).toHaveLength(1);
  });

  it('provisioning whose create answers are lost still ends with one list and each column once', async () => {
    const fresh = await startEmulator({ port: 0 });
    try {
      fresh.faults.dropResponses({ times: 1, afterCommit: true, match: { method: 'POST', pathIncludes: '/web/lists' } });
      fresh.faults.dropResponses({ times: 2, afterCommit: true, match: { method: 'POST', pathIncludes: '/fields' } });
      const report = await storeAs(fresh, 'admin-adele').ensureProvisioned();
      expect(fresh.requests.filter((r) => r.status === 0)).toHaveLength(3);
      expect(report.changes[0]).toMatch(/^Created the list/);
      expect(fresh.state.list()?.fields.filter((f) => !f.builtIn).map((f) => f.InternalName)).toEqual(['KeyHash', 'KeyTail', 'Permission', 'Status', 'RevokedAt', 'RevokedBy', 'Expires', 'RolledFromId']);
      await expect(storeAs(fresh, 'admin-alex').checkProvisioned()).resolves.toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('a rename whose response is lost is not applied twice and is not a conflict', async () => {
    const store = storeAs(emulator, 'admin-adele');
    const { record } = await store.createKey('Rename once', 'ReadOnly');
    emulator.faults.dropResponses({ times: 1, afterCommit: true, match: { pathIncludes: `/items(${record.id})` } });
    // PnPjs re-sends the MERGE with the old ETag: the first landed, so the second is a 412 → ConflictError with the renamed record.
    const outcome = await store.renameKey(record.id, 'Renamed once', record.etag).catch((e: unknown) => e);
    const now = await store.findByHash(record.hash);
    expect(now?.name).toBe('Renamed once');
    expect(now?.etag).toBe('"2"');
    if (outcome instanceof ConflictError) expect(outcome.current?.name).toBe('Renamed once');
    else expect(outcome).toMatchObject({ name: 'Renamed once' });
  });
});

describe('who may read and write', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await provisioned();
  });
  afterAll(() => emulator.close());

  it('an ordinary member can neither read nor write the list: SharePoint answers as if it did not exist', async () => {
    const lee = storeAs(emulator, 'member-lee');
    const { record } = await storeAs(emulator, 'admin-adele').createKey('Secret', 'FullControl');
    const attempts = [
      () => lee.listKeys(),
      () => lee.findByHash(record.hash),
      () => lee.createKey('Sneaky', 'FullControl'),
      () => lee.renameKey(record.id, 'Sneaky', record.etag),
      () => lee.revokeKey(record.id, record.etag),
      () => lee.checkProvisioned()
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ reason: 'missing-list' });
    }
    const raw = await fetch(`${emulator.siteUrl}/_api/web/lists/getByTitle('API%20Keys')/items`, { headers: { Authorization: 'Bearer member-lee', Accept: 'application/json' } });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      'odata.error': { code: '-1, System.ArgumentException', message: { lang: 'en-US', value: `List 'API Keys' does not exist at site with URL '${emulator.siteUrl}'.` } }
    });
    expect(emulator.state.itemCount()).toBe(1);
  });

  it('a site owner who is not a Global Administrator, an eligible (not active) admin and a visitor cannot see it; an active Global Administrator and the app read it', async () => {
    for (const token of ['owner-megan', 'eligible-patti', 'visitor-nestor']) {
      await expect(storeAs(emulator, token).listKeys()).rejects.toMatchObject({ reason: 'missing-list' });
    }
    await expect(storeAs(emulator, 'admin-alex').listKeys()).resolves.toHaveLength(1);
    const app = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'app-verifier', TEST_RETRY), { adminPrincipal: GA_PRINCIPAL });
    await expect(app.listKeys()).resolves.toHaveLength(1);
    await expect(app.checkProvisioned()).resolves.toBeUndefined();
    await expect(app.createKey('From the app', 'ReadOnly')).rejects.toBeInstanceOf(ForbiddenError);
    // Provisioning a complete list only reads, so the app may run it; repairing needs a site collection administrator.
    await expect(app.ensureProvisioned()).resolves.toMatchObject({ changes: [] });
    emulator.state.removeField('RevokedAt');
    await expect(app.ensureProvisioned()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(storeAs(emulator, 'admin-alex').ensureProvisioned()).resolves.toMatchObject({ changes: ['Added the column RevokedAt (DateTime).'] });
  });

  it('without its configuration the app cannot tell who the Global Administrator principal is (the root site refuses it), and says how to configure it', async () => {
    await expect(storeAs(emulator, 'app-verifier').checkProvisioned()).rejects.toMatchObject({ reason: 'unsafe-settings', fix: expect.stringContaining('adminPrincipal') });
  });

  it('a member may create the list but not secure it; a Global Administrator then takes the empty list over and the member loses all access', async () => {
    const fresh = await startEmulator({ port: 0 });
    try {
      await expect(storeAs(fresh, 'member-lee').ensureProvisioned()).rejects.toBeInstanceOf(ForbiddenError);
      expect(fresh.state.list()?.hasUniqueRoleAssignments).toBe(false);
      await expect(storeAs(fresh, 'admin-adele').ensureProvisioned()).resolves.toMatchObject({ adminPrincipal: GA_PRINCIPAL });
      await expect(storeAs(fresh, 'member-lee').listKeys()).rejects.toMatchObject({ reason: 'missing-list' });
      // A visitor may not even create a list of that name.
      await expect(storeAs(fresh, 'visitor-nestor').ensureProvisioned()).rejects.toBeInstanceOf(ForbiddenError);
      expect(fresh.state.list()?.roleAssignments).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('a list that is missing or not as it must be', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.close());

  it('a missing list is NotProvisionedError(missing-list) that names the fix, for reads and checks alike', async () => {
    const store = storeAs(emulator, 'admin-adele');
    for (const attempt of [store.checkProvisioned(), store.listKeys(), store.findByHash('a'.repeat(64)), store.createKey('x', 'ReadOnly')]) {
      await expect(attempt).rejects.toBeInstanceOf(NotProvisionedError);
      await expect(attempt).rejects.toMatchObject({ reason: 'missing-list', fix: expect.stringContaining('Set up the key list') });
    }
  });

  it('a list with inherited permissions is refused by the check and not silently repaired once it holds keys', async () => {
    emulator.state.provisionList();
    emulator.state.bulkInsertKeys(3);
    emulator.state.breakListInheritance(false);
    // While it inherits, a member can read it: exactly the unsafe state the store must refuse.
    await expect(storeAs(emulator, 'member-lee').listKeys()).resolves.toHaveLength(3);
    for (const token of ['admin-adele', 'member-lee', 'app-verifier']) {
      await expect(storeAs(emulator, token).checkProvisioned()).rejects.toMatchObject({ reason: 'inherited-permissions', fix: expect.stringContaining('Stop Inheriting Permissions') });
    }
    await expect(storeAs(emulator, 'admin-adele').ensureProvisioned()).rejects.toMatchObject({ reason: 'inherited-permissions' });
    expect(emulator.state.list()?.hasUniqueRoleAssignments).toBe(false);
  });

  it('provisioning that stopped half-way (empty list, still inheriting) is completed', async () => {
    const response = await fetch(`${emulator.siteUrl}/_api/web/lists`, {
      method: 'POST',
      headers: { Authorization: 'Bearer admin-adele', Accept: 'application/json', 'Content-Type': 'application/json' },
      // What provisioning's own create leaves when it stops right after: the marker, inheriting, no columns.
      body: JSON.stringify({ Title: 'API Keys', BaseTemplate: 100, Description: listDescription(0) })
    });
    expect(response.status).toBe(201);
    const report = await storeAs(emulator, 'admin-adele').ensureProvisioned();
    expect(report.changes.join('\n')).toMatch(/Stopped inheriting the site's permissions \(without copying them\)/);
    expect(report.changes.join('\n')).toMatch(/Removed Adele Vance .*from the list's permissions/);
    expect(report.changes.join('\n')).toMatch(/hidden, excluded from search, with versioning/);
    await expect(storeAs(emulator, 'admin-alex').checkProvisioned()).resolves.toBeUndefined();
    await expect(storeAs(emulator, 'member-lee').listKeys()).rejects.toMatchObject({ reason: 'missing-list' });
    expect(emulator.state.list()?.roleAssignments).toHaveLength(1);
  });

  it('a missing column is reported by the check and added by provisioning; a wrongly typed one is reported with its fix', async () => {
    emulator.state.provisionList();
    emulator.state.removeField('RevokedAt');
    const store = storeAs(emulator, 'admin-adele');
    await expect(store.checkProvisioned()).rejects.toMatchObject({ reason: 'missing-column' });
    const report = await store.ensureProvisioned();
    expect(report.changes).toEqual(['Added the column RevokedAt (DateTime).']);
    await expect(store.checkProvisioned()).resolves.toBeUndefined();

    emulator.state.setField('KeyTail', { FieldTypeKind: 3, TypeAsString: 'Note' });
    await expect(store.checkProvisioned()).rejects.toMatchObject({ reason: 'wrong-column-type', fix: expect.stringContaining('KeyTail') });
    await expect(store.ensureProvisioned()).rejects.toMatchObject({ reason: 'wrong-column-type' });
  });

  it('a KeyHash column that lost its index is unsafe; provisioning indexes it before making it unique', async () => {
    emulator.state.provisionList();
    emulator.state.setField('KeyHash', { Indexed: false, EnforceUniqueValues: false });
    const store = storeAs(emulator, 'admin-adele');
    await expect(store.checkProvisioned()).rejects.toMatchObject({ reason: 'unsafe-settings' });
    emulator.requests.length = 0;
    await expect(store.ensureProvisioned()).resolves.toMatchObject({ changes: ['Indexed the column KeyHash.', 'Made the column KeyHash unique.'] });
    const merges = emulator.requests.filter((r) => r.xHttpMethod === 'MERGE').map((r) => r.path);
    expect(merges).toEqual([expect.stringContaining("fields/getByInternalNameOrTitle('KeyHash')"), expect.stringContaining("fields/getByInternalNameOrTitle('KeyHash')")]);
  });
});

describe('the wire: what each operation sends', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await provisioned();
  });
  afterAll(() => emulator.close());

  /** Requests of one operation as "VERB path-below-the-list", ids and queries left out. */
  async function wire<T>(operation: () => Promise<T>): Promise<string[]> {
    emulator.requests.length = 0;
    await operation();
    return emulator.requests.map((r) => {
      const verb = r.xHttpMethod ?? r.method;
      const below = r.path.replace(/^.*\/_api\/web\/lists\/getByTitle\('API Keys'\)/, '').replace(/^.*\/_api/, '_api').replace(/\(\d+\)/, '(N)');
      return `${verb} ${below || '/'}`;
    });
  }

  it('create: one POST and one read back; rename: MERGE and read back; revoke: read, who, MERGE, server time, MERGE, read back', async () => {
    const store = storeAs(emulator, 'admin-adele');
    let created: Awaited<ReturnType<SharePointKeyStore['createKey']>> | undefined;
    expect(await wire(async () => (created = await store.createKey('Wire', 'ReadOnly')))).toEqual(['POST /items', 'GET /items(N)']);
    const record = created!.record;
    let renamed = record;
    // Past version 1.0 every read of a record also reads its version history (one request).
    expect(await wire(async () => (renamed = await store.renameKey(record.id, 'Wire 2', record.etag)))).toEqual(['MERGE /items(N)', 'GET /items(N)', 'GET /items(N)/versions']);
    expect(await wire(() => store.revokeKey(renamed.id, renamed.etag))).toEqual([
      'GET /items(N)',
      'GET /items(N)/versions',
      'GET _api/web/currentUser',
      'MERGE /items(N)',
      'GET /items(N)',
      'MERGE /items(N)',
      'GET /items(N)',
      'GET /items(N)/versions'
    ]);
    expect(await wire(() => store.findByHash(record.hash))).toEqual(['GET /items', 'GET /items(N)/versions']);
    const fresh = await store.createKey('Wire 3', 'ReadOnly');
    expect(await wire(() => store.findByHash(fresh.record.hash))).toEqual(['GET /items']);
    // The Global Administrator principal is read from the root site once per store; the audit runs on every check.
    expect(await wire(() => store.checkProvisioned())).toEqual(['GET /', 'GET _api/web/siteUsers', 'GET /roleAssignments', 'GET _api/web/siteUsers', 'GET /fields']);
    expect(emulator.requests[1].path).toBe('/_api/web/siteUsers');
    expect(await wire(() => store.checkProvisioned())).toEqual(['GET /', 'GET /roleAssignments', 'GET _api/web/siteUsers', 'GET /fields']);
    let token = '';
    expect(await wire(async () => (token = await store.currentChangeToken()))).toEqual(['GET /']);
    // A current token: one from the year 1 is older than the change log keeps (the emulator answers -2130575172).
    expect(await wire(() => store.changesSince(token))).toEqual(['POST /getchanges']);
  });

  it('writes carry IF-Match read from SharePoint: the caller\'s ETag on rename and revoke, the revoking write\'s on the server-time stamp', async () => {
    const store = storeAs(emulator, 'admin-adele');
    const { record } = await store.createKey('Etags', 'FullControl');
    emulator.requests.length = 0;
    const renamed = await store.renameKey(record.id, 'Etags 2', record.etag);
    const revoked = await store.revokeKey(renamed.id, renamed.etag);
    expect(emulator.requests.filter((r) => r.xHttpMethod === 'MERGE').map((r) => r.ifMatch)).toEqual(['"1"', '"2"', '"3"']);
    expect(revoked.revokedAt?.getTime()).toBe(revoked.modified?.getTime());
  });

  it('refuses to rename or revoke without an ETag it read (what an odata=nometadata read leaves), sending nothing', async () => {
    const store = storeAs(emulator, 'admin-adele');
    const { record } = await store.createKey('No etag', 'ReadOnly');
    emulator.requests.length = 0;
    for (const etag of ['', '*']) {
      await expect(store.renameKey(record.id, 'Blind', etag)).rejects.toBeInstanceOf(MissingEtagError);
      await expect(store.revokeKey(record.id, etag)).rejects.toThrow(/was not read with an ETag/);
    }
    expect(emulator.requests).toEqual([]);
    expect((await store.findByHash(record.hash))?.status).toBe('Active');
  });
});
