// Version history of list items: `GET .../items(N)/versions`. Sources:
// - PnPjs `item.versions()` GETs `.../items(N)/versions` (pnp/pnpjs packages/sp/items/types.ts, _ItemVersions with
//   defaultPath("versions")).
// - SP.ListItemVersion: Created, IsCurrentVersion, VersionId, VersionLabel, navigation CreatedBy and the item's
//   field values by internal name (koltyakov/sp-metadata docs/SP/EntityTypes/ListItemVersion.md; REST answers put
//   each field of the version beside these, person fields as {LookupId, LookupValue, Email}). VersionId is
//   512 × major + minor (SharePoint's UI version numbering; OData__UIVersionString is its label "N.0").
// - Every update of an item in a versioned list makes a new major version recording its editor
//   (https://learn.microsoft.com/en-us/sharepoint/governance/versioning-content-approval-and-check-out-planning);
//   without versioning only the current version exists. Newest first, as the version history page lists them.
import { json } from './exchange';
import type { Reply, RequestContext, SiteData } from './exchange';
import type { ItemState, ItemVersionState, ListState } from './model';
import { ODataError } from './odata';
import { demand } from './permissions';

/** Records the item's current state as its newest version (call after every write that makes a version). */
export function recordVersion(list: ListState, item: ItemState): void {
  const snapshot: ItemVersionState = { version: item.version, values: { ...item.values }, editorId: item.editorId, modified: item.modified };
  // Without versioning SharePoint keeps the current version only; data saved before versions were kept starts here.
  if (!list.enableVersioning || item.history === undefined) {
    item.history = [snapshot];
    return;
  }
  item.history.push(snapshot);
}

/** The history as stored, or (data saved before versions were kept) the current state alone. */
export function historyOf(item: ItemState): ItemVersionState[] {
  return item.history && item.history.length > 0 ? item.history : [{ version: item.version, values: { ...item.values }, editorId: item.editorId, modified: item.modified }];
}

function person(site: SiteData, id: unknown): Record<string, unknown> | null {
  if (typeof id !== 'number') return null;
  const user = site.users.bySiteUserId(id);
  return { LookupId: id, LookupValue: user ? user.displayName : `User ${id}`, Email: user ? user.email : '' };
}

function versionJson(ctx: RequestContext, list: ListState, item: ItemState, entry: ItemVersionState, current: boolean, expandCreatedBy: boolean): Record<string, unknown> {
  const versionId = entry.version * 512;
  const body: Record<string, unknown> = {
    'odata.type': 'SP.ListItemVersion',
    'odata.id': `${ctx.site.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${item.id})/versions(${versionId})`,
    'odata.editLink': `Web/Lists(guid'${list.id}')/Items(${item.id})/versions(${versionId})`
  };
  if (expandCreatedBy) {
    const editor = ctx.site.users.bySiteUserId(entry.editorId);
    body.CreatedBy = {
      'odata.type': 'SP.User',
      Id: entry.editorId,
      Title: editor ? editor.displayName : `User ${entry.editorId}`,
      Email: editor ? editor.email : '',
      LoginName: editor ? editor.loginName : ''
    };
  }
  Object.assign(body, {
    Created: entry.modified,
    IsCurrentVersion: current,
    VersionId: versionId,
    VersionLabel: `${entry.version}.0`,
    ID: item.id,
    Title: entry.values.Title ?? null,
    Modified: entry.modified,
    Author: person(ctx.site, item.authorId),
    Editor: person(ctx.site, entry.editorId),
    OData__UIVersionString: `${entry.version}.0`
  });
  for (const field of list.fields) {
    if (field.builtIn) continue;
    body[field.InternalName] = field.FieldTypeKind === 20 ? person(ctx.site, entry.values[`${field.InternalName}Id`]) : entry.values[field.InternalName] ?? null;
  }
  return body;
}

export function handleVersions(ctx: RequestContext, list: ListState, itemId: number): Reply {
  demand(list, ctx, 'versions');
  const item = list.items.get(itemId);
  if (!item) throw new ODataError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.');
  const expand = (ctx.query.get('$expand') ?? '').split(',').some((e) => e.trim().toLowerCase() === 'createdby');
  const history = historyOf(item);
  const newestFirst = history.slice().reverse();
  return json({
    'odata.metadata': `${ctx.site.siteUrl}/_api/$metadata#SP.ApiData.ListItemVersions`,
    value: newestFirst.map((entry, i) => versionJson(ctx, list, item, entry, i === 0, expand))
  });
}
