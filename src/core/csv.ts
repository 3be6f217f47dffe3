import type { KeyRecord } from './keyRecord.types';
import { localDayText, twoDigits } from './localDay';
import type { KeyColumn } from './query';
import { KEY_COLUMNS } from './query';

/** UTF-8 byte order mark: without it Excel reads a UTF-8 CSV as the system code page and garbles accents. */
export const CSV_BOM = '\uFEFF';

// Cells a spreadsheet would evaluate as a formula (OWASP "CSV Injection"): a key name such as
// =HYPERLINK(...) must arrive as text. Tab and carriage return start formulas in some programs too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as RFC 4180 writes it, with formula-leading text neutralised by a leading apostrophe. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What separates fields: a comma (RFC 4180), or a semicolon where the comma is the decimal mark. */
export type CsvSeparator = ',' | ';';

/**
 * The separator Excel expects when it opens a CSV by double-click: it splits on Windows' list separator, which is a
 * semicolon wherever the comma is the decimal mark (French, German, Spanish... defaults), so a comma file would land
 * in one column there. Decided from the locale's own number format, never from a list of languages.
 */
export function csvSeparatorFor(locale: string | undefined): CsvSeparator {
  // 1.5 has no grouping, so its only separator is the decimal mark: "1.5", "1,5", "١٫٥".
  return new Intl.NumberFormat(locale).format(1.5).indexOf(',') !== -1 ? ';' : ',';
}

/** A whole CSV file: BOM, header row, then one row per entry; CRLF line ends (RFC 4180, what Excel writes). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], separator: CsvSeparator = ','): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(separator));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** A date and time for a spreadsheet: local time, `2026-12-03 14:05`, which Excel reads as a date in every locale. */
export function csvDateTime(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) return '';
  return `${localDayText(date)} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

/** `api-keys-2026-12-03.csv`: the local calendar day of the export. */
export function csvFileName(prefix: string, date: Date): string {
  return `${prefix}-${localDayText(date)}.csv`;
}

/** How the page words a record's values; the export uses the same words as the list. */
export interface KeyCsvLabels {
  columns: Record<KeyColumn, string>;
  status: (record: KeyRecord) => string;
  permission: (record: KeyRecord) => string;
  /** What an empty Expires reads ("Never"): a blank would read as unknown. */
  neverExpires: string;
  /** What an empty Last used reads ("Never"). */
  neverUsed: string;
}

/**
 * The overview's rows as CSV, in the order given (the page passes its filtered, sorted view). Only
 * what the list shows: the key's last 12 characters, never its hash or anything else about it.
 */
export function keyRecordsToCsv(records: readonly KeyRecord[], labels: KeyCsvLabels, separator: CsvSeparator = ','): string {
  const cell = (record: KeyRecord, column: KeyColumn): string => {
    switch (column) {
      case 'name':
        return record.name;
      case 'tail':
        return record.tail;
      case 'status':
        return labels.status(record);
      case 'expires':
        return record.expires ? csvDateTime(record.expires) : labels.neverExpires;
      case 'lastUsed':
        return record.lastUsed ? csvDateTime(record.lastUsed) : labels.neverUsed;
      case 'permission':
        return labels.permission(record);
      case 'created':
        return csvDateTime(record.created);
      case 'createdBy':
        return record.createdBy.displayName;
      case 'revokedAt':
        return csvDateTime(record.revokedAt);
      default:
        return record.revokedBy ? record.revokedBy.displayName : '';
    }
  };
  return toCsv(
    KEY_COLUMNS.map((column) => labels.columns[column]),
    records.map((record) => KEY_COLUMNS.map((column) => cell(record, column))),
    separator
  );
}
