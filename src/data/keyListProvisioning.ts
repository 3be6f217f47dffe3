import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/fields';
import '@pnp/sp/security/list';
import '@pnp/sp/security/web';
import '@pnp/sp/site-users/web';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import { Web } from '@pnp/sp/webs';
import { NotProvisionedError } from '../core';
import type { ProvisioningReport } from './KeyStore.types';
import { describeExposure, findExposures } from './keyListAudit';
import type { Exposure, RoleAssignmentInfo, SiteUserInfo } from './keyListAudit';
import { hasProvisioningMarker, KEY_COLUMNS, listDescription, SCHEMA_VERSION, schemaVersionOf } from './keyListSchema';
import type { ColumnDefinition } from './keyListSchema';
import { ADMIN_BASE_PERMISSIONS, ADMIN_PRINCIPAL_TITLES, ADMIN_ROLE_DESCRIPTION, ADMIN_ROLE_NAME, TENANT_CLAIM_PATTERN } from './keyListSecurity';
import { httpStatusOf, missingListError, toStoreError } from './sharePointErrors';

// The security model this file enforces (README "Security model"):
// - Inheritance is broken WITHOUT copying (breakroleinheritance(copyRoleAssignments=false, clearSubscopes=true);
//   copying would hand the site's Owners Full Control and Members Edit on the keys:
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
// - Exactly one principal may write: the tenant's Global Administrator principal ("Company Administrator", which
//   holds every user while the Global Administrator role is active: OfficeDocs-SharePoint
//   default-sharepoint-groups.md), at a permission level made for the list (keyListSecurity.ts: view, add, edit,
//   view versions; no delete, no delete versions, no managing). Its login name is not documented, so it is never
//   built: it is read where SharePoint shows it, among the site collection administrators of the tenant's root
//   site (`/_api/web/siteusers?$filter=IsSiteAdmin eq true`, SharePoint/sp-dev-docs
//   users-groups-and-roles-rest-api-reference.md), or taken from configuration, then `ensureuser`d on the key site
//   (PnPjs web.ensureUser, packages/sp/site-users/web.ts).
// - The verifier's app reads through its Sites.Selected grant on the site; it needs no assignment on the list.
// - "Ours": the Description's provisioning marker, which a squatter could copy, so what decides is the audit of
//   who can write (keyListAudit.ts): a list without the marker is never adopted ('not-ours'); a list with the
//   marker whose writers are not the Global Administrator principal alone is repaired only while it holds no key,
//   and reported ('exposed') once it does.

/** Where the store learns who the Global Administrator principal is, and which site collection administrators are trusted. */
export interface KeyListSecurityOptions {
  /** Login name of the Global Administrator principal (`c:0t.c|tenant|<guid>`); read from the root site when absent. */
  adminPrincipal?: string;
  /** Login names of site collection administrators of the key site who hold the Global Administrator role. */
  trustedSiteAdmins?: string[];
}

interface ListSettings {
  Id: string;
  Description: string;
  Hidden: boolean;
  NoCrawl: boolean;
  EnableVersioning: boolean;
  HasUniqueRoleAssignments: boolean;
  ItemCount: number;
}

interface ColumnInfo {
  InternalName: string;
  TypeAsString: string;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
}

const ODATA_TYPES: Record<string, string> = { Text: 'SP.FieldText', Choice: 'SP.FieldChoice', DateTime: 'SP.FieldDateTime', User: 'SP.FieldUser', Number: 'SP.FieldNumber' };

// Not the UI's "Stop Inheriting Permissions" on its own: it copies every site group (Owners Full Control, Members
// Edit), which is how keys were exposed before.
const INHERITED_FIX =
  "A site collection administrator opens the list's permissions (List settings > Permissions for this list), chooses Stop Inheriting Permissions, removes every principal it copied, then runs \"Set up the key list\" again so that only the Global Administrator principal holds a permission; then revoke every key, since site members could read and change them meanwhile.";

