/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Issue 8's attacks, as an attacker makes them: plain PnPjs calls over HTTP against the emulator, with any role
// short of Global Administrator. SharePoint's own permissions must refuse what it can; what it permits (a site
// collection administrator) must be caught by the verifier from version history and flagged by listKeys.
import { generateKey, NotProvisionedError } from '../../src/core';
import type { KeyRecord } from '../../src/core';
import { listDescription, SCHEMA_VERSION, SharePointKeyStore } from '../../src/data';
import { KeyVerifier } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/security/list';
import { createHash } from 'node:crypto';

jest.setTimeout(30_000);

const RETRY = { retries: 2, interval: 20 };
const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
const LIST = 'API Keys';

function storeAs(emulator: Emulator, token: string, options: { trustedSiteAdmins?: string[] } = {}): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, RETRY), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, ...options });
}

/** The attacker's list, through PnPjs with their own token. */
function listAs(emulator: Emulator, token: string) {
  return nodeSharePoint(emulator.siteUrl, token, RETRY).web.lists.getByTitle(LIST);
}

function verifierFor(emulator: Emulator, options: { trustedSiteAdmins?: string[] } = {}): KeyVerifier {
  const store = storeAs(emulator, 'app-verifier', options);
  return new KeyVerifier({ store, changes: store, changePollIntervalMs: 100, provisioningCheckIntervalMs: 100 });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > limitMs) return value;
    await sleep(50);
  }
}

describe('provisioning', () => {
  it('breaks inheritance without copying and leaves exactly one assignment: the Global Administrator principal at API Key Administrators (no delete, no managing)', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const report = await storeAs(emulator, 'admin-adele').ensureProvisioned();
      expect(report.adminPrincipal).toBe(EMULATED_ADMIN_PRINCIPAL);
      expect(emulator.requests.some((r) => /breakroleinheritance\(copyroleassignments=false, clearsubscopes=true\)/i.test(r.path))).toBe(true);
      const assignments = await listAs(emulator, 'admin-adele').roleAssignments.expand('Member', 'RoleDefinitionBindings')<
        { Member: { LoginName: string; Title: string }; RoleDefinitionBindings: { Name: string; BasePermissions: { High: string; Low: string } }[] }[]
      >();
      expect(assignments.map((a) => [a.Member.Title, a.Member.LoginName, a.RoleDefinitionBindings.map((b) => b.Name)])).toEqual([
        ['Company Administrator', EMULATED_ADMIN_PRINCIPAL, ['API Key Administrators']]
      ]);
      const mask = assignments[0].RoleDefinitionBindings[0].BasePermissions;
      // DeleteListItems (bit 3), DeleteVersions (bit 7), ManageLists (bit 11) are off; View, Add, Edit, ViewVersions on.
      expect(Number(mask.Low) % 16).toBe(7);
      expect(Math.floor(Number(mask.Low) / 64) % 4).toBe(1);
      expect(Math.floor(Number(mask.Low) / 2048) % 2).toBe(0);
      // Idempotent: a second run changes nothing and writes nothing.
      emulator.requests.length = 0;
      await expect(storeAs(emulator, 'admin-alex').ensureProvisioned()).resolves.toMatchObject({ changes: [] });
      expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});

describe('a site owner who is not a Global Administrator (owner-megan)', () => {
  let emulator: Emulator;
  let readOnly: { key: string; record: KeyRecord };
  let revoked: { key: string; record: KeyRecord };
  let verifier: KeyVerifier;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const adele = storeAs(emulator, 'admin-adele');
    await adele.ensureProvisioned();
    readOnly = await adele.createKey('Power BI report', 'ReadOnly');
    revoked = await adele.createKey('Old integration', 'FullControl');
    revoked.record = await adele.revokeKey(revoked.record.id, revoked.record.etag);
    verifier = verifierFor(emulator);
    await verifier.start();
  });
  afterAll(async () => {
    await verifier.stop();
    await emulator.close();
  });

  it("cannot change a key's permission: SharePoint refuses, and the key stays Read Only", async () => {
    await expect(listAs(emulator, 'owner-megan').items.getById(readOnly.record.id).update({ Permission: 'FullControl' })).rejects.toMatchObject({ status: 404 });
    expect(emulator.state.list()?.items.get(readOnly.record.id)?.values.Permission).toBe('ReadOnly');
    await expect(verifier.verify(readOnly.key, 'DELETE')).resolves.toMatchObject({ allowed: false, status: 403 });
  });

  it('cannot revive a revoked key', async () => {
    await expect(listAs(emulator, 'owner-megan').items.getById(revoked.record.id).update({ Status: 'Active', RevokedById: null, RevokedAt: null })).rejects.toMatchObject({ status: 404 });
    expect(emulator.state.list()?.items.get(revoked.record.id)?.values.Status).toBe('Revoked');
    await expect(verifier.verify(revoked.key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401 });
  });

  it('cannot add a row holding the hash of a key of her own', async () => {
    const { key } = await generateKey();
    const before = emulator.state.itemCount();
    await expect(
      listAs(emulator, 'owner-megan').items.add({ Title: 'Mine', KeyHash: sha256(key), KeyTail: key.slice(-12), Permission: 'FullControl', Status: 'Active' })
    ).rejects.toMatchObject({ status: 404 });
    expect(emulator.state.itemCount()).toBe(before);
    await expect(verifier.verify(key, 'DELETE')).resolves.toMatchObject({ allowed: false, status: 401 });
  });

  it('cannot grant herself a permission on the list, nor reset it to inherit', async () => {
    const list = listAs(emulator, 'owner-megan');
    await expect(list.roleAssignments.add(emulator.users.megan.siteUserId, 1073741829)).rejects.toMatchObject({ status: 404 });
    await expect(list.resetRoleInheritance()).rejects.toMatchObject({ status: 404 });
    expect(emulator.state.list()?.hasUniqueRoleAssignments).toBe(true);
  });

  it('nor can a member, a visitor or a Global Administrator whose role is only eligible (PIM, not activated)', async () => {
    for (const token of ['member-lee', 'visitor-nestor', 'eligible-patti']) {
      await expect(listAs(emulator, token).items.getById(readOnly.record.id).update({ Permission: 'FullControl' })).rejects.toMatchObject({ status: 404 });
    }
    expect(emulator.state.list()?.items.get(readOnly.record.id)?.values.Permission).toBe('ReadOnly');
  });
});

