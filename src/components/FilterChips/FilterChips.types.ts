import type { PageFilters } from '../pageFilters';
import type { Person } from '../../core';

export interface IFilterChipsProps {
  /** The filters in force; one chip is shown for each active column filter. */
  filters: PageFilters;
  /** Called with the filters minus the removed one, or with no filters for "Clear all". */
  onFiltersChange: (filters: PageFilters) => void;
  /** Everyone who appears in the list, to name the people a people filter holds. */
  people: Person[];
}
