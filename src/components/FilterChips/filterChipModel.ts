import type { PageFilters } from '../pageFilters';
import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { UNUSED_FOR_DAYS } from '../../core';
import type { DateRange, ExpiresFilter, KeyColumn, LastUsedFilter, Person } from '../../core';
import { formatDay, permissionLabel, statusLabel } from '../keyLabels';
import { clearColumnFilter } from '../ColumnFilterMenu/columnFilterEdits';
import { keyColumns } from '../KeyList/keyColumns';

export interface FilterChip {
  column: KeyColumn;
  /** "Status: Revoked", "Created By: Adele Vance, Alex Wilber", ... */
  label: string;
  /** The filters without this one. */
  without: PageFilters;
}

function rangeLabel(range: DateRange): string {
  const parts: string[] = [];
  if (range.from) parts.push(format(strings.ChipFrom, formatDay(range.from)));
  if (range.to) parts.push(format(strings.ChipTo, formatDay(range.to)));
  return parts.join(' ');
}

function quickLabel(column: 'expires' | 'lastUsed', filter: ExpiresFilter | LastUsedFilter): string | undefined {
  switch (filter.quick) {
    case undefined:
      return undefined;
    case 'soon':
      return strings.FilterExpiresSoon;
    case 'expired':
      return strings.FilterExpiresExpired;
    case 'never':
      return column === 'expires' ? strings.FilterExpiresNever : strings.FilterNeverUsed;
    default:
      return format(strings.FilterUnusedFor, UNUSED_FOR_DAYS[filter.quick]);
  }
}

function valueLabel(filters: PageFilters, column: KeyColumn, people: Person[]): string | undefined {
  const nameOf = (id: number): string => {
    const person = people.filter((p) => p.id === id)[0];
    return person ? person.displayName : `#${id}`;
  };
  switch (column) {
    case 'name':
    case 'tail':
      return filters[column] ? `“${filters[column]}”` : undefined;
    case 'status':
      return filters.status && filters.status.length ? filters.status.map(statusLabel).join(', ') : undefined;
    case 'permission':
      return filters.permission && filters.permission.length ? filters.permission.map(permissionLabel).join(', ') : undefined;
    case 'created':
    case 'revokedAt': {
      const range = filters[column];
      return range && (range.from || range.to) ? rangeLabel(range) : undefined;
    }
    case 'expires':
    case 'lastUsed': {
      const filter = filters[column];
      if (!filter) return undefined;
      const parts = [quickLabel(column, filter), filter.from || filter.to ? rangeLabel(filter) : undefined].filter((part): part is string => !!part);
      return parts.length ? parts.join(', ') : undefined;
    }
    default: {
      const ids = filters[column];
      return ids && ids.length ? ids.map(nameOf).join(', ') : undefined;
    }
  }
}

/** One chip per active column filter, in column order ("Last used: Not used for 90 days, from Jan 1, 2026"). */
export function filterChips(filters: PageFilters, people: Person[]): FilterChip[] {
  const chips: FilterChip[] = [];
  keyColumns().forEach((info) => {
    const value = valueLabel(filters, info.column, people);
    if (value !== undefined) {
      chips.push({ column: info.column, label: `${info.title}: ${value}`, without: clearColumnFilter(filters, info.column) });
    }
  });
  return chips;
}