describe('copied permissions ("Stop Inheriting Permissions" with its default copy)', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
    await storeAs(emulator, 'admin-adele').createKey('Existing', 'ReadOnly');
  });
  afterEach(() => emulator.close());

  it('are unique permissions, yet checkProvisioned, ensureProvisioned and verifier.start() refuse them as exposed, naming who can write', async () => {
    emulator.state.copyPermissionsFromSite();
    expect(emulator.state.list()?.hasUniqueRoleAssignments).toBe(true);
    const principals = ['API Keys Owners (SharePoint group) (API Keys Owners)', 'API Keys Members (SharePoint group) (API Keys Members)'];
    for (const attempt of [() => storeAs(emulator, 'admin-adele').checkProvisioned(), () => storeAs(emulator, 'admin-adele').ensureProvisioned(), () => verifierFor(emulator).start()]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotProvisionedError);
      expect(error).toMatchObject({ reason: 'exposed', principals, fix: expect.stringContaining('Permissions for this list') });
    }
    // Nothing was "repaired" over the exposure: the copied groups are still there for the admin to see.
    expect(emulator.state.list()?.roleAssignments).toHaveLength(3);
  });

  it('a list set up by the previous release (Owners Full Control) that holds keys is reported exposed after the upgrade, not silently repaired', async () => {
    emulator.state.grantOnList(3, 1073741829);
    emulator.state.list()!.description = listDescription(1);
    await expect(storeAs(emulator, 'admin-adele').ensureProvisioned()).rejects.toMatchObject({ reason: 'exposed', principals: ['API Keys Owners (SharePoint group) (API Keys Owners)'] });
    expect(emulator.state.list()?.roleAssignments).toHaveLength(2);
    expect(emulator.state.list()?.description).toBe(listDescription(1));
  });

  it('a running verifier fails closed (503) once they appear, and a key a member planted meanwhile is never allowed', async () => {
    const verifier = verifierFor(emulator);
    await verifier.start();
    try {
      emulator.state.copyPermissionsFromSite();
      const { key } = await generateKey();
      await listAs(emulator, 'member-lee').items.add({ Title: 'Planted', KeyHash: sha256(key), KeyTail: key.slice(-12), Permission: 'FullControl', Status: 'Active' });
      const result = await until(() => verifier.verify(key, 'DELETE'), (r) => !r.allowed && r.status === 503);
      expect(result).toMatchObject({ allowed: false, status: 503, cause: 'untrusted-list' });
    } finally {
      await verifier.stop();
    }
  });
});

