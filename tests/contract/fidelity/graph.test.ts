/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Microsoft Graph /me/transitiveMemberOf: the shape the role check reads, and "limited information".
import { describeOnTargets } from './fidelityTargets';
import type { FidelityTarget } from './fidelityTargets';

jest.setTimeout(60_000);

const QUERY = '/me/transitiveMemberOf?$select=id,displayName,roleTemplateId';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

async function graphAs(t: FidelityTarget, token: string, path: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${t.emulator!.graphUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

describeOnTargets('Graph', ({ everywhere, emulatorOnly }) => {
  everywhere('/me with an app-only token: 400 BadRequest "/me request is only valid with delegated authentication flow." [learn: graph/errors; graph/auth-v2-service]', async (t) => {
    const me = await t.graphAsApp('/me/transitiveMemberOf');
    expect(me.status).toBe(400);
    expect(me.body.error).toMatchObject({ code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' });
  });

  emulatorOnly('with RoleManagement.Read.Directory: directoryRole entries carry roleTemplateId; groups answer the selected property they lack as null [learn: graph/api/user-list-transitivememberof]', 'needs a delegated Global Administrator token', async (t, emulator) => {
    emulator.state.setGraphMode('normal');
    const answer = await graphAs(t, emulator.users.adele.token, QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toEqual(expect.stringContaining('$metadata#directoryObjects'));
    expect(answer.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.directoryRole', id: expect.any(String), displayName: 'Global Administrator', roleTemplateId: GLOBAL_ADMIN });
    expect(answer.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.group', id: expect.any(String), displayName: 'All Company', roleTemplateId: null });
  });

  emulatorOnly('with User.Read only ("limited information"): every entry keeps @odata.type and id, and every other property is present as null [learn: graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects]', 'needs a delegated token without RoleManagement.Read.Directory', async (t, emulator) => {
    emulator.state.setGraphMode('limited-information');
    try {
      const selected = await graphAs(t, emulator.users.adele.token, QUERY);
      expect(selected.status).toBe(200);
      expect(selected.body.value.length).toBeGreaterThan(0);
      for (const entry of selected.body.value) {
        expect(entry).toEqual({ '@odata.type': expect.stringMatching(/^#microsoft\.graph\.(group|directoryRole)$/), id: expect.any(String), displayName: null, roleTemplateId: null });
      }
      const unselected = await graphAs(t, emulator.users.adele.token, '/me/transitiveMemberOf');
      const role = unselected.body.value.find((e: { '@odata.type': string }) => e['@odata.type'] === '#microsoft.graph.directoryRole');
      expect(role).toEqual({ '@odata.type': '#microsoft.graph.directoryRole', id: expect.any(String), displayName: null, roleTemplateId: null, description: null });
    } finally {
      emulator.state.setGraphMode('normal');
    }
  });

  emulatorOnly('pages of the membership follow @odata.nextLink [learn: graph/paging]', 'needs more memberships than a page', async (t, emulator) => {
    emulator.state.setGraphPageSize(2);
    try {
      const first = await graphAs(t, emulator.users.alex.token, QUERY);
      expect(first.body.value).toHaveLength(2);
      expect(first.body['@odata.nextLink']).toEqual(expect.stringContaining('/me/transitiveMemberOf?'));
    } finally {
      emulator.state.setGraphPageSize(100);
    }
  });
});
