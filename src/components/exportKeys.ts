import * as strings from 'ApiKeyManagementStrings';
import { csvFileName, csvSeparatorFor, effectiveStatus, keyRecordsToCsv } from '../core';
import type { KeyRecord } from '../core';
import { getDisplayLocale, permissionLabel, statusLabel } from './keyLabels';

/**
 * The view as CSV in the list's own words and columns. The key column says what it holds (the last 12
 * characters, an identifier), so nobody pastes it into Power BI as a key; a tampered key reads Tampered, a key
 * past its expiry Expired (at the page's `now`, the same instant the list was drawn with). Fields are separated as
 * Excel expects in the page's locale (a semicolon where the comma is the decimal mark).
 */
export function keysCsv(records: readonly KeyRecord[], now: Date = new Date(), usageUnknown: boolean = false): string {
  return keyRecordsToCsv(records, {
    columns: {
      name: strings.ColumnName,
      tail: strings.ExportKeyEndingColumn,
      status: strings.ColumnStatus,
      expires: strings.ExpiresLabel,
      lastUsed: strings.ColumnLastUsed,
      permission: strings.ColumnPermission,
      created: strings.ColumnCreated,
      createdBy: strings.ColumnCreatedBy,
      revokedAt: strings.ColumnRevokedAt,
      revokedBy: strings.ColumnRevokedBy
    },
    status: (record) => (record.integrity ? strings.StatusTampered : statusLabel(effectiveStatus(record, now))),
    permission: (record) => permissionLabel(record.permission),
    neverExpires: strings.ExpiresNever,
    neverUsed: usageUnknown ? strings.LastUsedUnknown : strings.LastUsedNever
  }, csvSeparatorFor(getDisplayLocale()));
}

/** Saves the view as `api-keys-<local date>.csv` through a temporary object URL; returns the file name. */
export function downloadKeysCsv(records: readonly KeyRecord[], now: Date = new Date(), usageUnknown: boolean = false): string {
  const name = csvFileName('api-keys', now);
  const url = URL.createObjectURL(new Blob([keysCsv(records, now, usageUnknown)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}
