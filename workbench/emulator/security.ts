// Who may do what on the emulated key site: SharePoint's principals, permission levels (role definitions with
// their base permissions), role assignments and site collection administrators, evaluated on every request.
// Sources:
// - SP.BasePermissions is a 64-bit mask sent as {High, Low} strings; PermissionKind N is bit N-1 (ViewListItems 1,
//   AddListItems 2, EditListItems 3, DeleteListItems 4, ApproveItems 5, OpenItems 6, ViewVersions 7, DeleteVersions 8,
//   CancelCheckout 9, ManageLists 12, ViewFormPages 13, Open 17, ViewPages 18, ManagePermissions 26,
//   BrowseUserInfo 28, ManageWeb 31, UseRemoteAPIs 38, EnumeratePermissions 63, FullMask 65): pnp/pnpjs
//   packages/sp/security/types.ts (PermissionKind) and funcs.ts (hasPermissions: `perm - 1` bit of Low, then High).
// - Built-in levels and their masks (Full Control 1073741829 High 2147483647 Low 4294967295; Contribute 1073741827
//   High 432 Low 1011028719; Read 1073741826 High 176 Low 138612833): SharePoint/sp-dev-docs
//   docs/sp-add-ins/users-groups-and-roles-rest-api-reference.md (RoleDefinitionCollection OData representation)
//   and the role definitions listed in public SharePoint REST mocks. Edit (1073741830) is Contribute plus Manage
//   Lists (Low 1011030767): a team site's Members hold it, so a member may create lists
//   (https://learn.microsoft.com/en-us/sharepoint/understanding-permission-levels: "Edit ... Add, edit, and delete
//   lists").
// - A new site's groups: Owners Full Control, Members Edit, Visitors Read
//   (https://learn.microsoft.com/en-us/sharepoint/understanding-permission-levels#default-permission-levels).
// - Site collection administrators "have access to any items in the site ... even if permissions inheritance has
//   been broken" (MicrosoftDocs/OfficeDocs-SharePoint SharePoint/SharePointOnline/site-permissions.md).
// - The Global Administrator principal: "Company Administrator" holds every user assigned the Global Administrator
//   role and is the primary administrator of the tenant's root site (OfficeDocs-SharePoint
//   default-sharepoint-groups.md; DESIGN.md, Deployment facts). SharePoint names it by a tenant claim
//   `c:0t.c|tenant|<guid>` (the login form SharePoint gives Entra security principals, seen in pnp/cli-microsoft365
//   `spo site admin list` fixtures and PnP scripts). Here the GUID is the Global Administrator directoryRole's
//   object id that graph.ts returns (an assumption the emulator makes; production never builds the name, it
//   reads it). A user carries the claim only while the role is active: a PIM-eligible admin does not.
import type { EmulatorUser } from './identity';
import { MEMBERS_GROUP, OWNERS_GROUP, VISITORS_GROUP } from './identity';
import type { ListState } from './model';

export interface BasePermissionsJson {
  High: string;
  Low: string;
}

export interface RoleDefinitionState {
  Id: number;
  Name: string;
  Description: string;
  Order: number;
  /** SP.RoleType: 0 None (custom), 1 Guest, 2 Reader, 3 Contributor, 4 WebDesigner, 5 Administrator, 6 Editor. */
  RoleTypeKind: number;
  Hidden: boolean;
  BasePermissions: BasePermissionsJson;
}

/** PermissionKind values (pnp/pnpjs packages/sp/security/types.ts). */
export const PermissionKind = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ViewVersions: 7,
  DeleteVersions: 8,
  ManageLists: 12,
  ManagePermissions: 26,
  BrowseUserInfo: 28,
  EnumeratePermissions: 63
} as const;

export const FULL_CONTROL = 1073741829;
export const DESIGN = 1073741828;
export const CONTRIBUTE = 1073741827;
export const READ = 1073741826;
export const LIMITED_ACCESS = 1073741825;
export const EDIT = 1073741830;

/** The levels every SharePoint site has. */
export function builtInRoleDefinitions(): RoleDefinitionState[] {
  const level = (Id: number, Name: string, Description: string, Order: number, RoleTypeKind: number, High: string, Low: string, Hidden = false): RoleDefinitionState => ({
    Id,
    Name,
    Description,
    Order,
    RoleTypeKind,
    Hidden,
    BasePermissions: { High, Low }
  });
  return [
    level(FULL_CONTROL, 'Full Control', 'Has full control.', 1, 5, '2147483647', '4294967295'),
    level(DESIGN, 'Design', 'Can view, add, update, delete, approve, and customize.', 32, 4, '432', '1012866047'),
    level(EDIT, 'Edit', 'Can add, edit and delete lists; can view, add, update and delete list items and documents.', 48, 6, '432', '1011030767'),
    level(CONTRIBUTE, 'Contribute', 'Can view, add, update, and delete list items and documents.', 64, 3, '432', '1011028719'),
    level(READ, 'Read', 'Can view pages and list items and download documents.', 128, 2, '176', '138612833'),
    level(LIMITED_ACCESS, 'Limited Access', 'Can view specific lists, document libraries, list items, folders, or documents when given permissions.', 160, 1, '176', '138612801', true)
  ];
}

