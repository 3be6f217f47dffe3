// List items. Sources:
// - GET items with $select, $filter, $expand (lookup/person columns: `$select=Author/Title&$expand=Author`),
//   $top, $orderby; POST to add; POST with X-HTTP-Method MERGE + IF-Match to update; 412 on a stale ETag:
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests
// - Paging: `odata.nextLink` carrying `$skiptoken=Paged=TRUE&p_ID=<last id>` (the paging-info format of
//   https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ms443529(v=office.14));
//   PnPjs's async iterator follows it (pnp/pnpjs packages/sp/items/types.ts, `[Symbol.asyncIterator]`).
//   100 items a page without $top, at most 5,000 with it (gunjandatta/sprest-large-list readme; DESIGN.md).
// - Error codes -2147024860 SPQueryThrottledException and -2147024891 UnauthorizedAccessException:
//   https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee549267(v=office.14)
// - List view threshold: past 5,000 items a query must be served by an index whose first clause narrows below the
//   threshold, otherwise HTTP 500 SPQueryThrottledException (threshold.ts, with its sources).
// - Item JSON: `odata.etag` "\"N\"", Id and ID, AuthorId, Created `2022-11-04T16:12:04Z` (DESIGN.md, Wire facts);
//   item.update() reads the new ETag from the response header (pnp/pnpjs packages/sp/items/types.ts, ItemUpdatedParser).
// - Duplicate value in a unique column: HTTP 500 `-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException`,
//   "...duplicate values were found in the following field(s) in the list: [Title]." as PnPjs reports it (pnp/pnpcore
//   issue #1280, pnp/PnP-Sites-Core pull #608; some reports say 400: the store does not depend on the status).
import { header, json } from './exchange';
import type { Reply, RequestContext, SiteData } from './exchange';
import { entityTypeName } from './lists';
import { etagOf, nowSp, recordChange } from './model';
import type { FieldState, ItemState, ListState } from './model';
import { compareValues, evaluateFilter, filterFields, ODataError, parseFilter, parseOrderBy, spDate, splitList, unknownField } from './odata';
import type { OrderBy } from './odata';
import { demand } from './permissions';
import { checkListViewThreshold } from './threshold';
import { checkItemType, checkTextLengths, itemUniqueId } from './writeRules';
import { handleVersions, recordVersion } from './versions';

export { LIST_VIEW_THRESHOLD } from './threshold';
export const MAX_TOP = 5000;
const DEFAULT_TOP = 100;

const USER_SUBFIELDS = ['Id', 'Title', 'EMail', 'Name', 'UserName'];

function customFields(list: ListState): FieldState[] {
  return list.fields.filter((f) => !f.builtIn);
}

function isUserField(list: ListState, name: string): FieldState | undefined {
  const lower = name.toLowerCase();
  return list.fields.find((f) => f.FieldTypeKind === 20 && f.InternalName.toLowerCase() === lower);
}

type PropertyReader = (item: ItemState) => unknown;

/** How to read a scalar property of an item as SharePoint exposes it (person columns as `<Name>Id`); unknown names throw. */
function propertyReader(list: ListState, name: string): PropertyReader {
  const lower = name.toLowerCase();
  switch (lower) {
    case 'id':
      return (item) => item.id;
    case 'title':
      return (item) => item.values.Title ?? null;
    case 'created':
      return (item) => item.created;
    case 'modified':
      return (item) => item.modified;
    case 'authorid':
      return (item) => item.authorId;
    case 'editorid':
      return (item) => item.editorId;
    case 'odata__uiversionstring':
      return (item) => `${item.version}.0`;
  }
  for (const field of customFields(list)) {
    const key = field.InternalName;
    if (field.FieldTypeKind === 20) {
      if (lower === `${key.toLowerCase()}id`) return (item) => item.values[`${key}Id`] ?? null;
      if (lower === `${key.toLowerCase()}stringid`) {
        return (item) => {
          const id = item.values[`${key}Id`];
          return typeof id === 'number' ? String(id) : null;
        };
      }
    } else if (lower === key.toLowerCase()) {
      return (item) => item.values[key] ?? null;
    }
  }
  throw unknownField(name);
}

