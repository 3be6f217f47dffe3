// Microsoft Graph on SharePoint lists, for the verifier's last-used writes and the admin's list-level app grant.
// Sources:
// - Selected scopes: an app consented Lists.SelectedOperations.Selected has no access until
//   `POST /sites/{siteId}/lists/{listId}/permissions` grants it a role on that list (read, write, owner, fullcontrol),
//   and its token must carry the scope; the grant covers that list and its items only; "lower scopes can never provide
//   access to higher-level resources" (https://learn.microsoft.com/en-us/graph/permissions-selected-overview,
//   microsoftgraph/microsoft-graph-docs-contrib concepts/permissions-selected-overview.md). Creating a list
//   permission needs Sites.FullControl.All or Sites.Selected + fullcontrol/owner on the site: the emulator lets an
//   active Global Administrator stand for that (Graph PowerShell, delegated Sites.FullControl.All).
// - POST .../permissions (v1.0, app permissions only): https://learn.microsoft.com/en-us/graph/api/list-post-permissions?view=graph-rest-1.0
//   body {"roles":["write"],"grantedTo":{"application":{"id":...}}} (grantedToV2 in newer docs), 201 with the permission.
// - List items: GET .../items?$expand=fields($select=...) (listitem-list), POST .../items {"fields":{...}} 201
//   (listitem-create), PATCH .../items/{id}/fields 200 with the fieldValueSet (listitem-update; If-Match with a stale
//   eTag: 412). A site id is `{hostname},{site collection id},{web id}` (https://learn.microsoft.com/en-us/graph/api/resources/site).
//   Errors: {"error":{"code":"accessDenied"|"itemNotFound"|"preconditionFailed"|"invalidRequest",...}}
//   (https://learn.microsoft.com/en-us/graph/errors).
// Not modelled: delegated item calls (the product makes none), the verifier's app through Sites.Selected on Graph
// (it is consented on SharePoint's resource, not Graph's: its Graph token reaches only lists granted to it), and
// whether a list grant shows among SharePoint's roleassignments (not documented; here it does not).
import { randomUUID } from 'crypto';
import type { Reply, SiteData } from './exchange';
import type { EmulatorUser } from './identity';
import { recordChange, SITE_ID, WEB_ID } from './model';
import type { ItemState, ListState } from './model';
import { spDate } from './odata';

export interface ListAppGrantState {
  id: string;
  /** The Entra app's client id (the emulator's app-verifier: its objectId). */
  appId: string;
  displayName: string;
  roles: ('read' | 'write' | 'owner' | 'fullcontrol')[];
}

type Role = ListAppGrantState['roles'][number];

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

export function appGrantsOf(list: ListState): ListAppGrantState[] {
  return (list as ListState & { appGrants?: ListAppGrantState[] }).appGrants ?? [];
}

export function setAppGrants(list: ListState, grants: ListAppGrantState[]): void {
  (list as ListState & { appGrants?: ListAppGrantState[] }).appGrants = grants;
}

function appRoles(list: ListState, user: EmulatorUser): Role[] {
  return appGrantsOf(list)
    .filter((g) => g.appId === user.objectId)
    .reduce<Role[]>((all, g) => all.concat(g.roles), []);
}

const WRITE_ROLES: Role[] = ['write', 'owner', 'fullcontrol'];

function etag(list: ListState, item: ItemState): string {
  return `"${list.id},${item.version}"`;
}

function fieldsJson(item: ItemState, select: string[] | undefined): Record<string, unknown> {
  const all: Record<string, unknown> = { '@odata.etag': '', id: String(item.id), Title: item.values.Title ?? null, ...item.values };
  const picked: Record<string, unknown> = {};
  for (const name of select ?? Object.keys(all)) {
    if (name in all && all[name] !== null && all[name] !== undefined) picked[name] = all[name];
  }
  return picked;
}

function itemJson(list: ListState, item: ItemState, expandFields: string[] | undefined | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    '@odata.etag': etag(list, item),
    id: String(item.id),
    eTag: etag(list, item),
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified
  };
  if (expandFields !== null) body.fields = { ...fieldsJson(item, expandFields), '@odata.etag': etag(list, item) };
  return body;
}

