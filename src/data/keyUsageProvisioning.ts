import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/fields';
import '@pnp/sp/security/list';
import '@pnp/sp/site-users/web';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import { describeExposure, findExposures } from './keyListAudit';
import type { RoleAssignmentInfo } from './keyListAudit';
import { hasUsageMarker, READ_ROLE_DEFINITION_ID, USAGE_COLUMNS, USAGE_LIST_TITLE, USAGE_SCHEMA_VERSION, usageListDescription, usageSchemaVersionOf } from './keyUsageSchema';
import { httpStatusOf } from './sharePointErrors';

// The usage list's security model (README, Security model): hidden, NoCrawl, inheritance broken without copying,
// the Global Administrator principal at Read alone among SharePoint's role assignments. The verifier's app writes it
// through its Microsoft Graph list grant (Lists.SelectedOperations.Selected, `write`, made by a Global
// Administrator with `POST /sites/{siteId}/lists/{listId}/permissions`: GraphKeyUsageWriter.ts), which SharePoint's
// roleassignments do not list. Last-used is best-effort: a problem here is reported, never a reason to stop the key
// list from working.

export interface UsageListReport {
  /** What was created or changed. */
  changes: string[];
  /** The usage list's id: what the verifier's app is granted `write` on. */
  listId?: string;
  /** Why last-used cannot be trusted or recorded, and the fix; undefined when the list is as it must be. */
  problem?: string;
}

interface UsageListSettings {
  Id: string;
  Description: string;
  Hidden: boolean;
  NoCrawl: boolean;
  HasUniqueRoleAssignments: boolean;
}

interface ColumnInfo {
  InternalName: string;
  TypeAsString: string;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
}

const ODATA_TYPES: Record<string, string> = { Number: 'SP.FieldNumber', DateTime: 'SP.FieldDateTime' };

const NOT_OURS =
  "A list named 'API Key Usage' exists on the key site but was not created by API Key Management's set-up, so last-used times are not read from it or written to it. A site collection administrator finds out who created it, then deletes or renames it and runs \"Set up the key list\" again.";

async function readSettings(list: IList): Promise<UsageListSettings | undefined> {
  try {
    return await list.select('Id', 'Description', 'Hidden', 'NoCrawl', 'HasUniqueRoleAssignments')<UsageListSettings>();
  } catch (error) {
    if (httpStatusOf(error) === 404) {
      return undefined;
    }
    throw error;
  }
}

async function readColumns(list: IList): Promise<ColumnInfo[]> {
  return list.fields
    .filter(USAGE_COLUMNS.map((c) => `InternalName eq '${c.internalName}'`).join(' or '))
    .select('InternalName', 'TypeAsString', 'Indexed', 'EnforceUniqueValues')<ColumnInfo[]>();
}

async function readAssignments(list: IList): Promise<RoleAssignmentInfo[]> {
  return list.roleAssignments.expand('Member', 'RoleDefinitionBindings')<RoleAssignmentInfo[]>();
}

/** Everyone in the usage list's role assignments but the Global Administrator principal (the list needs nobody else, not even readers). */
function strangersIn(assignments: RoleAssignmentInfo[], admin: string): RoleAssignmentInfo[] {
  return assignments.filter((a) => !(a.Member && (a.Member.LoginName || '').toLowerCase() === admin.toLowerCase()));
}

function nameOf(assignment: RoleAssignmentInfo): string {
  const exposure = findExposures([assignment], [], '', [])[0];
  const member = assignment.Member;
  return exposure ? describeExposure(exposure) : `${(member && member.Title) || `principal ${assignment.PrincipalId}`} (${(member && member.LoginName) || ''})`;
}

/**
 * Creates or repairs the usage list ('API Key Usage', beside the key list); idempotent: a list already as it must be
 * costs reads only. Never adopts a list without its marker. Errors of its own come back as `problem`, not thrown.
 */