/** Readers resolved once per request: a query over 20,000 items reads the same few names again and again. */
function readerCache(list: ListState): (item: ItemState, name: string) => unknown {
  const readers = new Map<string, PropertyReader>();
  return (item, name) => {
    let reader = readers.get(name);
    if (reader === undefined) {
      reader = propertyReader(list, name);
      readers.set(name, reader);
    }
    return reader(item);
  };
}

function propertyKey(list: ListState, name: string): string {
  const lower = name.toLowerCase();
  const builtIns: Record<string, string> = { id: 'Id', title: 'Title', created: 'Created', modified: 'Modified', authorid: 'AuthorId', editorid: 'EditorId', odata__uiversionstring: 'OData__UIVersionString' };
  if (builtIns[lower]) return builtIns[lower];
  for (const field of customFields(list)) {
    if (field.FieldTypeKind === 20) {
      if (lower === `${field.InternalName.toLowerCase()}id`) return `${field.InternalName}Id`;
      if (lower === `${field.InternalName.toLowerCase()}stringid`) return `${field.InternalName}StringId`;
    } else if (lower === field.InternalName.toLowerCase()) return field.InternalName;
  }
  throw unknownField(name);
}

function isIndexed(list: ListState, name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'id') return true;
  const base = lower.replace(/id$/, '');
  const field = list.fields.find((f) => f.InternalName.toLowerCase() === lower) ?? list.fields.find((f) => f.FieldTypeKind === 20 && f.InternalName.toLowerCase() === base);
  return field !== undefined && field.Indexed;
}

function defaultPropertyNames(list: ListState): string[] {
  const names = ['Id', 'Title'];
  for (const field of customFields(list)) names.push(field.FieldTypeKind === 20 ? `${field.InternalName}Id` : field.InternalName);
  return names.concat(['ID', 'Modified', 'Created', 'AuthorId', 'EditorId', 'OData__UIVersionString']);
}

interface Projection {
  scalars: string[];
  /** Expanded person column → the subfields selected of it. */
  expanded: Map<string, string[]>;
}

function projection(list: ListState, selectText: string | null, expandText: string | null): Projection {
  const select = splitList(selectText);
  const expand = splitList(expandText);
  const expanded = new Map<string, string[]>();
  for (const name of expand) {
    const canonical = name.toLowerCase() === 'author' ? 'Author' : name.toLowerCase() === 'editor' ? 'Editor' : isUserField(list, name)?.InternalName;
    if (canonical === undefined) throw unknownField(name);
    expanded.set(canonical, []);
  }
  const scalars: string[] = [];
  const everything = select.length === 0 || select.indexOf('*') >= 0;
  for (const name of everything ? defaultPropertyNames(list) : select) {
    const slash = name.indexOf('/');
    if (slash > 0) {
      const parent = name.slice(0, slash);
      const child = name.slice(slash + 1);
      const key = Array.from(expanded.keys()).find((k) => k.toLowerCase() === parent.toLowerCase());
      if (key === undefined) {
        throw new ODataError(400, '-1, Microsoft.SharePoint.SPException', `The query to field '${parent}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${parent}.`);
      }
      const sub = USER_SUBFIELDS.find((s) => s.toLowerCase() === child.toLowerCase());
      if (sub === undefined) throw unknownField(child);
      expanded.get(key)?.push(sub);
      continue;
    }
    if (name === 'ID') {
      scalars.push('ID');
      continue;
    }
    const expandedKey = Array.from(expanded.keys()).find((k) => k.toLowerCase() === name.toLowerCase());
    if (expandedKey !== undefined) continue;
    if (name.toLowerCase() === 'author' || name.toLowerCase() === 'editor' || isUserField(list, name)) {
      throw new ODataError(400, '-1, Microsoft.SharePoint.SPException', `The query to field '${name}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${name}.`);
    }
    scalars.push(propertyKey(list, name));
  }
  return { scalars, expanded };
}

