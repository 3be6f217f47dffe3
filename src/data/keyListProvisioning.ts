import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/fields';
import '@pnp/sp/security/list';
import '@pnp/sp/site-groups/web';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import { NotProvisionedError } from '../core';
import type { ProvisioningReport } from './KeyStore.types';
import { FULL_CONTROL_ROLE_DEFINITION_ID, KEY_COLUMNS, listDescription, SCHEMA_VERSION, schemaVersionOf } from './keyListSchema';
import type { ColumnDefinition } from './keyListSchema';
import { httpStatusOf, missingListError, toStoreError } from './sharePointErrors';

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

const ODATA_TYPES: Record<string, string> = { Text: 'SP.FieldText', Choice: 'SP.FieldChoice', DateTime: 'SP.FieldDateTime', User: 'SP.FieldUser' };

const INHERITED_FIX =
  "In the list's settings, open Permissions for this list, choose Stop Inheriting Permissions and remove every group but the site's Owners; then revoke keys that may have been seen while others could read the list.";

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

/** Checks without writing anything: the list exists, is not inherited, has every column with its type, index and uniqueness. */
export async function checkKeyList(list: IList, listTitle: string): Promise<void> {
  const settings = await readSettings(list, listTitle);
  if (!settings) {
    throw missingListError(listTitle);
  }
  if (!settings.HasUniqueRoleAssignments) {
    throw new NotProvisionedError('inherited-permissions', `The list '${listTitle}' inherits the site's permissions, so every site member can read the key hashes.`, INHERITED_FIX);
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
      // 1 = DateTimeFieldFormatType.DateTime: the revocation time matters, not only its day.
      await fields.addDateTime(column.internalName, { DisplayFormat: 1 });
      return;
    case 'User':
      // 0 = FieldUserSelectionMode.PeopleOnly.
      await fields.addUser(column.internalName, { SelectionMode: 0 });
      return;
  }
}

/**
 * Creates or repairs the list; idempotent: a list already as it must be costs two reads and no write.
 * Inherited permissions are repaired only on a list without items (nothing can have been read yet); on a list
 * with keys they are reported, because breaking inheritance then would hide, not undo, the exposure.
 */
export async function provisionKeyList(sp: SPFI, listTitle: string): Promise<ProvisioningReport> {
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
    if (!settings.HasUniqueRoleAssignments) {
      if (settings.ItemCount > 0) {
        throw new NotProvisionedError(
          'inherited-permissions',
          `The list '${listTitle}' already holds ${settings.ItemCount} keys and inherits the site's permissions, so site members could read it.`,
          INHERITED_FIX
        );
      }
      // Without copying: SharePoint then leaves only the caller's own Full Control, and the Owners group is added
      // next. The caller's direct grant stays: removing it could lock out an admin who owns the site through
      // another group.
      await list.breakRoleInheritance(false, true);
      const owners = await sp.web.associatedOwnerGroup.select('Id')<{ Id: number }>();
      await list.roleAssignments.add(owners.Id, FULL_CONTROL_ROLE_DEFINITION_ID);
      changes.push("Stopped inheriting permissions: only the site's owners (and site collection administrators) can open the list.");
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
    return { changes, listId: settings.Id, schemaVersion: SCHEMA_VERSION };
  } catch (error) {
    throw toStoreError(error, { listTitle });
  }
}
