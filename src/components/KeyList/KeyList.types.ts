import type { PageFilters } from '../pageFilters';
import type { Selection } from '@fluentui/react';
import type { KeyColumn, KeyRecord, KeySort, Person } from '../../core';

export interface IKeyListProps {
  /** The records to show, already searched, filtered and sorted. */
  items: KeyRecord[];
  /** True while the first load runs: shows shimmer rows instead of records. */
  loading: boolean;
  /** The current sort, shown on the column headers. */
  sort: KeySort | undefined;
  /** Called when the user picks a sort from a column header. */
  onSort: (sort: KeySort) => void;
  /** The column filters in force, shown on the column headers. */
  filters: PageFilters;
  /** Called with the new filters after a change in a column header menu. */
  onFiltersChange: (filters: PageFilters) => void;
  /** The people present in the Created By and Revoked By columns, for their people filters. */
  peopleByColumn: Record<Extract<KeyColumn, 'createdBy' | 'revokedBy'>, Person[]>;
  /** Row selection; the same instance for the list's lifetime (DetailsList reads it once, when it mounts). */
  selection: Selection;
  /** Whether rows can be selected: only for users who may act on keys (no selection column otherwise). */
  selectable: boolean;
  /** Copies a key's last 12 characters; called by the copy button in the API Key column. */
  onCopyTail: (record: KeyRecord) => void;
}