const EXPOSED_FIX =
  "A site collection administrator of the key site removes the principals named here from the list's permissions (List settings > Permissions for this list), so that only the Global Administrator principal keeps its \"API Key Administrators\" level; site collection administrators named here are removed in the SharePoint admin center (Sites > Active sites > Membership > Site admins), or, if they hold the Global Administrator role, listed in trustedSiteAdmins. Then review every key's version history and revoke any key they could have changed or planted.";

const NOT_OURS_FIX =
  "Nothing was changed or deleted. A site collection administrator finds out who created this list and why, saves anything it holds, then deletes or renames it and runs \"Set up the key list\" again; or configure the store on a dedicated site (see README, Deployment).";

const ADMIN_PRINCIPAL_FIX =
  "Configure the Global Administrator principal's login name (adminPrincipal): it is the \"Company Administrator\" / \"Global Administrator\" entry, c:0t.c|tenant|<id>, among the site collection administrators of the tenant's root site (Site settings > Site collection administrators, or /_api/web/siteusers?$filter=IsSiteAdmin eq true).";

async function readSettings(list: IList, listTitle: string): Promise<ListSettings | undefined> {
  try {
    return await list.select('Id', 'Description', 'Hidden', 'NoCrawl', 'EnableVersioning', 'HasUniqueRoleAssignments', 'ItemCount')<ListSettings>();
  } catch (error) {
    if (httpStatusOf(error) === 404) {
      return undefined;
    }
    throw toStoreError(error, { listTitle });
  }
}

async function readColumns(list: IList, listTitle: string): Promise<ColumnInfo[]> {
  try {
    return await list.fields
      .filter(KEY_COLUMNS.map((c) => `InternalName eq '${c.internalName}'`).join(' or '))
      .select('InternalName', 'TypeAsString', 'Indexed', 'EnforceUniqueValues')<ColumnInfo[]>();
  } catch (error) {
    throw toStoreError(error, { listTitle });
  }
}

function columnProblem(column: ColumnDefinition, found: ColumnInfo | undefined, listTitle: string): NotProvisionedError | undefined {
  if (!found) {
    return new NotProvisionedError('missing-column', `The list '${listTitle}' has no column ${column.internalName}.`, 'A Global Administrator runs "Set up the key list" again: it adds missing columns.');
  }
  if (found.TypeAsString !== column.kind) {
    return new NotProvisionedError(
      'wrong-column-type',
      `The column ${column.internalName} of '${listTitle}' is of type ${found.TypeAsString}; it must be ${column.kind}.`,
      `Delete the column ${column.internalName} in the list's settings (or rename it), then run "Set up the key list" again to recreate it with the right type.`
    );
  }
  return undefined;
}

/** Reads the Global Administrator principal's login name from the tenant's root site, where it is a site collection administrator. */
export async function readAdminPrincipal(sp: SPFI, configured: string | undefined): Promise<string> {
  if (configured !== undefined) {
    if (!TENANT_CLAIM_PATTERN.test(configured)) {
      throw new NotProvisionedError('unsafe-settings', `The configured Global Administrator principal '${configured}' is not a tenant claim (c:0t.c|tenant|<id>).`, ADMIN_PRINCIPAL_FIX);
    }
    return configured;
  }
  let admins: SiteUserInfo[];
  try {
    const root = Web([sp.web, new URL(sp.web.toUrl()).origin]);
    admins = await root.siteUsers.filter('IsSiteAdmin eq true').select('Title', 'LoginName', 'PrincipalType')<SiteUserInfo[]>();
  } catch (error) {
    throw new NotProvisionedError(
      'unsafe-settings',
      `The site collection administrators of the tenant's root site could not be read (HTTP ${String(httpStatusOf(error) ?? 'error')}), so the Global Administrator principal is unknown.`,
      ADMIN_PRINCIPAL_FIX
    );
  }
  // By title among tenant claims: a security group a user created could carry any title, but not be the root's admin.
  const candidates = admins.filter((a) => TENANT_CLAIM_PATTERN.test(a.LoginName || '') && ADMIN_PRINCIPAL_TITLES.indexOf(a.Title || '') >= 0);
  if (candidates.length !== 1) {
    throw new NotProvisionedError(
      'unsafe-settings',
      `Found ${candidates.length} Global Administrator principals among the root site's administrators; expected exactly one.`,
      ADMIN_PRINCIPAL_FIX
    );
  }
  return candidates[0].LoginName as string;
}

