import type { PageFilters } from '../pageFilters';
import type { KeySort, Person } from '../../core';
import type { KeyColumnInfo } from '../KeyList/keyColumns';

export interface IColumnFilterMenuProps {
  /** The column whose header was clicked. */
  column: KeyColumnInfo;
  /** The header element the callout points at. */
  target: HTMLElement;
  /** Every filter currently applied (this menu edits only its column's part). */
  filters: PageFilters;
  /** Called with the whole filter set after each change; filters apply as the user types or ticks. */
  onFiltersChange: (filters: PageFilters) => void;
  /** The current sort, to mark the active sort choice. */
  sort: KeySort | undefined;
  /** Called when the user picks a sort direction for this column. */
  onSort: (sort: KeySort) => void;
  /** For the Created By and Revoked By columns: the people who appear in that column. */
  people: Person[];
  /** True when the usage list could not be read: the Last used menu warns that its filters cannot be trusted. */
  usageUnknown?: boolean;
  /** Closes the menu (Escape, click outside, Done). */
  onDismiss: () => void;
}
