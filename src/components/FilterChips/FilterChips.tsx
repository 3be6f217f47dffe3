import * as React from 'react';
import { ActionButton, DefaultButton, format, useTheme } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { IFilterChipsProps } from './FilterChips.types';
import { filterChipsClassNames } from './FilterChips.styles';
import { filterChips } from './filterChipModel';

/** The active column filters as removable chips, plus "Clear all filters". Renders nothing when no filter is on. */
export const FilterChips: React.FC<IFilterChipsProps> = ({ filters, onFiltersChange, people }) => {
  const theme = useTheme();
  const classNames = filterChipsClassNames(theme);
  const chips = filterChips(filters, people);
  if (chips.length === 0) {
    return null;
  }
  return (
    <div className={classNames.root}>
      <ul className={classNames.list} aria-label={strings.ActiveFiltersLabel}>
        {chips.map((chip) => (
          <li key={chip.column} className={classNames.item}>
            <DefaultButton
              className={classNames.chip}
              text={chip.label}
              title={chip.label}
              menuIconProps={{ iconName: 'Cancel' }}
              ariaLabel={format(strings.RemoveFilterAriaLabel, chip.label)}
              onClick={() => onFiltersChange(chip.without)}
            />
          </li>
        ))}
      </ul>
      <ActionButton text={strings.ClearAllFilters} onClick={() => onFiltersChange({})} />
    </div>
  );
};
