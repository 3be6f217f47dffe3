// Lists of the site: /_api/web/lists, getByTitle('...'), lists(guid'...'), list settings and permissions.
// Sources:
// - Lists REST (GET by title, POST to create with Title/BaseTemplate/Description, MERGE to update):
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest
// - What PnPjs 4.19 sends: lists.add() POSTs {AllowContentTypes, BaseTemplate, ContentTypesEnabled, Description,
//   Title, ...additionalSettings}; list.update() POSTs with X-HTTP-Method MERGE and IF-Match "*"
//   (pnp/pnpjs packages/sp/lists/types.ts).
// - breakroleinheritance(copyroleassignments, clearsubscopes), roleassignments/addroleassignment(principalid, roledefid),
//   roleassignments/removeroleassignment(principalid, roledefid):
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface
//   and pnp/pnpjs packages/sp/security/funcs.ts, types.ts. Breaking with copy copies the parent's assignments (the
//   site's groups at their levels); without copy SharePoint leaves the caller's own Full Control only (same page:
//   "copyRoleAssignments: false" then add the assignments you want). These need Manage Permissions on the list;
//   reading the assignments needs Enumerate Permissions (PermissionKind, security.ts).
// - OnQuickLaunch (SP.List.OnQuickLaunch, settable on create and MERGE), BaseTemplate kept and answered with its
//   BaseType, the 255-character title limit: writeRules.ts with their sources.
// - Missing list: 404 `-1, System.ArgumentException` "List 'X' does not exist at site with URL '...'." (DESIGN.md, Wire facts).
// - A list by id, three spellings: `lists(guid'<id>')` (SharePoint's own odata.id; SharePoint/sp-dev-docs
//   docs/sp-add-ins/sharepoint-net-server-csom-jsom-and-rest-api-index.md, "SP.List ... /_api/web/lists(guid'<list id>')"),
//   `lists/getbyid('<id>')` (SP.ListCollection.GetById), and `lists('<id>')`, which is what PnPjs 4 `lists.getById(id)`
//   sends (pnp/pnpjs packages/sp/lists/types.ts: `List(this).concat(\`('${id}')\`)`).
//   A missing id answers 404 `-2130575322, Microsoft.SharePoint.SPException` "List does not exist. ..." (TP_E_LISTDELETED;
//   the body pnp/cli-microsoft365 tests for in src/m365/spo/commands/list/list-get.spec.ts).
import { handleFields } from './fields';
import { handleItems } from './items';
import { currentChangeToken, handleGetChanges } from './changes';
import { FULL_CONTROL_ROLE_DEF_ID } from './identity';
import { newList } from './model';
import type { ListState } from './model';
import { ODataError, splitList } from './odata';
import { demand, demandManageListsOnWeb, mayOnList } from './permissions';
import { principalExists, roleAssignmentsJson } from './siteSecurity';
import { json } from './exchange';
import { checkListTemplate, checkListTitle, LIST_TEMPLATES } from './writeRules';
import type { Reply, RequestContext, SiteData } from './exchange';

export function entityTypeName(list: ListState): string {
  return `${list.title.replace(/ /g, '_x0020_')}List`;
}

export function listNotFound(site: SiteData, title: string): ODataError {
  return new ODataError(404, '-1, System.ArgumentException', `List '${title}' does not exist at site with URL '${site.siteUrl}'.`);
}

export function listIdNotFound(): ODataError {
  return new ODataError(
    404,
    '-2130575322, Microsoft.SharePoint.SPException',
    'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.'
  );
}

function listProperties(site: SiteData, list: ListState): Record<string, unknown> {
  return {
    AllowContentTypes: false,
    BaseTemplate: list.baseTemplate ?? 100,
    BaseType: LIST_TEMPLATES[list.baseTemplate ?? 100]?.baseType ?? 0,
    ContentTypesEnabled: false,
    Created: list.created,
    CurrentChangeToken: { StringValue: currentChangeToken(list) },
    Description: list.description,
    EnableVersioning: list.enableVersioning,
    EntityTypeName: entityTypeName(list),
    HasUniqueRoleAssignments: list.hasUniqueRoleAssignments,
    Hidden: list.hidden,
    Id: list.id,
    ItemCount: list.items.size,
    LastItemModifiedDate: list.lastItemModified,
    ListItemEntityTypeFullName: `SP.Data.${entityTypeName(list)}Item`,
    NoCrawl: list.noCrawl,
    OnQuickLaunch: list.onQuickLaunch ?? false,
    ParentWebUrl: new URL(site.siteUrl).pathname,
    Title: list.title
  };
}