export async function provisionUsageList(sp: SPFI, adminPrincipal: () => Promise<string>, listTitle: string = USAGE_LIST_TITLE): Promise<UsageListReport> {
  const list = sp.web.lists.getByTitle(listTitle);
  const changes: string[] = [];
  try {
    let settings = await readSettings(list);
    if (!settings) {
      try {
        await sp.web.lists.add(listTitle, usageListDescription(0), 100, false, { Hidden: true, NoCrawl: true, EnableVersioning: false });
      } catch (error) {
        if (!(await readSettings(list))) {
          throw error;
        }
      }
      changes.push(`Created the list '${listTitle}' for last-used times (hidden, excluded from search).`);
      settings = await readSettings(list);
      if (!settings) {
        return { changes, problem: `The list '${listTitle}' could not be created.` };
      }
    }
    if (!hasUsageMarker(settings.Description)) {
      return { changes, problem: NOT_OURS };
    }
    const admin = await adminPrincipal();
    if (!settings.HasUniqueRoleAssignments) {
      await list.breakRoleInheritance(false, true);
      changes.push(`Stopped '${listTitle}' inheriting the site's permissions (without copying them).`);
    }
    const assignments = await readAssignments(list);
    const adminReads = assignments.some(
      (a) => a.Member && (a.Member.LoginName || '').toLowerCase() === admin.toLowerCase() && (a.RoleDefinitionBindings || []).some((b) => b.Id === READ_ROLE_DEFINITION_ID)
    );
    if (!adminReads) {
      const principal = await sp.web.ensureUser(admin);
      await list.roleAssignments.add((principal as unknown as { Id: number }).Id, READ_ROLE_DEFINITION_ID);
      changes.push(`Granted the Global Administrator principal (${admin}) Read on '${listTitle}'.`);
    }
    if (!settings.Hidden || !settings.NoCrawl) {
      await list.update({ Hidden: true, NoCrawl: true });
      changes.push(`Set '${listTitle}' hidden and excluded from search.`);
    }
    const columns = await readColumns(list);
    for (const column of USAGE_COLUMNS) {
      let found = columns.filter((c) => c.InternalName === column.internalName)[0];
      if (!found) {
        try {
          if (column.kind === 'Number') {
            await list.fields.addNumber(column.internalName, { MinimumValue: 1 });
          } else {
            await list.fields.addDateTime(column.internalName, { DisplayFormat: 1 });
          }
        } catch (error) {
          if (!(await readColumns(list)).some((c) => c.InternalName === column.internalName)) {
            throw error;
          }
        }
        changes.push(`Added the column ${column.internalName} (${column.kind}) to '${listTitle}'.`);
        found = { InternalName: column.internalName, TypeAsString: column.kind, Indexed: false, EnforceUniqueValues: false };
      }
      if (found.TypeAsString !== column.kind) {
        return { changes, listId: settings.Id, problem: `The column ${column.internalName} of '${listTitle}' is of type ${found.TypeAsString}; it must be ${column.kind}. Delete it in the list's settings and run "Set up the key list" again.` };
      }
      const field = list.fields.getByInternalNameOrTitle(column.internalName);
      if (column.indexed && !found.Indexed) {
        await field.update({ Indexed: true }, ODATA_TYPES[column.kind]);
        changes.push(`Indexed the column ${column.internalName} of '${listTitle}'.`);
      }
      if (column.unique && !found.EnforceUniqueValues) {
        await field.update({ EnforceUniqueValues: true }, ODATA_TYPES[column.kind]);
        changes.push(`Made the column ${column.internalName} of '${listTitle}' unique.`);
      }
    }
    if (usageSchemaVersionOf(settings.Description) < USAGE_SCHEMA_VERSION) {
      await list.update({ Description: usageListDescription(USAGE_SCHEMA_VERSION) });
      changes.push(`Recorded usage schema version ${USAGE_SCHEMA_VERSION} on '${listTitle}'.`);
    }
    // Last: nobody but the Global Administrator principal keeps a role assignment (the caller's Full Control included).
    for (const assignment of strangersIn(assignments, admin)) {
      for (const binding of assignment.RoleDefinitionBindings || []) {
        await list.roleAssignments.remove(assignment.PrincipalId, binding.Id as number);
      }
      changes.push(`Removed ${nameOf(assignment)} from '${listTitle}'.`);
    }
    return { changes, listId: settings.Id };
  } catch (error) {
    return { changes, problem: `'${listTitle}' could not be set up (HTTP ${String(httpStatusOf(error) ?? 'error')}): ${error instanceof Error ? error.message : String(error)}. Run "Set up the key list" again.` };
  }
}

/** The who-can-write audit of the usage list, without writing: undefined when only the Global Administrator principal holds anything. */
export async function checkUsageList(sp: SPFI, adminPrincipal: () => Promise<string>, listTitle: string = USAGE_LIST_TITLE): Promise<string | undefined> {
  const list = sp.web.lists.getByTitle(listTitle);
  const settings = await readSettings(list);
  if (!settings) {
    return 'usage list missing: run set-up in the page ("Set up the key list").';
  }
  if (!hasUsageMarker(settings.Description)) {
    return NOT_OURS;
  }
  if (!settings.HasUniqueRoleAssignments) {
    return `'${listTitle}' inherits the site's permissions: site members could forge last-used times. Run "Set up the key list" again.`;
  }
  const writers = findExposures(await readAssignments(list), [], await adminPrincipal(), []);
  return writers.length === 0 ? undefined : `Besides the Global Administrator principal, ${writers.map((w) => `${describeExposure(w)}: ${w.how}`).join('; ')} can change '${listTitle}'. Run "Set up the key list" again.`;
}
