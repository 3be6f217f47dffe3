import { GLOBAL_ADMINISTRATOR_TEMPLATE_ID, GraphAdminRoleChecker, MEMBERSHIP_QUERY } from './GraphAdminRoleChecker';
import type { GraphRequester } from './GraphAdminRoleChecker';

const role = (roleTemplateId?: string): Record<string, unknown> => ({ '@odata.type': '#microsoft.graph.directoryRole', id: 'r', ...(roleTemplateId ? { roleTemplateId } : {}) });
const group = (): Record<string, unknown> => ({ '@odata.type': '#microsoft.graph.group', id: 'g', roleTemplateId: null });

/** Pages keyed by the path or link asked for. */
function graph(pages: Record<string, unknown>): GraphRequester & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async (pathOrUrl: string) => {
      asked.push(pathOrUrl);
      if (!(pathOrUrl in pages)) throw new Error(`unexpected ${pathOrUrl}`);
      return pages[pathOrUrl];
    }
  };
}

describe('GraphAdminRoleChecker (unit)', () => {
  it('matches the template id, not the display name, whatever the case', async () => {
    const renamed = { ...role(GLOBAL_ADMINISTRATOR_TEMPLATE_ID.toUpperCase()), displayName: 'Company Administrator' };
    await expect(new GraphAdminRoleChecker(graph({ [MEMBERSHIP_QUERY]: { value: [group(), renamed] } })).check()).resolves.toEqual({ isGlobalAdmin: true });
    const lookalike = { ...role('729827e3-9c14-49f7-bb1b-9608f156bbb8'), displayName: 'Global Administrator' };
    await expect(new GraphAdminRoleChecker(graph({ [MEMBERSHIP_QUERY]: { value: [lookalike] } })).check()).resolves.toEqual({ isGlobalAdmin: false, reason: 'not-assigned' });
  });

  it('keeps reading pages after a hidden role: a later page can still prove the role', async () => {
    const requester = graph({ [MEMBERSHIP_QUERY]: { value: [role()], '@odata.nextLink': 'https://next/1' }, 'https://next/1': { value: [role(GLOBAL_ADMINISTRATOR_TEMPLATE_ID)] } });
    await expect(new GraphAdminRoleChecker(requester).check()).resolves.toEqual({ isGlobalAdmin: true });
    expect(requester.asked).toEqual([MEMBERSHIP_QUERY, 'https://next/1']);
  });

  it('says grant-missing when roles came back without template ids and none proved the role', async () => {
    const result = await new GraphAdminRoleChecker(graph({ [MEMBERSHIP_QUERY]: { value: [group(), role()] } })).check();
    expect(result).toMatchObject({ isGlobalAdmin: false, reason: 'grant-missing' });
  });

  it('gives up with error on an endless nextLink chain', async () => {
    const requester: GraphRequester = { get: async () => ({ value: [group()], '@odata.nextLink': 'https://again' }) };
    await expect(new GraphAdminRoleChecker(requester).check()).resolves.toMatchObject({ isGlobalAdmin: false, reason: 'error' });
  });

  it('says error, with the cause, when Graph rejects or answers garbage', async () => {
    const failing: GraphRequester = { get: async () => Promise.reject(new Error('Microsoft Graph: Access token has expired.')) };
    await expect(new GraphAdminRoleChecker(failing).check()).resolves.toEqual({ isGlobalAdmin: false, reason: 'error', detail: 'Microsoft Graph: Access token has expired.' });
    await expect(new GraphAdminRoleChecker(graph({ [MEMBERSHIP_QUERY]: null })).check()).resolves.toEqual({ isGlobalAdmin: false, reason: 'not-assigned' });
  });
});
