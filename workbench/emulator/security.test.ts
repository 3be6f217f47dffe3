/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The emulated key site's security: permission masks, who sees a list with unique permissions, versions, and a
// provisioned list (with its custom permission level) surviving a restart.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SharePointKeyStore } from '../../src/data';
import { startEmulator } from './index';
import { builtInRoleDefinitions, EDIT, hasPermission, PermissionKind, READ } from './security';
import { nodeSharePoint } from './sharePointClient';

const levelOf = (id: number) => builtInRoleDefinitions().find((d) => d.Id === id)!.BasePermissions;

describe('permission levels', () => {
  it('Edit (a team site member) manages lists, Read does not write; Full Control grants everything', () => {
    expect(hasPermission(levelOf(EDIT), PermissionKind.ManageLists)).toBe(true);
    expect(hasPermission(levelOf(EDIT), PermissionKind.ManagePermissions)).toBe(false);
    expect(hasPermission(levelOf(READ), PermissionKind.ViewListItems)).toBe(true);
    expect(hasPermission(levelOf(READ), PermissionKind.AddListItems)).toBe(false);
    expect(hasPermission(levelOf(READ), PermissionKind.ViewVersions)).toBe(true);
    expect(hasPermission({ High: '2147483647', Low: '4294967295' }, PermissionKind.EnumeratePermissions)).toBe(true);
  });
});

describe('the key site over HTTP', () => {
  it('versions: every write makes one, newest first, with its editor; a user without access is told the list does not exist', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const adele = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'));
      await adele.ensureProvisioned();
      const { record } = await adele.createKey('Versioned', 'ReadOnly');
      await adele.renameKey(record.id, 'Versioned 2', record.etag);
      const url = `${emulator.siteUrl}/_api/web/lists/getByTitle('API%20Keys')/items(${record.id})/versions?$expand=CreatedBy`;
      const answer = (await (await fetch(url, { headers: { Authorization: 'Bearer admin-alex', Accept: 'application/json' } })).json()) as { value: Record<string, unknown>[] };
      expect(answer.value.map((v) => [v.VersionLabel, v.VersionId, v.IsCurrentVersion, v.Title, v.Permission])).toEqual([
        ['2.0', 1024, true, 'Versioned 2', 'ReadOnly'],
        ['1.0', 512, false, 'Versioned', 'ReadOnly']
      ]);
      expect(answer.value[0].CreatedBy).toMatchObject({ Id: emulator.users.adele.siteUserId, Title: 'Adele Vance' });
      const hidden = await fetch(url, { headers: { Authorization: 'Bearer owner-megan', Accept: 'application/json' } });
      expect(hidden.status).toBe(404);
    } finally {
      await emulator.close();
    }
  });

  it('a provisioned list and its permission level survive a restart', async () => {
    const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'akm-security-')), 'site.json');
    const first = await startEmulator({ port: 0, dataFile });
    await new SharePointKeyStore(nodeSharePoint(first.siteUrl, 'admin-adele')).ensureProvisioned();
    await new SharePointKeyStore(nodeSharePoint(first.siteUrl, 'admin-adele')).createKey('Kept', 'FullControl');
    await first.close();
    const second = await startEmulator({ port: 0, dataFile });
    try {
      await expect(new SharePointKeyStore(nodeSharePoint(second.siteUrl, 'admin-alex')).listKeys()).resolves.toHaveLength(1);
      await expect(new SharePointKeyStore(nodeSharePoint(second.siteUrl, 'admin-alex')).checkProvisioned()).resolves.toBeUndefined();
      await expect(new SharePointKeyStore(nodeSharePoint(second.siteUrl, 'owner-megan')).listKeys()).rejects.toMatchObject({ reason: 'missing-list' });
    } finally {
      await second.close();
    }
  });
});

describe('security trimming', () => {
  it('the site\'s list of lists leaves out a list the caller cannot see', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      emulator.state.provisionList();
      const titles = async (token: string): Promise<string[]> =>
        ((await (await fetch(`${emulator.siteUrl}/_api/web/lists?$select=Title`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })).json()) as { value: { Title: string }[] }).value.map((l) => l.Title);
      expect(await titles('admin-adele')).toEqual(['API Keys', 'API Key Usage']);
      expect(await titles('owner-megan')).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