async function readAssignments(list: IList): Promise<RoleAssignmentInfo[]> {
  return list.roleAssignments.expand('Member', 'RoleDefinitionBindings')<RoleAssignmentInfo[]>();
}

async function readSiteAdmins(sp: SPFI): Promise<SiteUserInfo[]> {
  return sp.web.siteUsers.filter('IsSiteAdmin eq true').select('Id', 'Title', 'LoginName', 'PrincipalType')<SiteUserInfo[]>();
}

function exposedError(listTitle: string, exposures: Exposure[], itemCount: number | undefined): NotProvisionedError {
  const holds = itemCount === undefined ? '' : ` (it holds ${itemCount} keys)`;
  return new NotProvisionedError(
    'exposed',
    `Besides the Global Administrator principal, ${exposures.map((e) => `${describeExposure(e)}: ${e.how}`).join('; ')} can change the API key list '${listTitle}'${holds}.`,
    EXPOSED_FIX,
    exposures.map(describeExposure)
  );
}

function notOursError(listTitle: string): NotProvisionedError {
  return new NotProvisionedError(
    'not-ours',
    `A list named '${listTitle}' already exists on this site but was not created by API Key Management's set-up, so it is not used for keys.`,
    NOT_OURS_FIX
  );
}

/**
 * Checks without writing anything: the list exists, was provisioned, does not inherit, nobody but the Global
 * Administrator principal can write it (role assignments and site collection administrators, audited every
 * time: copied permissions are unique too), and it has every column with its type, index and uniqueness.
 */
export async function checkKeyList(sp: SPFI, list: IList, listTitle: string, adminPrincipal: () => Promise<string>, trustedSiteAdmins: string[]): Promise<void> {
  const settings = await readSettings(list, listTitle);
  if (!settings) {
    throw missingListError(listTitle);
  }
  if (!hasProvisioningMarker(settings.Description)) {
    throw notOursError(listTitle);
  }
  if (!settings.HasUniqueRoleAssignments) {
    throw new NotProvisionedError('inherited-permissions', `The list '${listTitle}' inherits the site's permissions, so every site member can read and change the key records.`, INHERITED_FIX);
  }
  const admin = await adminPrincipal();
  let exposures: Exposure[];
  try {
    exposures = findExposures(await readAssignments(list), await readSiteAdmins(sp), admin, trustedSiteAdmins);
  } catch (error) {
    throw toStoreError(error, { listTitle });
  }
  if (exposures.length > 0) {
    throw exposedError(listTitle, exposures, settings.ItemCount);
  }
  const columns = await readColumns(list, listTitle);
  for (const column of KEY_COLUMNS) {
    const found = columns.filter((c) => c.InternalName === column.internalName)[0];
    const problem = columnProblem(column, found, listTitle);
    if (problem) {
      throw problem;
    }
    if ((column.indexed && !found.Indexed) || (column.unique && !found.EnforceUniqueValues)) {
      throw new NotProvisionedError(
        'unsafe-settings',
        `The column ${column.internalName} of '${listTitle}' must be indexed${column.unique ? ' and enforce unique values' : ''}.`,
        'A Global Administrator runs "Set up the key list" again: it sets the indexes.'
      );
    }
  }
  if (!settings.Hidden || !settings.NoCrawl || !settings.EnableVersioning) {
    throw new NotProvisionedError(
      'unsafe-settings',
      `The list '${listTitle}' must be hidden, excluded from search and versioned.`,
      'A Global Administrator runs "Set up the key list" again: it restores these settings.'
    );
  }
}