/** `fields($select=A,B)` → ['A','B']; `fields` → undefined (all); not expanded → null. */
function expandedFields(expand: string | null): string[] | undefined | null {
  if (expand === null) return null;
  const match = /fields(?:\(\$select=([^)]*)\))?/i.exec(expand);
  if (!match) return null;
  return match[1] === undefined ? undefined : match[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function matchesFilter(item: ItemState, filter: string | null): boolean {
  if (filter === null) return true;
  const match = /^fields\/(\w+)\s+eq\s+(\d+|'[^']*')$/i.exec(filter.trim());
  if (!match) return false;
  const expected = match[2].startsWith("'") ? match[2].slice(1, -1) : Number(match[2]);
  return item.values[match[1]] === expected;
}

/** Whether `path` (below /graph/v1.0) is a Graph call on a site's lists, handled here. */
export function isGraphListPath(path: string): boolean {
  return /^\/sites\/[^/]+\/lists\//i.test(path);
}

export function handleGraphLists(site: SiteData, graphUrl: string, method: string, path: string, query: URLSearchParams, headers: Record<string, string | string[] | undefined>, body: unknown, user: EmulatorUser): Reply {
  const match = /^\/sites\/([^/]+)\/lists\/([^/]+)(\/.*)?$/i.exec(path);
  if (!match) return graphError(400, 'invalidRequest', 'Invalid request');
  const parts = decodeURIComponent(match[1]).split(',');
  if (parts.length !== 3 || parts[1].toLowerCase() !== SITE_ID || parts[2].toLowerCase() !== WEB_ID) return graphError(404, 'itemNotFound', 'Requested site could not be found');
  const listId = decodeURIComponent(match[2]).toLowerCase();
  const list = site.lists.find((l) => l.id.toLowerCase() === listId);
  const rest = (match[3] ?? '').toLowerCase();
  const isApp = user.role === 'app-reader';

  if (rest === '/permissions') {
    // Managing list grants: Sites.FullControl.All (or Sites.Selected + fullcontrol); an active Global Administrator here.
    if (isApp || !user.isGlobalAdmin) return graphError(403, 'accessDenied', 'Access denied');
    if (!list) return graphError(404, 'itemNotFound', 'The specified list was not found');
    if (method === 'GET') return { status: 200, body: { value: appGrantsOf(list).map((g) => ({ id: g.id, roles: g.roles, grantedToV2: { application: { id: g.appId, displayName: g.displayName } } })) } };
    if (method !== 'POST') return graphError(405, 'invalidRequest', 'Method not allowed');
    const request = body as { roles?: string[]; grantedTo?: { application?: { id?: string; displayName?: string } }; grantedToV2?: { application?: { id?: string; displayName?: string } } } | undefined;
    const application = request?.grantedToV2?.application ?? request?.grantedTo?.application;
    const roles = (request?.roles ?? []).filter((r): r is Role => ['read', 'write', 'owner', 'fullcontrol'].indexOf(r) >= 0);
    if (!application?.id || roles.length === 0) return graphError(400, 'invalidRequest', 'Invalid request: roles and an application are required.');
    const grant: ListAppGrantState = { id: randomUUID(), appId: application.id, displayName: application.displayName ?? application.id, roles };
    setAppGrants(list, appGrantsOf(list).filter((g) => g.appId !== application.id).concat([grant]));
    site.changed();
    return { status: 201, body: { id: grant.id, roles: grant.roles, grantedToV2: { application: { id: grant.appId, displayName: grant.displayName } } } };
  }

  if (!isApp) return graphError(403, 'accessDenied', 'Access denied');
  // With no grant on the list the app's token reaches nothing there: the key list answers 403 like any ungranted list.
  const roles = list ? appRoles(list, user) : [];
  if (!list || roles.length === 0) return graphError(list ? 403 : 404, list ? 'accessDenied' : 'itemNotFound', list ? 'Access denied' : 'The specified list was not found');
  const writes = method !== 'GET';
  if (writes && !roles.some((r) => WRITE_ROLES.indexOf(r) >= 0)) return graphError(403, 'accessDenied', 'Access denied');
  const now = spDate(new Date());

  if (rest === '/items' && method === 'GET') {
    const expand = expandedFields(query.get('$expand'));
    const filter = query.get('$filter');
    const top = Math.min(Number(query.get('$top') ?? '200') || 200, 999);
    const skip = Number(query.get('$skiptoken') ?? '0') || 0;
    const matching = Array.from(list.items.values()).filter((item) => matchesFilter(item, filter));
    const page = matching.slice(skip, skip + top).map((item) => itemJson(list, item, expand));
    const answer: Record<string, unknown> = { '@odata.context': `${graphUrl}/$metadata#sites('${match[1]}')/lists('${list.id}')/items`, value: page };
    if (skip + top < matching.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', String(skip + top));
      answer['@odata.nextLink'] = `${graphUrl}${path}?${next.toString()}`;
    }
    return { status: 200, body: answer };
  }

  if (rest === '/items' && method === 'POST') {
    const fields = ((body as { fields?: Record<string, unknown> } | undefined)?.fields ?? {}) as Record<string, unknown>;
    const duplicate = list.fields.filter((f) => f.EnforceUniqueValues).find((f) => fields[f.InternalName] !== undefined && Array.from(list.items.values()).some((i) => i.values[f.InternalName] === fields[f.InternalName]));
    if (duplicate) {
      // SharePoint's unique-column refusal, as Graph relays it (not documented for Graph; SharePoint's text).
      return graphError(409, 'nameAlreadyExists', `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${duplicate.InternalName}].`);
    }
    const item: ItemState = { id: list.nextItemId++, values: { ...fields, LastUsed: typeof fields.LastUsed === 'string' ? spDate(new Date(fields.LastUsed)) : fields.LastUsed ?? null }, authorId: user.siteUserId, editorId: user.siteUserId, created: now, modified: now, version: 1 };
    list.items.set(item.id, item);
    recordChange(list, 1, item.id, now);
    list.lastItemModified = now;
    site.changed();
    return { status: 201, body: itemJson(list, item, undefined) };
  }

  const fieldsMatch = /^\/items\/(\d+)\/fields$/.exec(rest);
  if (fieldsMatch && method === 'PATCH') {
    const item = list.items.get(Number(fieldsMatch[1]));
    if (!item) return graphError(404, 'itemNotFound', 'Item not found');
    const ifMatch = headers['if-match'];
    const sent = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
    if (sent !== undefined && sent !== '*' && sent !== etag(list, item)) return graphError(412, 'preconditionFailed', 'ETag does not match current item\'s value');
    const values = (body ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(values)) {
      item.values[name] = name === 'LastUsed' && typeof value === 'string' ? spDate(new Date(value)) : value;
    }
    item.version++;
    item.modified = now;
    item.editorId = user.siteUserId;
    recordChange(list, 2, item.id, now);
    list.lastItemModified = now;
    site.changed();
    return { status: 200, body: { ...fieldsJson(item, undefined), '@odata.etag': etag(list, item) } };
  }
  return graphError(400, 'invalidRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
}
