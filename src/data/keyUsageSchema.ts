/**
 * The usage list's shape: when each key was last accepted by a verifier. A second hidden list beside the key list,
 * so that the verifier's app may write usage without ever holding write on the key records (README, Security model).
 * One item per key: Title = the key's last 12 characters (for humans browsing the list), KeyId = the key's item id
 * in the key list, LastUsed = the latest accepted use a verifier wrote (the maximum wins).
 */

export const USAGE_LIST_TITLE = 'API Key Usage';

/** Bumped when provisioning learns something new to create or repair on the usage list. */
export const USAGE_SCHEMA_VERSION = 1;

export function usageListDescription(version: number): string {
  return `When each API key was last used, as the verifiers record it (at most once per key per window). No key material. akm-usage-schema:${version}`;
}

export function hasUsageMarker(description: string | undefined): boolean {
  return /akm-usage-schema:\d+/.test(description || '');
}

export function usageSchemaVersionOf(description: string | undefined): number {
  const match = /akm-usage-schema:(\d+)/.exec(description || '');
  return match ? Number(match[1]) : 0;
}

export interface UsageColumnDefinition {
  internalName: 'KeyId' | 'LastUsed';
  kind: 'Number' | 'DateTime';
  fieldTypeKind: number;
  indexed: boolean;
  unique: boolean;
}

/**
 * KeyId is indexed (the writer's and the page's reads stay under the list view threshold) and unique: a second
 * item for one key, written by two verifiers racing, is refused by SharePoint rather than kept. SharePoint allows
 * "Enforce unique values" on Number columns, as on text, choice, date and person columns, and only once indexed
 * (SPField.EnforceUniqueValues: https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee545434(v=office.15)).
 */
export const USAGE_COLUMNS: UsageColumnDefinition[] = [
  { internalName: 'KeyId', kind: 'Number', fieldTypeKind: 9, indexed: true, unique: true },
  { internalName: 'LastUsed', kind: 'DateTime', fieldTypeKind: 4, indexed: false, unique: false }
];

/** Read (RoleType.Reader), the same id on every SharePoint site: what the Global Administrator principal holds on the usage list. */
export const READ_ROLE_DEFINITION_ID = 1073741826;

/** Microsoft Graph's listItem id of a usage item is its SharePoint item id, as a string. */
export const USAGE_ITEM_SELECT: string[] = ['Id', 'Title', 'KeyId', 'LastUsed'];