/** The "API Key Administrators" permission level's id, created on the site the first time. */
async function adminRoleDefinitionId(sp: SPFI, changes: string[]): Promise<number> {
  try {
    const existing = await sp.web.roleDefinitions.getByName(ADMIN_ROLE_NAME).select('Id')<{ Id: number }>();
    return existing.Id;
  } catch (error) {
    if (httpStatusOf(error) !== 404) {
      throw error;
    }
  }
  const added = await sp.web.roleDefinitions.add(ADMIN_ROLE_NAME, ADMIN_ROLE_DESCRIPTION, 1000, { High: Number(ADMIN_BASE_PERMISSIONS.High), Low: Number(ADMIN_BASE_PERMISSIONS.Low) });
  changes.push(`Created the permission level '${ADMIN_ROLE_NAME}' (view, add and edit items, view versions; no delete, no managing).`);
  return (added.data as { Id: number }).Id;
}

async function addColumn(list: IList, column: ColumnDefinition): Promise<void> {
  const fields = list.fields;
  switch (column.kind) {
    case 'Text':
      await fields.addText(column.internalName, { MaxLength: 255, Required: column.internalName === 'KeyHash' });
      return;
    case 'Choice':
      await fields.addChoice(column.internalName, { Choices: column.choices || [], FillInChoice: false, Required: true });
      return;
    case 'DateTime':
      // 1 = DateTimeFieldFormatType.DateTime: the revocation or expiry time matters, not only its day.
      await fields.addDateTime(column.internalName, { DisplayFormat: 1 });
      return;
    case 'User':
      // 0 = FieldUserSelectionMode.PeopleOnly.
      await fields.addUser(column.internalName, { SelectionMode: 0 });
      return;
    case 'Number':
      // An item id: a whole number from 1.
      await fields.addNumber(column.internalName, { MinimumValue: 1 });
      return;
  }
}

/**
 * Creates or repairs the list; idempotent: a list already as it must be costs reads only, no write.
 * Never adopts a list without the provisioning marker; a list with keys whose permissions are not as they must be
 * is reported, not repaired, because repairing then would hide, not undo, the exposure.
 */
