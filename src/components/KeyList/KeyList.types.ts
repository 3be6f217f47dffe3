import type { IContextualMenuItem, Selection } from '@fluentui/react';
import type { KeyColumn, KeyRecord, KeySort } from '../../core';
import type { PageFilters } from '../pageFilters';
import type { KeyListLayout } from './keyColumnWidths';

export interface IKeyListProps {
  /** The records to show, already searched, filtered and sorted. */
  items: KeyRecord[];
  /** True while the first load runs: shows shimmer rows instead of records. */
  loading: boolean;
  /** Which columns the width allows (`KeyListLayout`): all ten, fewer as the list narrows, or one compact cell per row. */
  layout: KeyListLayout;
  /** The current sort, shown on the column headers. */
  sort: KeySort | undefined;
  /** The column filters in force, shown on the column headers (the funnel icon). */
  filters: PageFilters;
  /** The column whose sort and filter menu is open (its header says so to screen readers). */
  openColumn: KeyColumn | undefined;
  /** A header was clicked (or opened by keyboard): open its sort and filter menu under `target`. */
  onColumnMenu: (column: KeyColumn, target: HTMLElement) => void;
  /** Row selection; the same instance for the list's lifetime (DetailsList reads it once, when it mounts). */
  selection: Selection;
  /** Whether rows can be selected: only for users who may act on keys (no selection column otherwise). */
  selectable: boolean;
  /** A row was clicked (outside its check box and buttons) or invoked with Enter: show its details. */
  onOpenDetails: (record: KeyRecord) => void;
  /** The commands of a row's "⋯" menu. */
  rowMenuItems: (record: KeyRecord) => IContextualMenuItem[];
  /** The page's notion of now (usePageNow): decides Expired, the 14-day flag and "3 days ago". */
  now: Date;
  /** True when the usage list could not be read: keys without a recorded use read Unknown, not Never. */
  usageUnknown?: boolean;
}