describe('squatting: a team-site member creates "API Keys" first', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterEach(() => emulator.close());

  async function squat(description: string): Promise<void> {
    const lee = nodeSharePoint(emulator.siteUrl, 'member-lee', RETRY);
    await lee.web.lists.add(LIST, description, 100, false);
    const list = lee.web.lists.getByTitle(LIST);
    await list.fields.addText('KeyHash');
    await list.fields.addText('KeyTail');
    await list.fields.addChoice('Permission', { Choices: ['ReadOnly', 'FullControl'] });
    await list.fields.addChoice('Status', { Choices: ['Active', 'Revoked'] });
  }

  it('provisioning refuses to adopt it (not-ours, with the fix) and deletes nothing; the check and the verifier refuse it too', async () => {
    await squat('My list');
    const { key } = await generateKey();
    await listAs(emulator, 'member-lee').items.add({ Title: 'Planted', KeyHash: sha256(key), KeyTail: key.slice(-12), Permission: 'FullControl', Status: 'Active' });
    const error = await storeAs(emulator, 'admin-adele').ensureProvisioned().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'not-ours', fix: expect.stringContaining('Nothing was changed or deleted') });
    expect(emulator.state.list()?.description).toBe('My list');
    expect(emulator.state.itemCount()).toBe(1);
    expect(emulator.state.list()?.hasUniqueRoleAssignments).toBe(false);
    await expect(storeAs(emulator, 'admin-adele').checkProvisioned()).rejects.toMatchObject({ reason: 'not-ours' });
    await expect(verifierFor(emulator).start()).rejects.toMatchObject({ reason: 'not-ours' });
  });

  it('with a copied provisioning marker and a planted key it is still refused: who can write decides, not the marker', async () => {
    await squat(listDescription(SCHEMA_VERSION));
    const { key } = await generateKey();
    await listAs(emulator, 'member-lee').items.add({ Title: 'Planted', KeyHash: sha256(key), KeyTail: key.slice(-12), Permission: 'FullControl', Status: 'Active' });
    await expect(storeAs(emulator, 'admin-adele').ensureProvisioned()).rejects.toMatchObject({ reason: 'inherited-permissions' });
    await expect(verifierFor(emulator).start()).rejects.toBeInstanceOf(NotProvisionedError);
    expect(emulator.state.itemCount()).toBe(1);
  });

  it('with a copied marker, the squatter\'s own unique permissions and a planted key: exposed, naming the squatter', async () => {
    emulator.state.squatList(emulator.users.lee, { description: listDescription(SCHEMA_VERSION) });
    const { key } = await generateKey();
    await listAs(emulator, 'member-lee').items.add({ Title: 'Planted', KeyHash: sha256(key), KeyTail: key.slice(-12), Permission: 'FullControl', Status: 'Active' });
    for (const attempt of [() => storeAs(emulator, 'admin-adele').ensureProvisioned(), () => verifierFor(emulator).start()]) {
      await expect(attempt()).rejects.toMatchObject({ reason: 'exposed', principals: ['Lee Gu (i:0#.f|membership|leeg@contoso.onmicrosoft.com)'] });
    }
  });
});

