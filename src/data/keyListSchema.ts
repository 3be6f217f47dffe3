/**
 * The hidden list's shape: what the store provisions, checks and reads. The only place that names
 * SharePoint columns; everything above the data layer sees KeyRecord.
 */

export const DEFAULT_LIST_TITLE = 'API Keys';

/**
 * Bumped when provisioning learns something new to create or repair (2: the Global Administrator principal alone may
 * write; 3: the Expires column; 4: the RolledFromId column, indexed).
 */
export const SCHEMA_VERSION = 4;

/** Written into the list's Description once provisioning has completed; its version tells later releases what to upgrade. */
export function listDescription(version: number): string {
  return `API keys of API Key Management: SHA-256 hashes and last 12 characters only, never keys. akm-schema:${version}`;
}

/**
 * Whether the Description carries the provisioning marker (written when provisioning creates the list). It says
 * "created by provisioning" only to an honest reader: anyone who can create a list can copy it, so a list is
 * trusted because of who can write it (the permission audit), never because of this marker alone.
 */
export function hasProvisioningMarker(description: string | undefined): boolean {
  return /akm-schema:\d+/.test(description || '');
}

/** The schema version recorded in a list's Description, 0 when provisioning never completed. */
export function schemaVersionOf(description: string | undefined): number {
  const match = /akm-schema:(\d+)/.exec(description || '');
  return match ? Number(match[1]) : 0;
}

export type ColumnKind = 'Text' | 'Choice' | 'DateTime' | 'User' | 'Number';

export interface ColumnDefinition {
  internalName: string;
  kind: ColumnKind;
  /** SP.FieldType value of `kind`. */
  fieldTypeKind: number;
  indexed: boolean;
  unique: boolean;
  choices?: string[];
}

/** Title (SharePoint's own column) holds the key's name; Created and Author are SharePoint's. */
export const KEY_COLUMNS: ColumnDefinition[] = [
  { internalName: 'KeyHash', kind: 'Text', fieldTypeKind: 2, indexed: true, unique: true },
  { internalName: 'KeyTail', kind: 'Text', fieldTypeKind: 2, indexed: false, unique: false },
  { internalName: 'Permission', kind: 'Choice', fieldTypeKind: 6, indexed: false, unique: false, choices: ['ReadOnly', 'FullControl'] },
  { internalName: 'Status', kind: 'Choice', fieldTypeKind: 6, indexed: true, unique: false, choices: ['Active', 'Revoked'] },
  { internalName: 'RevokedAt', kind: 'DateTime', fieldTypeKind: 4, indexed: false, unique: false },
  { internalName: 'RevokedBy', kind: 'User', fieldTypeKind: 20, indexed: false, unique: false },
  // Empty: the key never expires. Fixed at generation; version history proves it was only ever brought forward.
  { internalName: 'Expires', kind: 'DateTime', fieldTypeKind: 4, indexed: false, unique: false },
  // Set on a key made by "Roll API Key": the item id of the key it replaced. Fixed at creation (version history proves
  // it). Indexed because the old key's history finds its replacements with `RolledFromId eq <id>`, past 5,000 keys too.
  { internalName: 'RolledFromId', kind: 'Number', fieldTypeKind: 9, indexed: true, unique: false }
];

/** Full Control, the same id on every SharePoint site (RoleType.Administrator). */
export const FULL_CONTROL_ROLE_DEFINITION_ID = 1073741829;

/** Only what the page and the verifier need, in one request: no per-row lookups for names. */
export const ITEM_SELECT: string[] = [
  'Id',
  'Title',
  'KeyHash',
  'KeyTail',
  'Permission',
  'Status',
  'Created',
  'AuthorId',
  'RevokedAt',
  'RevokedById',
  'Expires',
  'RolledFromId',
  'Modified',
  'Author/Id',
  'Author/Title',
  'Author/EMail',
  'RevokedBy/Id',
  'RevokedBy/Title',
  'RevokedBy/EMail',
  'EditorId',
  'Editor/Id',
  'Editor/Title',
  'Editor/EMail',
  'OData__UIVersionString'
];

/** Editor tells a user who lost an edit race whose change won. */
export const ITEM_EXPAND: string[] = ['Author', 'RevokedBy', 'Editor'];

/** SharePoint's largest page of list items. */
export const PAGE_SIZE = 5000;
