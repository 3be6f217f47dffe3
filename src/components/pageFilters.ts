import { normalizeForSearch, queryKeys } from '../core';
import type { KeyFilters, KeyRecord, KeySort } from '../core';

/**
 * The core's column filters plus the two text columns' own header filters ("Name contains",
 * "API Key contains"), which the core leaves to the search box; the page offers a filter on every column.
 */
export interface PageFilters extends KeyFilters {
  name?: string;
  tail?: string;
}

function contains(text: string, needle: string | undefined): boolean {
  const folded = normalizeForSearch(needle || '').trim();
  return folded.length === 0 || normalizeForSearch(text).indexOf(folded) !== -1;
}

/**
 * The records to show: the core's search, filters and sort, then the text-column filters. `now` is the page's
 * notion of the current time (see usePageNow): it decides Expired, the 14-day flag and "Not used for N days".
 */
export function keysToShow(records: readonly KeyRecord[], search: string, filters: PageFilters, sort: KeySort, now?: Date): KeyRecord[] {
  const { name, tail, ...columnFilters } = filters;
  const shown = queryKeys(records, { search, filters: columnFilters, sort, now });
  if (!name && !tail) {
    return shown;
  }
  return shown.filter((record) => contains(record.name, name) && contains(record.tail, tail));
}
