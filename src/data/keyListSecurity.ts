/**
 * Who may do what on the hidden list: the permission level provisioning creates for the Global Administrator
 * principal, and the rights that count as "more than read" in the who-can-write audit.
 *
 * SP.BasePermissions is a 64-bit mask sent as {High, Low} strings; PermissionKind N is bit N-1
 * (pnp/pnpjs packages/sp/security/types.ts PermissionKind, funcs.ts hasPermissions).
 */

/** PermissionKind values used here (pnp/pnpjs packages/sp/security/types.ts). */
export const PERMISSION_KIND = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  CancelCheckout: 9,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  AddAndCustomizePages: 19,
  ManagePermissions: 26,
  BrowseUserInfo: 28,
  ManageWeb: 31,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  EnumeratePermissions: 63,
  FullMask: 65
} as const;

export interface BasePermissions {
  High: string;
  Low: string;
}

/** The {High, Low} mask holding exactly `kinds`. */
export function basePermissionsOf(kinds: number[]): BasePermissions {
  let high = 0;
  let low = 0;
  for (const kind of kinds) {
    const bit = kind - 1;
    if (bit < 32) {
      low += 2 ** bit;
    } else {
      high += 2 ** (bit - 32);
    }
  }
  return { High: String(high), Low: String(low) };
}

/** Whether `mask` grants PermissionKind `kind` (Full Control's mask grants everything). */
export function grantsPermission(mask: BasePermissions, kind: number): boolean {
  const high = Number(mask.High);
  const low = Number(mask.Low);
  if (high === 2147483647 && low === 4294967295) {
    return true;
  }
  const bit = kind - 1;
  return bit < 32 ? Math.floor(low / 2 ** bit) % 2 === 1 : Math.floor(high / 2 ** (bit - 32)) % 2 === 1;
}

/** The permission level granted to the Global Administrator principal on the list, and only there. */
export const ADMIN_ROLE_NAME = 'API Key Administrators';

export const ADMIN_ROLE_DESCRIPTION =
  'API Key Management: view, add and edit API key records and view their versions. No delete, no delete versions, no managing the list or its permissions.';

/**
 * View, add and edit items, view versions; plus what any access needs (open, view pages and forms, use the REST
 * API) and Enumerate Permissions, so the page can audit who else holds rights. Deliberately without
 * DeleteListItems, DeleteVersions (the evidence the verifier reads), ManageLists and ManagePermissions.
 */
export const ADMIN_BASE_PERMISSIONS: BasePermissions = basePermissionsOf([
  PERMISSION_KIND.ViewListItems,
  PERMISSION_KIND.AddListItems,
  PERMISSION_KIND.EditListItems,
  PERMISSION_KIND.OpenItems,
  PERMISSION_KIND.ViewVersions,
  PERMISSION_KIND.ViewFormPages,
  PERMISSION_KIND.Open,
  PERMISSION_KIND.ViewPages,
  PERMISSION_KIND.BrowseUserInfo,
  PERMISSION_KIND.UseClientIntegration,
  PERMISSION_KIND.UseRemoteAPIs,
  PERMISSION_KIND.EnumeratePermissions
]);

/** Any of these on the list lets a principal change, plant, delete or re-permission key records: "more than read". */
export const WRITE_PERMISSIONS: number[] = [
  PERMISSION_KIND.AddListItems,
  PERMISSION_KIND.EditListItems,
  PERMISSION_KIND.DeleteListItems,
  PERMISSION_KIND.ApproveItems,
  PERMISSION_KIND.DeleteVersions,
  PERMISSION_KIND.CancelCheckout,
  PERMISSION_KIND.ManageLists,
  PERMISSION_KIND.AddAndCustomizePages,
  PERMISSION_KIND.ManagePermissions,
  PERMISSION_KIND.ManageWeb
];

/** The first write permission `mask` grants, by name, or undefined when it grants read at most. */
export function writePermissionIn(mask: BasePermissions): string | undefined {
  for (const kind of WRITE_PERMISSIONS) {
    if (grantsPermission(mask, kind)) {
      return Object.keys(PERMISSION_KIND).filter((name) => PERMISSION_KIND[name as keyof typeof PERMISSION_KIND] === kind)[0];
    }
  }
  return undefined;
}

/** How SharePoint names the Global Administrator principal among the root site's administrators. */
export const ADMIN_PRINCIPAL_TITLES = ['Company Administrator', 'Global Administrator'];

/** The login-name form of an Entra security principal in SharePoint: `c:0t.c|tenant|<object id>`. */
export const TENANT_CLAIM_PATTERN = /^c:0t\.c\|tenant\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
