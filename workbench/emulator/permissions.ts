// Per-user access to a list. SharePoint: a list that inherits gives the site's groups their site
// permission levels (Members can read and contribute); once inheritance is broken only the list's own
// role assignments count, and site collection administrators keep access
// (https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
// An app with Sites.Selected "read" on the site reads everything in it and writes nothing
// (https://learn.microsoft.com/en-us/graph/api/site-post-permissions).
import { accessDenied } from './odata';
import { MEMBERS_GROUP, OWNERS_GROUP } from './identity';
import type { EmulatorUser } from './identity';
import type { ListState } from './model';

export interface ListAccess {
  read: boolean;
  writeItems: boolean;
  /** Change the list's settings, fields and permissions. */
  manage: boolean;
}

export function listAccess(list: ListState, user: EmulatorUser): ListAccess {
  if (user.role === 'app-reader') return { read: true, writeItems: false, manage: false };
  if (list.hasUniqueRoleAssignments) {
    const granted =
      user.isSiteAdmin ||
      list.roleAssignments.some((a) => a.principalId === user.siteUserId || (user.role === 'owner' && a.principalId === OWNERS_GROUP.Id) ||
        (user.role === 'member' && a.principalId === MEMBERS_GROUP.Id));
    return { read: granted, writeItems: granted, manage: granted };
  }
  return { read: true, writeItems: true, manage: user.role === 'owner' };
}

export function demand(list: ListState, user: EmulatorUser, need: keyof ListAccess): void {
  if (!listAccess(list, user)[need]) throw accessDenied();
}

/** Creating lists is for the site's owners. */
export function demandSiteOwner(user: EmulatorUser): void {
  if (user.role !== 'owner' && !user.isSiteAdmin) throw accessDenied();
}