/** Whether a {High, Low} mask grants PermissionKind `kind` (the same arithmetic as PnPjs's hasPermissions). */
export function hasPermission(mask: BasePermissionsJson, kind: number): boolean {
  const high = Number(mask.High);
  const low = Number(mask.Low);
  if (high === 2147483647 && low === 4294967295) return true;
  const bit = kind - 1;
  if (bit < 32) return Math.floor(low / 2 ** bit) % 2 === 1;
  return Math.floor(high / 2 ** (bit - 32)) % 2 === 1;
}

/** The Global Administrator claim principal, as SharePoint lists it among a site's users. */
export interface ClaimPrincipal {
  siteUserId: number;
  loginName: string;
  title: string;
  /** SP.PrincipalType: 4 SecurityGroup. */
  principalType: 4;
}

export const GLOBAL_ADMIN_ROLE_OBJECT_ID = '0b1f7a56-3c1e-4a7d-9a0f-5e6b0c2d9e11';
export const SHAREPOINT_ADMIN_ROLE_OBJECT_ID = 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c';

export const GLOBAL_ADMIN_PRINCIPAL: ClaimPrincipal = {
  siteUserId: 7,
  loginName: `c:0t.c|tenant|${GLOBAL_ADMIN_ROLE_OBJECT_ID}`,
  title: 'Company Administrator',
  principalType: 4
};

/** Seen beside Company Administrator among the root site's admins (pnp/PnP-Partner-Pack issue #302): a distractor. */
export const SHAREPOINT_ADMIN_PRINCIPAL: ClaimPrincipal = {
  siteUserId: 8,
  loginName: `c:0t.c|tenant|${SHAREPOINT_ADMIN_ROLE_OBJECT_ID}`,
  title: 'SharePoint Service Administrator',
  principalType: 4
};

export interface SiteSecurity {
  roleDefinitions: RoleDefinitionState[];
  /** The web's own assignments, which lists inherit until they break inheritance. */
  webAssignments: { principalId: number; roleDefId: number }[];
  /** Principal ids of the site collection administrators besides users flagged isSiteAdmin. */
  siteAdminPrincipals: number[];
  nextRoleDefinitionId: number;
}

/**
 * The key site as a dedicated communication site should be: groups at their default levels, and the Global
 * Administrator principal as its site collection administrator (so a Global Administrator acts there only while
 * the role is active).
 */
export function newSiteSecurity(): SiteSecurity {
  return {
    roleDefinitions: builtInRoleDefinitions(),
    webAssignments: [
      { principalId: OWNERS_GROUP.Id, roleDefId: FULL_CONTROL },
      { principalId: MEMBERS_GROUP.Id, roleDefId: EDIT },
      { principalId: VISITORS_GROUP.Id, roleDefId: READ }
    ],
    siteAdminPrincipals: [GLOBAL_ADMIN_PRINCIPAL.siteUserId],
    nextRoleDefinitionId: 1073741924
  };
}

/** Every principal id `user` acts as: itself, its SharePoint groups, and the tenant claims it carries. */
export function principalIdsOf(user: EmulatorUser): number[] {
  const ids = [user.siteUserId];
  if (user.role === 'owner') ids.push(OWNERS_GROUP.Id);
  if (user.role === 'member') ids.push(MEMBERS_GROUP.Id);
  if (user.role === 'visitor') ids.push(VISITORS_GROUP.Id);
  if (user.isGlobalAdmin) ids.push(GLOBAL_ADMIN_PRINCIPAL.siteUserId);
  return ids;
}

export function isSiteAdmin(security: SiteSecurity, user: EmulatorUser): boolean {
  if (user.role === 'app-reader') return false;
  return user.isSiteAdmin || principalIdsOf(user).some((id) => security.siteAdminPrincipals.indexOf(id) >= 0);
}

function unionOf(security: SiteSecurity, assignments: { principalId: number; roleDefId: number }[], principals: number[]): BasePermissionsJson[] {
  const masks: BasePermissionsJson[] = [];
  for (const assignment of assignments) {
    if (principals.indexOf(assignment.principalId) < 0) continue;
    const definition = security.roleDefinitions.find((d) => d.Id === assignment.roleDefId);
    if (definition) masks.push(definition.BasePermissions);
  }
  return masks;
}

/** The masks that give `user` its rights on the web (for creating lists, reading site users). */
export function webMasks(security: SiteSecurity, user: EmulatorUser): BasePermissionsJson[] {
  if (isSiteAdmin(security, user)) return [{ High: '2147483647', Low: '4294967295' }];
  return unionOf(security, security.webAssignments, principalIdsOf(user));
}

/** The masks that give `user` its rights on `list`: the list's own assignments once it stops inheriting. */
export function listMasks(security: SiteSecurity, list: ListState, user: EmulatorUser): BasePermissionsJson[] {
  if (isSiteAdmin(security, user)) return [{ High: '2147483647', Low: '4294967295' }];
  return unionOf(security, list.hasUniqueRoleAssignments ? list.roleAssignments : security.webAssignments, principalIdsOf(user));
}

export function grants(masks: BasePermissionsJson[], kind: number): boolean {
  return masks.some((mask) => hasPermission(mask, kind));
}