export async function provisionKeyList(sp: SPFI, listTitle: string, adminPrincipal: () => Promise<string>, trustedSiteAdmins: string[]): Promise<ProvisioningReport> {
  const list = sp.web.lists.getByTitle(listTitle);
  const changes: string[] = [];
  try {
    let settings = await readSettings(list, listTitle);
    if (!settings) {
      // Not lists.ensure(): it treats any failed read as "missing" and re-creates (PnPjs 4 lists/types.ts).
      try {
        await sp.web.lists.add(listTitle, listDescription(0), 100, false, { Hidden: true, NoCrawl: true, EnableVersioning: true });
      } catch (error) {
        // A create whose answer was lost is re-sent by PnPjs and then fails with "already exists": look before failing.
        if (!(await readSettings(list, listTitle))) {
          throw error;
        }
      }
      changes.push(`Created the list '${listTitle}' (hidden, excluded from search, versioning on).`);
      settings = await readSettings(list, listTitle);
      if (!settings) {
        throw missingListError(listTitle);
      }
    }
    if (!hasProvisioningMarker(settings.Description)) {
      throw notOursError(listTitle);
    }
    const admin = await adminPrincipal();
    if (!settings.HasUniqueRoleAssignments) {
      if (settings.ItemCount > 0) {
        throw new NotProvisionedError(
          'inherited-permissions',
          `The list '${listTitle}' already holds ${settings.ItemCount} keys and inherits the site's permissions, so site members could read and change them.`,
          INHERITED_FIX
        );
      }
      // Without copying: SharePoint then leaves only the caller's own Full Control, removed below once the list is set up.
      await list.breakRoleInheritance(false, true);
      changes.push("Stopped inheriting the site's permissions (without copying them).");
    }
    const assignments = await readAssignments(list);
    const siteAdmins = await readSiteAdmins(sp);
    const strangers = findExposures(assignments, [], admin, trustedSiteAdmins);
    if (strangers.length > 0 && settings.ItemCount > 0) {
      throw exposedError(listTitle, strangers, settings.ItemCount);
    }
    const adminHolds = assignments.some((a) => a.Member && (a.Member.LoginName || '').toLowerCase() === admin.toLowerCase() && (a.RoleDefinitionBindings || []).some((b) => b.Name === ADMIN_ROLE_NAME));
    if (!adminHolds) {
      const principal = await sp.web.ensureUser(admin);
      const roleDefId = await adminRoleDefinitionId(sp, changes);
      await list.roleAssignments.add((principal as unknown as { Id: number }).Id, roleDefId);
      changes.push(`Granted the Global Administrator principal (${admin}) '${ADMIN_ROLE_NAME}' on the list.`);
    }
    if (!settings.Hidden || !settings.NoCrawl || !settings.EnableVersioning) {
      await list.update({ Hidden: true, NoCrawl: true, EnableVersioning: true });
      changes.push('Set the list hidden, excluded from search, with versioning.');
    }
    const columns = await readColumns(list, listTitle);
    for (const column of KEY_COLUMNS) {
      let found = columns.filter((c) => c.InternalName === column.internalName)[0];
      if (!found) {
        try {
          await addColumn(list, column);
        } catch (error) {
          // Same as for the list: a re-sent create that had landed answers "duplicate field name".
          const again = (await readColumns(list, listTitle)).filter((c) => c.InternalName === column.internalName)[0];
          if (!again) {
            throw error;
          }
        }
        changes.push(`Added the column ${column.internalName} (${column.kind}).`);
        found = { InternalName: column.internalName, TypeAsString: column.kind, Indexed: false, EnforceUniqueValues: false };
      }
      const problem = columnProblem(column, found, listTitle);
      if (problem) {
        throw problem;
      }
      const field = list.fields.getByInternalNameOrTitle(column.internalName);
      // Indexed first: SharePoint refuses unique values on a column without an index.
      if (column.indexed && !found.Indexed) {
        await field.update({ Indexed: true }, ODATA_TYPES[column.kind]);
        changes.push(`Indexed the column ${column.internalName}.`);
      }
      if (column.unique && !found.EnforceUniqueValues) {
        await field.update({ EnforceUniqueValues: true }, ODATA_TYPES[column.kind]);
        changes.push(`Made the column ${column.internalName} unique.`);
      }
    }
    if (schemaVersionOf(settings.Description) < SCHEMA_VERSION) {
      await list.update({ Description: listDescription(SCHEMA_VERSION) });
      changes.push(`Recorded schema version ${SCHEMA_VERSION}.`);
    }
    // Last, once nothing else needs managing: everyone but the Global Administrator principal loses write access,
    // the caller's own Full Control (left by breaking inheritance) included. The list holds no key here.
    for (const assignment of assignments) {
      const stranger = findExposures([assignment], [], admin, trustedSiteAdmins).length > 0;
      for (const binding of stranger ? assignment.RoleDefinitionBindings || [] : []) {
        await list.roleAssignments.remove(assignment.PrincipalId, binding.Id as number);
      }
      if (stranger) {
        changes.push(`Removed ${describeExposure(findExposures([assignment], [], admin, trustedSiteAdmins)[0])} from the list's permissions.`);
      }
    }
    const adminsExposed = findExposures([], siteAdmins, admin, trustedSiteAdmins);
    if (adminsExposed.length > 0) {
      // Only the admin center changes site collection administrators: everything else is done, this is reported.
      throw exposedError(listTitle, adminsExposed, undefined);
    }
    return { changes, listId: settings.Id, schemaVersion: SCHEMA_VERSION, adminPrincipal: admin };
  } catch (error) {
    throw toStoreError(error, { listTitle });
  }
}
