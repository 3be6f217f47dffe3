/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// GraphAdminRoleChecker over HTTP against the emulator's Microsoft Graph. (A tenant run needs a delegated
// user token, which the app-only contract credentials cannot give: this part runs against the emulator only.)
import { FetchGraphRequester, GraphAdminRoleChecker } from '../../src/data';
import { startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterEach(() => {
  emulator.state.setGraphMode('normal');
  emulator.state.setGraphPageSize(100);
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const checkerFor = (token: string): GraphAdminRoleChecker => new GraphAdminRoleChecker(new FetchGraphRequester({ baseUrl: emulator.graphUrl, token }));
const graphRequests = (): number => emulator.requests.filter((r) => r.path.indexOf('/graph/') === 0).length;

describe('GraphAdminRoleChecker', () => {
  it('says yes for a directly assigned Global Administrator', async () => {
    await expect(checkerFor('admin-adele').check()).resolves.toEqual({ isGlobalAdmin: true });
  });

  it('says yes for a Global Administrator through a role-assignable group', async () => {
    await expect(checkerFor('admin-alex').check()).resolves.toEqual({ isGlobalAdmin: true });
  });

  it('says no, not-assigned, for a site owner with another admin role and for a member', async () => {
    await expect(checkerFor('owner-megan').check()).resolves.toEqual({ isGlobalAdmin: false, reason: 'not-assigned' });
    await expect(checkerFor('member-lee').check()).resolves.toEqual({ isGlobalAdmin: false, reason: 'not-assigned' });
  });

  it('fails closed with grant-missing when Graph hides role details (limited information)', async () => {
    emulator.state.setGraphMode('limited-information');
    const result = await checkerFor('admin-adele').check();
    expect(result).toMatchObject({ isGlobalAdmin: false, reason: 'grant-missing' });
    expect(result.isGlobalAdmin === false && result.detail).toMatch(/RoleManagement\.Read\.Directory/);
  });

  it('fails closed with error when Graph fails', async () => {
    emulator.state.setGraphMode('error');
    await expect(checkerFor('admin-adele').check()).resolves.toMatchObject({ isGlobalAdmin: false, reason: 'error' });
    emulator.state.setGraphMode('normal');
    emulator.faults.set({ status: 503, match: { pathIncludes: '/graph/' } });
    await expect(checkerFor('admin-alex').check()).resolves.toMatchObject({ isGlobalAdmin: false, reason: 'error' });
  });

  it('follows @odata.nextLink to a role on a later page', async () => {
    emulator.state.setGraphPageSize(2);
    const before = graphRequests();
    await expect(checkerFor('admin-alex').check()).resolves.toEqual({ isGlobalAdmin: true });
    // Alex's Global Administrator entry is the fifth: pages of two means three requests.
    expect(graphRequests() - before).toBe(3);
  });

  it('asks Graph once per instance', async () => {
    const checker = checkerFor('admin-adele');
    const before = graphRequests();
    const answers = await Promise.all([checker.check(), checker.check()]);
    await checker.check();
    expect(answers).toEqual([{ isGlobalAdmin: true }, { isGlobalAdmin: true }]);
    expect(graphRequests() - before).toBe(1);
  });
});
