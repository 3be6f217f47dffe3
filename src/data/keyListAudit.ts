import type { BasePermissions } from './keyListSecurity';
import { writePermissionIn } from './keyListSecurity';

/** A role assignment as `roleassignments?$expand=Member,RoleDefinitionBindings` returns it. */
export interface RoleAssignmentInfo {
  PrincipalId: number;
  Member?: { Id?: number; Title?: string; LoginName?: string; PrincipalType?: number } | null;
  RoleDefinitionBindings?: { Id?: number; Name?: string; BasePermissions?: BasePermissions }[] | null;
}

/** A site user as `web/siteusers?$filter=IsSiteAdmin eq true` returns it. */
export interface SiteUserInfo {
  Id?: number;
  Title?: string;
  LoginName?: string;
  PrincipalType?: number;
}

/** Who, by display name and login name, holds more than read and how. */
export interface Exposure {
  principal: string;
  loginName: string;
  /** For example "Full Control (ManageLists)" or "site collection administrator". */
  how: string;
  /** A site collection administrator (fixed in the admin center) rather than a role assignment on the list (fixed in its permissions). */
  siteAdmin: boolean;
}

const sameLogin = (a: string | undefined, b: string | undefined): boolean => (a || '').toLowerCase() === (b || '').toLowerCase();

function nameOf(member: { Title?: string; LoginName?: string; PrincipalType?: number } | null | undefined, principalId: number): { principal: string; loginName: string } {
  const loginName = (member && member.LoginName) || `principal ${principalId}`;
  const title = (member && member.Title) || loginName;
  const kind = member && member.PrincipalType === 8 ? ' (SharePoint group)' : '';
  return { principal: `${title}${kind}`, loginName };
}

/**
 * Everyone who can write the key list besides the Global Administrator principal: any role assignment with more
 * than read (add, edit, delete, delete versions, manage the list or its permissions), and every site collection
 * administrator (who keeps full access whatever the list's permissions) not named in `trustedSiteAdmins` as a
 * holder of the Global Administrator role. Read-only principals (the verifier's app, for one) are not exposures.
 */
export function findExposures(assignments: RoleAssignmentInfo[], siteAdmins: SiteUserInfo[], adminPrincipal: string, trustedSiteAdmins: string[]): Exposure[] {
  const exposures: Exposure[] = [];
  for (const assignment of assignments) {
    const member = assignment.Member;
    if (member && sameLogin(member.LoginName, adminPrincipal)) {
      continue;
    }
    for (const binding of assignment.RoleDefinitionBindings || []) {
      const write = binding.BasePermissions ? writePermissionIn(binding.BasePermissions) : 'unknown rights';
      if (write !== undefined) {
        exposures.push({ ...nameOf(member, assignment.PrincipalId), how: `${binding.Name || 'a permission level'} (${write})`, siteAdmin: false });
        break;
      }
    }
  }
  for (const admin of siteAdmins) {
    if (sameLogin(admin.LoginName, adminPrincipal) || trustedSiteAdmins.some((trusted) => sameLogin(trusted, admin.LoginName))) {
      continue;
    }
    exposures.push({ ...nameOf(admin, admin.Id || 0), how: 'site collection administrator', siteAdmin: true });
  }
  return exposures;
}

/** `Display name (login name)`, as NotProvisionedError.principals carries them. */
export function describeExposure(exposure: Exposure): string {
  return `${exposure.principal} (${exposure.loginName})`;
}
