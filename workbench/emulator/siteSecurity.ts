// The web's security endpoints: site users (with IsSiteAdmin), ensureuser, permission levels (role definitions),
// and the JSON of principals and role assignments. Sources:
// - `GET /_api/web/siteusers` (SP.User: Id, IsHiddenInUI, LoginName, Title, PrincipalType, Email, IsSiteAdmin,
//   UserPrincipalName), `$filter=IsSiteAdmin eq true` for the site collection administrators; `POST
//   /_api/web/ensureuser` with `{"logonName": "..."}` returns the SP.User, adding it to the site when needed:
//   SharePoint/sp-dev-docs docs/sp-add-ins/users-groups-and-roles-rest-api-reference.md; PnPjs `web.siteUsers`,
//   `web.ensureUser(logonName)` (pnp/pnpjs packages/sp/site-users/web.ts posts `{ logonName }`).
//   An unknown login: 500 `-2146232832, Microsoft.SharePoint.SPException` "The specified user X could not be found."
//   (pnp/modernization issue #14 quotes the message).
// - `GET /_api/web/roledefinitions`, `getbyname('X')`, `POST /_api/web/roledefinitions` with {BasePermissions:{High,Low},
//   Description, Name, Order} (PnPjs RoleDefinitions.add, packages/sp/security/types.ts; same reference page).
// - `roleassignments?$expand=Member,RoleDefinitionBindings`: one SP.RoleAssignment per principal with PrincipalId,
//   Member (SP.User or SP.Group) and the bound SP.RoleDefinition array (same reference page, RoleAssignment and
//   RoleDefinitionBindingCollection resources).
import { json } from './exchange';
import type { Reply, RequestContext, SiteData } from './exchange';
import type { EmulatorUser } from './identity';
import { MEMBERS_GROUP, OWNERS_GROUP, VISITORS_GROUP } from './identity';
import type { ListState } from './model';
import { evaluateFilter, ODataError, parseFilter, splitList } from './odata';
import { demandBrowseUsers, demandManagePermissionsOnWeb } from './permissions';
import { GLOBAL_ADMIN_PRINCIPAL, SHAREPOINT_ADMIN_PRINCIPAL } from './security';
import type { ClaimPrincipal, RoleDefinitionState } from './security';

const GROUPS = [OWNERS_GROUP, VISITORS_GROUP, MEMBERS_GROUP];

function userProperties(site: SiteData, user: EmulatorUser): Record<string, unknown> {
  return {
    Id: user.siteUserId,
    IsHiddenInUI: false,
    LoginName: user.loginName,
    Title: user.displayName,
    PrincipalType: 1,
    Email: user.email,
    // The principal's own flag: a user who is an admin only through a claim (the Global Administrator principal) is not listed as one.
    IsSiteAdmin: user.isSiteAdmin || site.security.siteAdminPrincipals.indexOf(user.siteUserId) >= 0,
    UserPrincipalName: user.email || null
  };
}

function claimProperties(site: SiteData, claim: ClaimPrincipal): Record<string, unknown> {
  return {
    Id: claim.siteUserId,
    IsHiddenInUI: false,
    LoginName: claim.loginName,
    Title: claim.title,
    PrincipalType: claim.principalType,
    Email: '',
    IsSiteAdmin: site.security.siteAdminPrincipals.indexOf(claim.siteUserId) >= 0,
    UserPrincipalName: null
  };
}

/** The site's users as SharePoint lists them: people, the app, and the tenant claim principals it knows. */
function siteUsers(site: SiteData): Record<string, unknown>[] {
  return site.users.all.map((u) => userProperties(site, u)).concat([claimProperties(site, GLOBAL_ADMIN_PRINCIPAL)]);
}