/** A list as SharePoint answers it in minimal metadata, reduced to $select when given. */
export function listJson(site: SiteData, list: ListState, select: string[]): Record<string, unknown> {
  const all = listProperties(site, list);
  const base: Record<string, unknown> = {
    'odata.metadata': `${site.siteUrl}/_api/$metadata#SP.ApiData.Lists/@Element`,
    'odata.type': 'SP.List',
    'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${list.id}')`,
    'odata.editLink': `Web/Lists(guid'${list.id}')`
  };
  const names = select.length === 0 || select.indexOf('*') >= 0 ? Object.keys(all) : select;
  for (const name of names) {
    const key = Object.keys(all).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.List'.`);
    base[key] = all[key];
  }
  return base;
}

const SETTABLE_ON_CREATE = ['AllowContentTypes', 'BaseTemplate', 'ContentTypesEnabled', 'Description', 'Title', 'Hidden', 'NoCrawl', 'EnableVersioning', 'OnQuickLaunch', '__metadata'];
const SETTABLE_ON_MERGE = ['Description', 'Title', 'Hidden', 'NoCrawl', 'EnableVersioning', 'ContentTypesEnabled', 'OnQuickLaunch', '__metadata'];

function applySettings(list: ListState, body: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(body)) {
    if (allowed.indexOf(key) < 0) {
      throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${key}' does not exist on type 'SP.List'. Make sure to only use property names that are defined by the type.`);
    }
  }
  if (typeof body.Title === 'string') {
    checkListTitle(body.Title);
    list.title = body.Title;
  }
  if (typeof body.OnQuickLaunch === 'boolean') list.onQuickLaunch = body.OnQuickLaunch;
  if (typeof body.Description === 'string') list.description = body.Description;
  if (typeof body.Hidden === 'boolean') list.hidden = body.Hidden;
  if (typeof body.NoCrawl === 'boolean') list.noCrawl = body.NoCrawl;
  if (typeof body.EnableVersioning === 'boolean') list.enableVersioning = body.EnableVersioning;
}

function objectBody(ctx: RequestContext): Record<string, unknown> {
  return ctx.body !== null && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {};
}

/** Breaks inheritance the way SharePoint does: copy the parent's assignments, or keep only the caller's Full Control. */
export function breakInheritance(site: Pick<SiteData, 'security'>, list: ListState, copyRoleAssignments: boolean, callerSiteUserId: number | undefined): void {
  if (list.hasUniqueRoleAssignments) return;
  list.hasUniqueRoleAssignments = true;
  list.roleAssignments = copyRoleAssignments
    ? site.security.webAssignments.map((a) => ({ ...a }))
    : callerSiteUserId !== undefined
      ? [{ principalId: callerSiteUserId, roleDefId: FULL_CONTROL_ROLE_DEF_ID }]
      : [];
}

export function findList(site: SiteData, locator: { title?: string; id?: string }): ListState | undefined {
  if (locator.id !== undefined) {
    const id = locator.id.toLowerCase();
    return site.lists.find((l) => l.id.toLowerCase() === id);
  }
  const title = (locator.title ?? '').toLowerCase();
  return site.lists.find((l) => l.title.toLowerCase() === title);
}