function userJson(site: SiteData, id: unknown, subfields: string[]): Record<string, unknown> | null {
  if (typeof id !== 'number') return null;
  const user = site.users.bySiteUserId(id);
  const all: Record<string, unknown> = {
    Id: id,
    Title: user ? user.displayName : `User ${id}`,
    EMail: user ? user.email : '',
    Name: user ? user.loginName : '',
    UserName: user ? user.email : ''
  };
  const picked: Record<string, unknown> = { 'odata.type': 'SP.Data.UserInfoItem', 'odata.id': `${site.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})` };
  for (const name of subfields.length > 0 ? subfields : ['Id', 'Title']) picked[name] = all[name];
  return picked;
}

export function itemJson(site: SiteData, list: ListState, item: ItemState, proj: Projection, read = readerCache(list)): Record<string, unknown> {
  const body: Record<string, unknown> = {
    'odata.type': `SP.Data.${entityTypeName(list)}Item`,
    'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${item.id})`,
    'odata.etag': etagOf(item),
    'odata.editLink': `Web/Lists(guid'${list.id}')/Items(${item.id})`
  };
  proj.expanded.forEach((subfields, name) => {
    const id = name === 'Author' ? item.authorId : name === 'Editor' ? item.editorId : item.values[`${name}Id`];
    body[name] = userJson(site, id, subfields);
  });
  for (const name of proj.scalars) body[name] = name === 'ID' ? item.id : read(item, name);
  return body;
}

function parseSkipToken(text: string | null): Map<string, string> | undefined {
  if (!text) return undefined;
  const parts = new Map<string, string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) parts.set(pair.slice(0, eq).toLowerCase(), decodeURIComponent(pair.slice(eq + 1)));
  }
  return parts;
}

function comparator(read: (item: ItemState, name: string) => unknown, orderBy: OrderBy[]): (a: ItemState, b: ItemState) => number {
  return (a, b) => {
    for (const o of orderBy) {
      const order = compareValues(read(a, o.field), read(b, o.field));
      if (order !== 0) return o.descending ? -order : order;
    }
    return a.id - b.id;
  };
}