export function principalJson(site: SiteData, principalId: number): Record<string, unknown> {
  const group = GROUPS.find((g) => g.Id === principalId);
  if (group) {
    return { 'odata.type': 'SP.Group', 'odata.id': `${site.siteUrl}/_api/Web/SiteGroups/GetById(${group.Id})`, ...group, IsHiddenInUI: false };
  }
  const user = site.users.bySiteUserId(principalId);
  const props = user ? userProperties(site, user) : principalId === GLOBAL_ADMIN_PRINCIPAL.siteUserId ? claimProperties(site, GLOBAL_ADMIN_PRINCIPAL) : undefined;
  if (!props) throw new ODataError(400, '-2146232832, Microsoft.SharePoint.SPException', `The principal ${principalId} does not exist.`);
  return { 'odata.type': 'SP.User', 'odata.id': `${site.siteUrl}/_api/Web/GetUserById(${principalId})`, ...props };
}

export function principalExists(site: SiteData, principalId: number): boolean {
  return GROUPS.some((g) => g.Id === principalId) || site.users.bySiteUserId(principalId) !== undefined || principalId === GLOBAL_ADMIN_PRINCIPAL.siteUserId;
}

function roleDefinitionJson(site: SiteData, definition: RoleDefinitionState): Record<string, unknown> {
  return {
    'odata.type': 'SP.RoleDefinition',
    'odata.id': `${site.siteUrl}/_api/Web/RoleDefinitions(${definition.Id})`,
    'odata.editLink': `Web/RoleDefinitions(${definition.Id})`,
    BasePermissions: { High: definition.BasePermissions.High, Low: definition.BasePermissions.Low },
    Description: definition.Description,
    Hidden: definition.Hidden,
    Id: definition.Id,
    Name: definition.Name,
    Order: definition.Order,
    RoleTypeKind: definition.RoleTypeKind
  };
}

/** The list's role assignments, one per principal; `$expand=Member,RoleDefinitionBindings` adds who and at which levels. */
export function roleAssignmentsJson(ctx: RequestContext, list: ListState): Reply {
  const expand = splitList(ctx.query.get('$expand')).map((e) => e.toLowerCase());
  const principals: number[] = [];
  for (const assignment of list.roleAssignments) if (principals.indexOf(assignment.principalId) < 0) principals.push(assignment.principalId);
  const value = principals.map((principalId) => {
    const entry: Record<string, unknown> = {
      'odata.type': 'SP.RoleAssignment',
      'odata.id': `${ctx.site.siteUrl}/_api/Web/Lists(guid'${list.id}')/RoleAssignments/GetByPrincipalId(${principalId})`,
      PrincipalId: principalId
    };
    if (expand.indexOf('member') >= 0) entry.Member = principalJson(ctx.site, principalId);
    if (expand.indexOf('roledefinitionbindings') >= 0) {
      entry.RoleDefinitionBindings = list.roleAssignments
        .filter((a) => a.principalId === principalId)
        .map((a) => ctx.site.security.roleDefinitions.find((d) => d.Id === a.roleDefId))
        .filter((d): d is RoleDefinitionState => d !== undefined)
        .map((d) => roleDefinitionJson(ctx.site, d));
    }
    return entry;
  });
  return json({ value });
}

function filtered(ctx: RequestContext, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const text = ctx.query.get('$filter');
  if (!text) return rows;
  const filter = parseFilter(text);
  return rows.filter((row) =>
    evaluateFilter(filter, (name) => {
      const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key === undefined) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.User'.`);
      return row[key] as never;
    })
  );
}

function selected(rows: Record<string, unknown>[], selectText: string | null): Record<string, unknown>[] {
  const select = splitList(selectText);
  if (select.length === 0) return rows;
  return rows.map((row) => {
    const picked: Record<string, unknown> = {};
    for (const name of select) {
      const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key === undefined) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.User'.`);
      picked[key] = row[key];
    }
    return picked;
  });
}