describe('every malformed Status', () => {
  let emulator: Emulator;
  let verifier: KeyVerifier;
  const cases: [string, Record<string, unknown>][] = [
    ['null', { Status: null }],
    ['empty', { Status: '' }],
    ['revoked', { Status: 'revoked' }],
    ['REVOKED', { Status: 'REVOKED' }],
    ['"Revoked "', { Status: 'Revoked ' }],
    ['Active with RevokedAt', { Status: 'Active', RevokedAt: '2026-01-02T03:04:05Z' }],
    ['Active with RevokedById', { Status: 'Active', RevokedById: 13 }]
  ];
  const keys = new Map<string, { key: string; id: number }>();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const adele = storeAs(emulator, 'admin-adele');
    await adele.ensureProvisioned();
    for (const [label, values] of cases) {
      const { key } = await generateKey();
      const item = emulator.state.insertKey({ name: label, hash: sha256(key), tail: key.slice(-12), permission: 'FullControl', author: emulator.users.adele });
      // Written in place at version 1 (no history to read): the Status alone must be refused.
      emulator.state.overwriteInPlace(item.id, values);
      keys.set(label, { key, id: item.id });
    }
    verifier = verifierFor(emulator);
    await verifier.start();
  });
  afterAll(async () => {
    await verifier.stop();
    await emulator.close();
  });

  it.each(cases.map(([label]) => [label]))('%s: listKeys shows the row, revoked and flagged; the verifier refuses it', async (label) => {
    const records = await storeAs(emulator, 'admin-adele').listKeys();
    const record = records.find((r) => r.id === keys.get(label)!.id);
    expect(record).toMatchObject({ status: 'Revoked', integrity: { reason: 'malformed-status' } });
    await expect(verifier.verify(keys.get(label)!.key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'tampered' });
  });
});

describe('a site collection administrator who is not a Global Administrator (siteadmin-diego)', () => {
  let emulator: Emulator;
  let verifier: KeyVerifier;
  const adele = (): SharePointKeyStore => storeAs(emulator, 'admin-adele');

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await adele().ensureProvisioned();
  });
  afterEach(async () => {
    await verifier?.stop();
    await emulator.close();
  });

  it('is an exposure the audit names: the verifier refuses to start until he is removed (or trusted as a Global Administrator)', async () => {
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    await expect(verifierFor(emulator).start()).rejects.toMatchObject({ reason: 'exposed', principals: ['Diego Siciliani (i:0#.f|membership|diegos@contoso.onmicrosoft.com)'] });
    await expect(adele().checkProvisioned()).rejects.toMatchObject({ reason: 'exposed' });
    await expect(storeAs(emulator, 'admin-adele', { trustedSiteAdmins: [emulator.users.diego.loginName] }).checkProvisioned()).resolves.toBeUndefined();
  });

  it("who upgrades a key's permission and steps down: the verifier refuses the key (401) from its history, listKeys flags who and when", async () => {
    const { key, record } = await adele().createKey('Reporting', 'ReadOnly');
    verifier = verifierFor(emulator);
    await verifier.start();
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    await listAs(emulator, 'siteadmin-diego').items.getById(record.id).update({ Permission: 'FullControl' });
    emulator.state.setSiteAdmin(emulator.users.diego, false);
    const result = await until(() => verifier.verify(key, 'DELETE'), (r) => !r.allowed && r.status === 401);
    expect(result).toMatchObject({ allowed: false, status: 401, reason: 'unknown-or-revoked', cause: 'tampered' });
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'tampered' });
    const flagged = (await adele().listKeys()).find((r) => r.id === record.id);
    expect(flagged).toMatchObject({ permission: 'ReadOnly', integrity: { reason: 'permission-changed', changedBy: { displayName: 'Diego Siciliani' } } });
    expect(flagged?.integrity?.changedAt).toBeInstanceOf(Date);
  });

  it('who revives a revoked key: refused (401) from its history and flagged revived', async () => {
    const created = await adele().createKey('Retired sync', 'FullControl');
    const revoked = await adele().revokeKey(created.record.id, created.record.etag);
    verifier = verifierFor(emulator, { trustedSiteAdmins: [emulator.users.diego.loginName] });
    await verifier.start();
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    await listAs(emulator, 'siteadmin-diego').items.getById(revoked.id).update({ Status: 'Active', RevokedById: null, RevokedAt: null });
    expect(emulator.state.list()?.items.get(revoked.id)?.values.Status).toBe('Active');
    await expect(verifier.verify(created.key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'tampered' });
    const flagged = (await adele().listKeys()).find((r) => r.id === revoked.id);
    expect(flagged).toMatchObject({ status: 'Revoked', integrity: { reason: 'revived', changedBy: { displayName: 'Diego Siciliani' } } });
  });

  it('what history cannot show: a value overwritten in place at version 1 (a system update) passes; documented, not hidden', async () => {
    const { key, record } = await adele().createKey('Untouched', 'ReadOnly');
    emulator.state.overwriteInPlace(record.id, { Permission: 'FullControl' });
    verifier = verifierFor(emulator);
    await verifier.start();
    await expect(verifier.verify(key, 'DELETE')).resolves.toMatchObject({ allowed: true });
  });
});
