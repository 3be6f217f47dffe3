import type { PageFilters } from '../pageFilters';
import { localDayText } from '../../core';
import type { KeyColumn } from '../../core';

/** `values` with `value` added or removed; undefined when nothing is left, so the filter counts as off. */
export function toggle<T>(values: readonly T[], value: T, on: boolean): T[] | undefined {
  const rest = values.filter((v) => v !== value);
  const next = on ? rest.concat([value]) : rest;
  return next.length > 0 ? next : undefined;
}

/** The filters without this column's part. */
export function clearColumnFilter(filters: PageFilters, column: KeyColumn): PageFilters {
  const next: PageFilters = { ...filters };
  delete next[column];
  return next;
}

/** A date as an <input type="date"> value (local calendar day). */
export function dateInputValue(date: Date | undefined): string {
  return date ? localDayText(date) : '';
}

/**
 * An <input type="date"> value as a Date in local time: the start of the day for "from", its last
 * millisecond for "to", so a range from a day to the same day keeps everything on that day.
 * Undefined until the value is a complete, real calendar date with a four-digit year: while a year
 * is being typed the browser reports "0002-10-01", "0020-10-01", "0202-10-01" in turn, and none of
 * those is what the admin means.
 */
export function parseDateInput(value: string | undefined, edge: 'start' | 'end'): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  if (year < 1000) {
    return undefined;
  }
  const date = edge === 'start' ? new Date(2000, 0, 1, 0, 0, 0, 0) : new Date(2000, 0, 1, 23, 59, 59, 999);
  // setFullYear, not new Date(year, …): the constructor maps years 0 to 99 to 1900 to 1999.
  date.setFullYear(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : undefined;
}