/** `web/siteusers`, `web/ensureuser`, `web/roledefinitions...` on the key site; undefined when the path is none of them. */
export function handleWebSecurity(ctx: RequestContext, lowerPath: string): Reply | undefined {
  if (lowerPath === '/web/siteusers' && ctx.method === 'GET') {
    demandBrowseUsers(ctx);
    return json({ value: selected(filtered(ctx, siteUsers(ctx.site)), ctx.query.get('$select')) });
  }
  if (lowerPath === '/web/ensureuser' && ctx.method === 'POST') {
    demandManagePermissionsOnWeb(ctx);
    const logonName = String(((ctx.body ?? {}) as { logonName?: unknown }).logonName ?? '');
    const found = siteUsers(ctx.site).find((u) => String(u.LoginName).toLowerCase() === logonName.toLowerCase());
    if (!found) throw new ODataError(500, '-2146232832, Microsoft.SharePoint.SPException', `The specified user ${logonName} could not be found.`);
    return json({ 'odata.type': 'SP.User', 'odata.id': `${ctx.site.siteUrl}/_api/Web/GetUserById(${String(found.Id)})`, ...found });
  }
  if (lowerPath === '/web/roledefinitions') {
    if (ctx.method === 'GET') return json({ value: ctx.site.security.roleDefinitions.map((d) => roleDefinitionJson(ctx.site, d)) });
    if (ctx.method === 'POST' && ctx.tunnelledMethod === undefined) return addRoleDefinition(ctx);
  }
  const byName = /^\/web\/roledefinitions\/getbyname\('((?:[^']|'')*)'\)$/i.exec(ctx.apiPath);
  if (byName && ctx.method === 'GET') {
    const name = byName[1].replace(/''/g, "'").toLowerCase();
    const definition = ctx.site.security.roleDefinitions.find((d) => d.Name.toLowerCase() === name);
    if (!definition) throw new ODataError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Permission level cannot be found.');
    return json(roleDefinitionJson(ctx.site, definition));
  }
  return undefined;
}

function addRoleDefinition(ctx: RequestContext): Reply {
  demandManagePermissionsOnWeb(ctx);
  const body = (ctx.body ?? {}) as { Name?: unknown; Description?: unknown; Order?: unknown; BasePermissions?: { High?: unknown; Low?: unknown } };
  const name = typeof body.Name === 'string' ? body.Name.trim() : '';
  if (name === '' || !body.BasePermissions) throw new ODataError(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range.');
  if (ctx.site.security.roleDefinitions.some((d) => d.Name.toLowerCase() === name.toLowerCase())) {
    throw new ODataError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The permission level name already exists. Please choose another name.');
  }
  const definition: RoleDefinitionState = {
    Id: ctx.site.security.nextRoleDefinitionId++,
    Name: name,
    Description: typeof body.Description === 'string' ? body.Description : '',
    Order: typeof body.Order === 'number' ? body.Order : 1000,
    RoleTypeKind: 0,
    Hidden: false,
    BasePermissions: { High: String(body.BasePermissions.High ?? '0'), Low: String(body.BasePermissions.Low ?? '0') }
  };
  ctx.site.security.roleDefinitions.push(definition);
  ctx.site.changed();
  return json(roleDefinitionJson(ctx.site, definition), 201);
}

/**
 * The tenant's root site, only as far as the product reads it: its site collection administrators, where the
 * Global Administrator principal ("Company Administrator") is the primary admin (OfficeDocs-SharePoint
 * default-sharepoint-groups.md). The verifier's app holds Sites.Selected on the key site only: the root refuses it.
 */
export function handleRootSite(ctx: RequestContext, lowerPath: string): Reply {
  if (lowerPath === '/web/siteusers' && ctx.method === 'GET') {
    if (ctx.user.role === 'app-reader') throw new ODataError(403, '-2147024891, System.UnauthorizedAccessException', 'Access denied.');
    const rows = [GLOBAL_ADMIN_PRINCIPAL, SHAREPOINT_ADMIN_PRINCIPAL]
      .map((claim) => ({ ...claimProperties(ctx.site, claim), IsSiteAdmin: true }))
      .concat(ctx.site.users.all.filter((u) => u.role !== 'app-reader').map((u) => ({ ...userProperties(ctx.site, u), IsSiteAdmin: false })));
    return json({ value: selected(filtered(ctx, rows), ctx.query.get('$select')) });
  }
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${ctx.apiPath.replace(/^\//, '')}.`);
}