/** `web/lists...`: the collection, or one list and what hangs below it. */
export function handleLists(ctx: RequestContext, rest: string): Reply {
  if (rest === '' || rest === '/') {
    if (ctx.method === 'POST' && ctx.tunnelledMethod === undefined) return createList(ctx);
    if (ctx.method === 'GET') {
      const select = splitList(ctx.query.get('$select'));
      // Lists the caller may not see are left out, as SharePoint does (security trimming).
      return json({ value: ctx.site.lists.filter((l) => !l.hasUniqueRoleAssignments || mayOnList(ctx, l, 'read')).map((l) => listJson(ctx.site, l, select)) });
    }
    throw new ODataError(405, '-1, Microsoft.SharePoint.Client.ClientServiceException', 'The HTTP method is not supported here.');
  }
  const byTitle = /^\/getbytitle\('((?:[^']|'')*)'\)(.*)$/i.exec(rest);
  const byId = /^(?:\((?:guid)?'([0-9a-f-]{36})'\)|\/getbyid\('([0-9a-f-]{36})'\))(.*)$/i.exec(rest);
  let list: ListState | undefined;
  let below: string;
  let title: string;
  if (byTitle) {
    title = byTitle[1].replace(/''/g, "'");
    list = findList(ctx.site, { title });
    below = byTitle[2];
  } else if (byId) {
    title = byId[1] ?? byId[2];
    list = findList(ctx.site, { id: title });
    below = byId[3];
  } else {
    throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${rest.replace(/^\//, '')}.`);
  }
  if (!list) throw byId ? listIdNotFound() : listNotFound(ctx.site, title);
  return handleList(ctx, list, below);
}

function handleList(ctx: RequestContext, list: ListState, below: string): Reply {
  const lower = below.toLowerCase();
  if (lower === '' || lower === '/') {
    if (ctx.method === 'GET') {
      demand(list, ctx, 'read');
      return json(listJson(ctx.site, list, splitList(ctx.query.get('$select'))));
    }
    if (ctx.method === 'POST' && ctx.tunnelledMethod === 'MERGE') {
      demand(list, ctx, 'manage');
      applySettings(list, objectBody(ctx), SETTABLE_ON_MERGE);
      ctx.site.changed();
      return { status: 204 };
    }
    if ((ctx.method === 'POST' && ctx.tunnelledMethod === 'DELETE') || ctx.method === 'DELETE') {
      demand(list, ctx, 'manage');
      ctx.site.lists.splice(ctx.site.lists.indexOf(list), 1);
      ctx.site.changed();
      return { status: 200, body: { 'odata.null': true } };
    }
  }
  const breakMatch = /^\/breakroleinheritance\(copyroleassignments=(true|false),\s*clearsubscopes=(true|false)\)$/i.exec(below);
  if (breakMatch && ctx.method === 'POST') {
    demand(list, ctx, 'managePermissions');
    breakInheritance(ctx.site, list, breakMatch[1].toLowerCase() === 'true', ctx.user.siteUserId);
    ctx.site.changed();
    return { status: 200, body: { 'odata.null': true } };
  }
  if (lower === '/resetroleinheritance' && ctx.method === 'POST') {
    demand(list, ctx, 'managePermissions');
    list.hasUniqueRoleAssignments = false;
    list.roleAssignments = [];
    ctx.site.changed();
    return { status: 200, body: { 'odata.null': true } };
  }
  const grant = /^\/roleassignments\/(addroleassignment|removeroleassignment)\(principalid=(\d+),\s*roledefid=(\d+)\)$/i.exec(below);
  if (grant && ctx.method === 'POST') {
    demand(list, ctx, 'managePermissions');
    if (!list.hasUniqueRoleAssignments) {
      throw new ODataError(400, '-2146232832, Microsoft.SharePoint.SPException', 'This operation is not allowed on an object that inherits permissions.');
    }
    const principalId = Number(grant[2]);
    const roleDefId = Number(grant[3]);
    if (!principalExists(ctx.site, principalId) || !ctx.site.security.roleDefinitions.some((d) => d.Id === roleDefId)) {
      throw new ODataError(400, '-2146232832, Microsoft.SharePoint.SPException', 'Value does not fall within the expected range.');
    }
    const held = list.roleAssignments.some((a) => a.principalId === principalId && a.roleDefId === roleDefId);
    if (grant[1].toLowerCase() === 'addroleassignment') {
      if (!held) list.roleAssignments.push({ principalId, roleDefId });
    } else {
      list.roleAssignments = list.roleAssignments.filter((a) => !(a.principalId === principalId && a.roleDefId === roleDefId));
    }
    ctx.site.changed();
    return { status: 200, body: { 'odata.null': true } };
  }
  if (lower === '/roleassignments' && ctx.method === 'GET') {
    demand(list, ctx, 'enumeratePermissions');
    if (!list.hasUniqueRoleAssignments) {
      // An inheriting list answers with its parent's assignments.
      return roleAssignmentsJson(ctx, { ...list, roleAssignments: ctx.site.security.webAssignments });
    }
    return roleAssignmentsJson(ctx, list);
  }
  if (lower.indexOf('/fields') === 0) return handleFields(ctx, list, below.slice('/fields'.length));
  if (lower.indexOf('/items') === 0) return handleItems(ctx, list, below.slice('/items'.length));
  if (lower === '/getchanges' && ctx.method === 'POST') return handleGetChanges(ctx, list);
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${below.replace(/^\//, '')}.`);
}

function createList(ctx: RequestContext): Reply {
  demandManageListsOnWeb(ctx);
  const body = objectBody(ctx);
  const title = typeof body.Title === 'string' ? body.Title : '';
  if (title.trim() === '') throw new ODataError(400, '-2147024809, System.ArgumentException', 'The list title is required.');
  checkListTitle(title);
  const baseTemplate = checkListTemplate(body.BaseTemplate);
  if (findList(ctx.site, { title })) {
    throw new ODataError(
      500,
      '-2130575342, Microsoft.SharePoint.SPException',
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.'
    );
  }
  const list = newList(title, '');
  applySettings(list, body, SETTABLE_ON_CREATE);
  list.baseTemplate = baseTemplate;
  ctx.site.lists.push(list);
  ctx.site.changed();
  return json(listJson(ctx.site, list, []), 201);
}