function queryItems(ctx: RequestContext, list: ListState): Reply {
  demand(list, ctx, 'read');
  const q = ctx.query;
  const proj = projection(list, q.get('$select'), q.get('$expand'));
  const filterText = q.get('$filter');
  const filter = filterText ? parseFilter(filterText) : undefined;
  const orderBy = parseOrderBy(q.get('$orderby'));
  const referenced = (filter ? filterFields(filter) : []).concat(orderBy.map((o) => o.field));
  const read = readerCache(list);
  for (const name of referenced) propertyReader(list, name);
  checkListViewThreshold(list.items, { filter, orderBy, isIndexed: (name) => isIndexed(list, name), read });

  const topText = q.get('$top');
  const top = Math.min(MAX_TOP, topText !== null && /^\d+$/.test(topText) ? Number(topText) : DEFAULT_TOP);
  let matching: ItemState[] = [];
  list.items.forEach((item) => {
    if (!filter || evaluateFilter(filter, (name) => read(item, name))) matching.push(item);
  });
  const compare = comparator(read, orderBy);
  if (orderBy.length > 0) matching.sort(compare);

  const skip = parseSkipToken(q.get('$skiptoken'));
  if (skip && skip.has('p_id')) {
    const afterId = Number(skip.get('p_id'));
    const values: Record<string, unknown> = {};
    for (const o of orderBy) values[o.field.toLowerCase()] = skip.get(`p_${o.field.toLowerCase()}`);
    const marker: ItemState = { id: afterId, values: {}, authorId: 0, editorId: 0, created: '', modified: '', version: 0 };
    const afterMarker = (item: ItemState): boolean => {
      for (const o of orderBy) {
        const actual = read(item, o.field);
        const raw = values[o.field.toLowerCase()];
        // The token carries text; compare it as the column's own type (numbers numerically, '' as empty).
        const marked = raw === undefined || raw === '' ? null : typeof actual === 'number' ? Number(raw) : raw;
        const order = compareValues(actual, marked);
        if (order !== 0) return o.descending ? order < 0 : order > 0;
      }
      return item.id > marker.id;
    };
    matching = matching.filter(afterMarker);
  }
  const page = matching.slice(0, top);
  const body: Record<string, unknown> = { 'odata.metadata': `${ctx.site.siteUrl}/_api/$metadata#SP.ListData.${entityTypeName(list)}Items` };
  body.value = page.map((item) => itemJson(ctx.site, list, item, proj, read));
  if (matching.length > page.length && page.length > 0) {
    const last = page[page.length - 1];
    let token = `Paged=TRUE`;
    for (const o of orderBy) token += `&p_${o.field}=${encodeURIComponent(String(read(last, o.field) ?? ''))}`;
    token += `&p_ID=${last.id}`;
    const params: string[] = [`%24skiptoken=${encodeURIComponent(token)}`];
    for (const name of ['$top', '$select', '$expand', '$filter', '$orderby']) {
      const value = q.get(name);
      if (value !== null) params.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
    body['odata.nextLink'] = `${ctx.site.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items?${params.join('&')}`;
  }
  return json(body);
}

/** Validates and normalizes the properties of an add or MERGE body into column values. */
function columnValues(list: ListState, body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const input = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const key of Object.keys(input)) {
    if (key === '__metadata') continue;
    const lower = key.toLowerCase();
    if (lower === 'title') {
      values.Title = input[key] === null ? null : String(input[key]);
      continue;
    }
    const field = customFields(list).find((f) => (f.FieldTypeKind === 20 ? `${f.InternalName}Id` : f.InternalName).toLowerCase() === lower);
    if (!field) {
      throw new ODataError(
        400,
        '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
        `The property '${key}' does not exist on type 'SP.Data.${entityTypeName(list)}Item'. Make sure to only use property names that are defined by the type.`
      );
    }
    const raw = input[key];
    if (field.FieldTypeKind === 20) {
      if (raw !== null && (typeof raw !== 'number' || !Number.isInteger(raw))) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Cannot convert a primitive value to the expected type 'Edm.Int32'.`);
      values[`${field.InternalName}Id`] = raw;
    } else if (field.FieldTypeKind === 4) {
      if (raw === null) values[field.InternalName] = null;
      else {
        const date = new Date(String(raw));
        if (isNaN(date.getTime())) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Cannot convert '${String(raw)}' to 'Edm.DateTime'.`);
        values[field.InternalName] = spDate(date);
      }
    } else if (field.FieldTypeKind === 9) {
      // SP.FieldNumber is Edm.Double in REST: a JSON number in, the same number out (SPFieldNumber.ParseValue converts
      // to double; JsonReader.ReadDouble takes only Long, ULong and Double tokens:
      // learn.microsoft.com/previous-versions/office/sharepoint-server/jj174557(v=office.15) and ee542294(v=office.15)).
      if (raw !== null && (typeof raw !== 'number' || !isFinite(raw))) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Cannot convert a primitive value to the expected type 'Edm.Double'.`);
      values[field.InternalName] = raw;
    } else {
      values[field.InternalName] = raw === null ? null : String(raw);
    }
  }
  return values;
}

function enforceUnique(list: ListState, values: Record<string, unknown>, selfId: number | undefined): void {
  for (const field of customFields(list)) {
    if (!field.EnforceUniqueValues) continue;
    const value = values[field.InternalName];
    if (value === undefined || value === null || value === '') continue;
    let clash = false;
    list.items.forEach((other) => {
      if (!clash && other.id !== selfId && compareValues(other.values[field.InternalName], value) === 0) clash = true;
    });
    if (clash) {
      throw new ODataError(
        500,
        '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
        `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${field.Title}].`
      );
    }
  }
}

function addItem(ctx: RequestContext, list: ListState): Reply {
  demand(list, ctx, 'addItems');
  checkItemType(ctx.body, `SP.Data.${entityTypeName(list)}Item`, header(ctx, 'content-type'));
  const values = columnValues(list, ctx.body);
  checkTextLengths(list.fields, values);
  enforceUnique(list, values, undefined);
  const now = nowSp();
  const item: ItemState = { id: list.nextItemId++, values, authorId: ctx.user.siteUserId, editorId: ctx.user.siteUserId, created: now, modified: now, version: 1 };
  list.items.set(item.id, item);
  recordVersion(list, item);
  list.lastItemModified = now;
  recordChange(list, 1, item.id, now);
  ctx.site.changed();
  return json(itemJson(ctx.site, list, item, projection(list, null, null)), 201, { ETag: etagOf(item) });
}

function itemNotFound(): ODataError {
  return new ODataError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.');
}

/**
 * IF-Match: `*`, `"N"` or SharePoint's long form `"<guid>,N"`. A missing header is accepted and means "whatever it is
 * now": "If you do not specify an ETag, SharePoint overwrites the item regardless of version"
 * (working-with-lists-and-list-items-with-rest, "Using ETag values"); the store never sends a write without one.
 * A value that is no ETag at all gets the same 412 as a stale one (answer inferred: no source shows SharePoint's).
 */
function checkEtag(ctx: RequestContext, list: ListState, item: ItemState): void {
  const raw = ctx.headers['if-match'];
  const ifMatch = Array.isArray(raw) ? raw[0] : raw;
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const version = /^(?:W\/)?"(?:[^",]*,)?(\d+)"$/.exec(ifMatch.trim());
  if (!version || Number(version[1]) !== item.version) {
    throw new ODataError(
      412,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      `The request ETag value '${ifMatch}' does not match the object's ETag value '"${itemUniqueId(list, item)},${item.version}"'.`
    );
  }
}

