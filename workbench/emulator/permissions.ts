// Per-request access to a list, from the caller's effective base permissions (security.ts): a list that inherits
// gives the site's groups their site levels (Members may read, contribute and manage lists); once inheritance is
// broken only the list's own role assignments count, and site collection administrators keep access
// (https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface;
// MicrosoftDocs/OfficeDocs-SharePoint SharePoint/SharePointOnline/site-permissions.md).
// A caller with no permission at all on a list with unique permissions is told the list does not exist: 404
// `-1, System.ArgumentException` "List '...' does not exist at site with URL '...'", not 403 (DESIGN.md, Wire facts:
// SharePoint does not reveal lists a user cannot see).
// An app with Sites.Selected "read" on the site reads everything in it (items, versions, who holds which
// permission, the site's users) and writes nothing (https://learn.microsoft.com/en-us/graph/api/site-post-permissions).
// Whether that grant also lets the app enumerate a list's role assignments is not documented; the emulator assumes
// it does (docs/verifier.md says what to do if a tenant answers 403).
import type { RequestContext } from './exchange';
import { accessDenied, ODataError } from './odata';
import type { ListState } from './model';
import { grants, listMasks, PermissionKind, webMasks } from './security';

export type ListNeed = 'read' | 'addItems' | 'editItems' | 'deleteItems' | 'versions' | 'manage' | 'managePermissions' | 'enumeratePermissions';

const KIND: Record<ListNeed, number> = {
  read: PermissionKind.ViewListItems,
  addItems: PermissionKind.AddListItems,
  editItems: PermissionKind.EditListItems,
  deleteItems: PermissionKind.DeleteListItems,
  versions: PermissionKind.ViewVersions,
  manage: PermissionKind.ManageLists,
  managePermissions: PermissionKind.ManagePermissions,
  enumeratePermissions: PermissionKind.EnumeratePermissions
};

const APP_MAY: ListNeed[] = ['read', 'versions', 'enumeratePermissions'];

type Caller = Pick<RequestContext, 'user' | 'site'>;

function listHidden(ctx: Caller, list: ListState): ODataError {
  return new ODataError(404, '-1, System.ArgumentException', `List '${list.title}' does not exist at site with URL '${ctx.site.siteUrl}'.`);
}

/** Whether the caller may `need` on `list` (no error thrown). */
export function mayOnList(ctx: Caller, list: ListState, need: ListNeed): boolean {
  if (ctx.user.role === 'app-reader') return APP_MAY.indexOf(need) >= 0;
  return grants(listMasks(ctx.site.security, list, ctx.user), KIND[need]);
}

export function demand(list: ListState, ctx: Caller, need: ListNeed): void {
  if (ctx.user.role === 'app-reader') {
    if (APP_MAY.indexOf(need) < 0) throw accessDenied();
    return;
  }
  const masks = listMasks(ctx.site.security, list, ctx.user);
  if (list.hasUniqueRoleAssignments && masks.length === 0) throw listHidden(ctx, list);
  if (!grants(masks, KIND[need])) throw accessDenied();
}

/** Creating lists needs Manage Lists on the site: owners, and on a team site its members (Edit). */
export function demandManageListsOnWeb(ctx: Caller): void {
  if (ctx.user.role === 'app-reader' || !grants(webMasks(ctx.site.security, ctx.user), PermissionKind.ManageLists)) throw accessDenied();
}

/** Creating permission levels and adding users to the site need Manage Permissions on the site. */
export function demandManagePermissionsOnWeb(ctx: Caller): void {
  if (ctx.user.role === 'app-reader' || !grants(webMasks(ctx.site.security, ctx.user), PermissionKind.ManagePermissions)) throw accessDenied();
}

/** Reading the site's users (site collection administrators among them) needs Browse User Information. */
export function demandBrowseUsers(ctx: Caller): void {
  if (ctx.user.role === 'app-reader') return;
  if (!grants(webMasks(ctx.site.security, ctx.user), PermissionKind.BrowseUserInfo)) throw accessDenied();
}
