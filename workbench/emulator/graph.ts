// Microsoft Graph: GET /me/transitiveMemberOf (groups and directory roles, including roles held through
// role-assignable groups), paged with @odata.nextLink.
// https://learn.microsoft.com/en-us/graph/api/user-list-transitivememberof?view=graph-rest-1.0
// With User.Read alone Graph answers "limited information": "only the @odata.type property for the object type and the
// id is returned, while other properties are indicated as null"
// (https://learn.microsoft.com/en-us/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects;
// the 2019 announcement https://devblogs.microsoft.com/microsoft365dev/upcoming-api-changes-to-return-limited-information-for-inaccessible-member-resources/
// shows the properties present with null values; Microsoft Q&A 1825421 shows /me/memberOf under User.Read with every
// group property null but id). So a limited entry keeps every property, selected or default, as null.
// Error body: https://learn.microsoft.com/en-us/graph/errors
import type { EmulatorUser } from './identity';
import type { Reply, SiteData } from './exchange';
import { handleGraphLists, isGraphListPath } from './graphLists';

export const GLOBAL_ADMIN_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

interface DirectoryObject {
  '@odata.type': string;
  id: string;
  displayName: string;
  roleTemplateId?: string;
  description?: string;
}

const group = (id: string, displayName: string): DirectoryObject => ({ '@odata.type': '#microsoft.graph.group', id, displayName });
const globalAdminRole: DirectoryObject = {
  '@odata.type': '#microsoft.graph.directoryRole',
  id: '0b1f7a56-3c1e-4a7d-9a0f-5e6b0c2d9e11',
  displayName: 'Global Administrator',
  roleTemplateId: GLOBAL_ADMIN_TEMPLATE_ID,
  description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.'
};
const helpdeskRole: DirectoryObject = {
  '@odata.type': '#microsoft.graph.directoryRole',
  id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  displayName: 'Helpdesk Administrator',
  roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8'
};

/** What each person belongs to. Alex holds Global Administrator only through a role-assignable group. */
function membershipsOf(user: EmulatorUser): DirectoryObject[] {
  const everyone = group('a1000000-0000-4000-8000-000000000001', 'All Company');
  const sales = group('a1000000-0000-4000-8000-000000000002', 'Sales and Marketing');
  const site = group('a1000000-0000-4000-8000-000000000003', 'API Keys');
  const tenantAdmins = { ...group('a1000000-0000-4000-8000-000000000004', 'Tenant Admins (role-assignable)'), isAssignableToRole: true } as DirectoryObject;
  switch (user.token) {
    case 'admin-adele':
      return [everyone, sales, site, globalAdminRole];
    case 'admin-alex':
      return [everyone, site, tenantAdmins, helpdeskRole, globalAdminRole];
    case 'owner-megan':
      return [everyone, sales, site, helpdeskRole];
    case 'member-lee':
    case 'siteadmin-diego':
      return [everyone, site];
    // Eligible for Global Administrator in PIM but not activated: Graph lists only active assignments.
    case 'eligible-patti':
      return [everyone, site, tenantAdmins];
    case 'visitor-nestor':
      return [everyone];
    default:
      return [];
  }
}

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': '00000000-0000-4000-8000-000000000000' } } } };
}

/** `path` is below `/graph/v1.0`. */
export function handleGraph(
  site: SiteData,
  graphUrl: string,
  method: string,
  path: string,
  query: URLSearchParams,
  user: EmulatorUser | undefined,
  headers: Record<string, string | string[] | undefined> = {},
  rawBody: string = ''
): Reply {
  if (!user) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  if (isGraphListPath(path)) {
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      return graphError(400, 'invalidRequest', 'Unable to read JSON request payload.');
    }
    return handleGraphLists(site, graphUrl, method, path, query, headers, body, user);
  }
  if (method !== 'GET' || path.toLowerCase() !== '/me/transitivememberof') {
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
  }
  if (user.role === 'app-reader') return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  if (site.graph.mode === 'error') return graphError(500, 'generalException', 'General exception while processing.');
  const limited = site.graph.mode === 'limited-information';
  const select = (query.get('$select') ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const projected = membershipsOf(user).map((entry) => {
    const full = entry as unknown as Record<string, unknown>;
    const names = select.length > 0 ? select : Object.keys(full).filter((k) => k !== '@odata.type');
    const picked: Record<string, unknown> = { '@odata.type': entry['@odata.type'] };
    // Graph returns a selected property the object lacks as null rather than omitting it; limited entries keep only id.
    for (const name of names) picked[name] = name === 'id' ? entry.id : limited || !(name in full) ? null : full[name];
    return picked;
  });
  const skip = Number(query.get('$skiptoken') ?? '0') || 0;
  const page = projected.slice(skip, skip + site.graph.pageSize);
  const body: Record<string, unknown> = { '@odata.context': `${graphUrl}/$metadata#directoryObjects`, value: page };
  if (skip + site.graph.pageSize < projected.length) {
    const params = new URLSearchParams();
    if (select.length > 0) params.set('$select', select.join(','));
    params.set('$skiptoken', String(skip + site.graph.pageSize));
    body['@odata.nextLink'] = `${graphUrl}/me/transitiveMemberOf?${params.toString()}`;
  }
  return { status: 200, body };
}
