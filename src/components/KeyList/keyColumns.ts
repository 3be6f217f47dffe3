import * as strings from 'ApiKeyManagementStrings';
import type { KeyColumn } from '../../core';

/** How a column is filtered from its header. */
export type ColumnFilterKind = 'text' | 'choice' | 'date' | 'person';

export interface KeyColumnInfo {
  column: KeyColumn;
  /** The header text (localized). */
  title: string;
  filterKind: ColumnFilterKind;
  /** What the header's tooltip adds to the title: how fresh or how derived the column's values are. */
  description?: string;
}

/** The ten columns, in the order the list shows them (KEY_COLUMNS' order, which the export follows). */
export function keyColumns(): KeyColumnInfo[] {
  return [
    { column: 'name', title: strings.ColumnName, filterKind: 'text' },
    { column: 'tail', title: strings.ColumnApiKey, filterKind: 'text' },
    { column: 'status', title: strings.ColumnStatus, filterKind: 'choice' },
    { column: 'expires', title: strings.ExpiresLabel, filterKind: 'date' },
    { column: 'lastUsed', title: strings.ColumnLastUsed, filterKind: 'date', description: strings.LastUsedFreshness },
    { column: 'permission', title: strings.ColumnPermission, filterKind: 'choice' },
    { column: 'created', title: strings.ColumnCreated, filterKind: 'date' },
    { column: 'createdBy', title: strings.ColumnCreatedBy, filterKind: 'person' },
    { column: 'revokedAt', title: strings.ColumnRevokedAt, filterKind: 'date' },
    { column: 'revokedBy', title: strings.ColumnRevokedBy, filterKind: 'person' }
  ];
}