function updateItem(ctx: RequestContext, list: ListState, item: ItemState): Reply {
  demand(list, ctx, 'editItems');
  checkEtag(ctx, list, item);
  checkItemType(ctx.body, `SP.Data.${entityTypeName(list)}Item`, header(ctx, 'content-type'));
  const values = columnValues(list, ctx.body);
  checkTextLengths(list.fields, values);
  enforceUnique(list, { ...item.values, ...values }, item.id);
  const now = nowSp();
  Object.assign(item.values, values);
  item.version += 1;
  item.modified = now;
  item.editorId = ctx.user.siteUserId;
  recordVersion(list, item);
  list.lastItemModified = now;
  recordChange(list, 2, item.id, now);
  ctx.site.changed();
  return { status: 204, headers: { ETag: etagOf(item) } };
}

function deleteItem(ctx: RequestContext, list: ListState, item: ItemState): Reply {
  demand(list, ctx, 'deleteItems');
  checkEtag(ctx, list, item);
  const now = nowSp();
  list.items.delete(item.id);
  recordChange(list, 3, item.id, now);
  ctx.site.changed();
  return { status: 200, body: { 'odata.null': true } };
}

/** `.../items` and `.../items(N)`, also reached through a nextLink's `/Items`. */
export function handleItems(ctx: RequestContext, list: ListState, rest: string): Reply {
  if (rest === '' || rest === '/') {
    if (ctx.method === 'GET') return queryItems(ctx, list);
    if (ctx.method === 'POST' && ctx.tunnelledMethod === undefined) return addItem(ctx, list);
  }
  const versions = /^(?:\((\d+)\)|\/getbyid\((\d+)\))\/versions$/i.exec(rest);
  if (versions && ctx.method === 'GET') return handleVersions(ctx, list, Number(versions[1] ?? versions[2]));
  const one = /^\((\d+)\)$/.exec(rest) ?? /^\/getbyid\((\d+)\)$/i.exec(rest);
  if (one) {
    const verb = ctx.method === 'POST' && ctx.tunnelledMethod ? ctx.tunnelledMethod : ctx.method;
    demand(list, ctx, verb === 'GET' ? 'read' : verb === 'DELETE' ? 'deleteItems' : 'editItems');
    const item = list.items.get(Number(one[1]));
    if (!item) throw itemNotFound();
    if (verb === 'GET') return json(itemJson(ctx.site, list, item, projection(list, ctx.query.get('$select'), ctx.query.get('$expand'))), 200, { ETag: etagOf(item) });
    if (verb === 'MERGE' || verb === 'PATCH') return updateItem(ctx, list, item);
    if (verb === 'DELETE') return deleteItem(ctx, list, item);
  }
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request items${rest}.`);
}
