import type { PageFilters } from '../pageFilters';
import * as React from 'react';
import {
  ActionButton,
  Callout,
  Checkbox,
  DefaultButton,
  DirectionalHint,
  FontIcon,
  format,
  FocusTrapZone,
  MessageBar,
  MessageBarType,
  Persona,
  PersonaSize,
  PrimaryButton,
  SearchBox,
  Separator,
  Stack,
  Text,
  TextField
} from '@fluentui/react';
import type { IButton } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { UNUSED_FOR_DAYS } from '../../core';
import type { DateRange, EffectiveKeyStatus, ExpiresQuickFilter, LastUsedQuickFilter, Permission, Person } from '../../core';
import { permissionLabel, statusLabel } from '../keyLabels';
import { personaCoinProps } from '../personaCoin';
import type { IColumnFilterMenuProps } from './ColumnFilterMenu.types';
import { columnFilterMenuClassNames as classNames } from './ColumnFilterMenu.styles';
import { clearColumnFilter, dateInputValue, parseDateInput, toggle } from './columnFilterEdits';

const STATUSES: EffectiveKeyStatus[] = ['Active', 'Expired', 'Revoked'];
const PERMISSIONS: Permission[] = ['ReadOnly', 'FullControl'];
function quickChoices(column: 'expires' | 'lastUsed'): Array<[string, string]> {
  if (column === 'expires') {
    const expires: Array<[ExpiresQuickFilter, string]> = [
      ['soon', strings.FilterExpiresSoon],
      ['expired', strings.FilterExpiresExpired],
      ['never', strings.FilterExpiresNever]
    ];
    return expires;
  }
  const lastUsed: Array<[LastUsedQuickFilter, string]> = [
    ['unused-30', format(strings.FilterUnusedFor, UNUSED_FOR_DAYS['unused-30'])],
    ['unused-90', format(strings.FilterUnusedFor, UNUSED_FOR_DAYS['unused-90'])],
    ['never', strings.FilterNeverUsed]
  ];
  return lastUsed;
}

interface IDateFilterFieldProps {
  label: string;
  /** "start": the day's first millisecond ("from"); "end": its last ("to"). */
  edge: 'start' | 'end';
  /** The date the filter applies now. */
  value: Date | undefined;
  /** Called with a complete date, or undefined when the field is emptied; never with a half-typed one. */
  onApply: (date: Date | undefined) => void;
}

/**
 * One end of a date range. What is typed stays as typed; the filter changes only once the text is a
 * complete date (or empty), so typing 10/01/2026 never passes through year 2, 20 or 202.
 */
const DateFilterField: React.FC<IDateFilterFieldProps> = ({ label, edge, value, onApply }) => {
  const [text, setText] = React.useState(() => dateInputValue(value));
  // Follow changes made elsewhere (Clear, a removed chip) without overwriting what is being typed.
  React.useEffect(() => {
    setText((current) => {
      const typed = parseDateInput(current, edge);
      const same = typed ? !!value && typed.getTime() === value.getTime() : !value || current !== '';
      return same ? current : dateInputValue(value);
    });
  }, [value, edge]);
  return (
    <TextField
      type="date"
      label={label}
      value={text}
      onChange={(_e, next) => {
        const typed = next || '';
        setText(typed);
        if (!typed) {
          onApply(undefined);
          return;
        }
        const date = parseDateInput(typed, edge);
        if (date) onApply(date);
      }}
    />
  );
};

/** Sort and filter for one column, opened from its header; every change applies at once. */
export const ColumnFilterMenu: React.FC<IColumnFilterMenuProps> = (props) => {
  const { column, target, filters, onFiltersChange, sort, onSort, people, onDismiss, usageUnknown } = props;
  const [personSearch, setPersonSearch] = React.useState('');
  const headingId = `akm-filter-heading-${column.column}`;
  const set = (next: Partial<PageFilters>): void => onFiltersChange({ ...filters, ...next });

  const renderText = (key: 'name' | 'tail'): JSX.Element => (
    <TextField
      label={format(strings.FilterTextLabel, column.title)}
      value={filters[key] || ''}
      onChange={(_e, value) => set({ [key]: value || undefined })}
    />
  );

  const renderChoices = <T extends string>(key: 'status' | 'permission', values: T[], label: (value: T) => string): JSX.Element => {
    const selected = (filters[key] || []) as T[];
    return (
      <Stack tokens={{ childrenGap: 8 }} role="group" aria-labelledby={headingId}>
        {values.map((value) => (
          <Checkbox
            key={value}
            label={label(value)}
            checked={selected.indexOf(value) !== -1}
            onChange={(_e, checked) => set({ [key]: toggle(selected, value, !!checked) })}
          />
        ))}
      </Stack>
    );
  };

  const renderDates = (key: 'created' | 'revokedAt'): JSX.Element => {
    const range: DateRange = filters[key] || {};
    const update = (next: DateRange): void => set({ [key]: next.from || next.to ? next : undefined });
    return (
      <Stack tokens={{ childrenGap: 8 }} role="group" aria-labelledby={headingId}>
        <DateFilterField label={strings.FilterFrom} edge="start" value={range.from} onApply={(from) => update({ ...range, from })} />
        <DateFilterField label={strings.FilterTo} edge="end" value={range.to} onApply={(to) => update({ ...range, to })} />
      </Stack>
    );
  };

  // Expires and Last used: a quick choice, decided against the page's now whenever the list is drawn (so
  // "Not used for 90 days" stays right on a page left open), and the same date range as the other date columns.
  // The choices are toggle buttons like the sort choices above them (one at a time; a second press clears it):
  // Fluent's ChoiceGroup inside this callout left every radio's checked state false in Chromium, so a screen
  // reader would have announced the chosen filter as not selected.
  const renderDatesWithChoices = (key: 'expires' | 'lastUsed'): JSX.Element => {
    const current = filters[key] || {};
    const update = (next: { from?: Date; to?: Date; quick?: string }): void =>
      set({ [key]: next.from || next.to || next.quick ? next : undefined });
    const showId = `${headingId}-show`;
    return (
      <Stack tokens={{ childrenGap: 8 }} role="group" aria-labelledby={headingId}>
        <Stack role="group" aria-labelledby={showId}>
          <Text id={showId} variant="small" block>
            {strings.FilterShow}
          </Text>
          {quickChoices(key).map(([choice, text]) => {
            const on = current.quick === choice;
            return (
              <ActionButton
                key={choice}
                iconProps={{ iconName: on ? 'RadioBtnOn' : 'RadioBtnOff' }}
                toggle
                checked={on}
                onClick={() => update({ ...current, quick: on ? undefined : choice })}
                styles={{ flexContainer: { width: '100%' } }}
                data-akm-quick-filter={choice}
              >
                <span className={classNames.sortLabel}>{text}</span>
              </ActionButton>
            );
          })}
        </Stack>
        {key === 'lastUsed' && <Text variant="small">{strings.FilterUnusedNote}</Text>}
        {key === 'lastUsed' && usageUnknown && (
          <MessageBar messageBarType={MessageBarType.warning} isMultiline data-akm-usage-unknown>
            {strings.FilterLastUsedUnknown}
          </MessageBar>
        )}
        <DateFilterField label={strings.FilterFrom} edge="start" value={current.from} onApply={(from) => update({ ...current, from })} />
        <DateFilterField label={strings.FilterTo} edge="end" value={current.to} onApply={(to) => update({ ...current, to })} />
      </Stack>
    );
  };

  const renderPeople = (key: 'createdBy' | 'revokedBy'): JSX.Element => {
    const selected = filters[key] || [];
    if (people.length === 0) {
      return <Text>{strings.FilterNoPeople}</Text>;
    }
    const needle = personSearch.trim().toLocaleLowerCase();
    const shown = needle ? people.filter((p: Person) => p.displayName.toLocaleLowerCase().indexOf(needle) !== -1) : people;
    return (
      <>
        {people.length > 6 && <SearchBox placeholder={strings.FilterPeopleSearch} ariaLabel={strings.FilterPeopleSearch} value={personSearch} onChange={(_e, v) => setPersonSearch(v || '')} />}
        <Stack tokens={{ childrenGap: 6 }} className={classNames.peopleList} role="group" aria-labelledby={headingId}>
          {shown.map((person) => (
            <Checkbox
              key={person.id}
              ariaLabel={person.displayName}
              checked={selected.indexOf(person.id) !== -1}
              onChange={(_e, checked) => set({ [key]: toggle(selected, person.id, !!checked) })}
              onRenderLabel={() => <Persona text={person.displayName} size={PersonaSize.size24} aria-hidden="true" {...personaCoinProps(person)} />}
            />
          ))}
        </Stack>
      </>
    );
  };

  const renderFilter = (): JSX.Element => {
    switch (column.column) {
      case 'name':
      case 'tail':
        return renderText(column.column);
      case 'status':
        return renderChoices(column.column, STATUSES, statusLabel);
      case 'permission':
        return renderChoices(column.column, PERMISSIONS, permissionLabel);
      case 'created':
      case 'revokedAt':
        return renderDates(column.column);
      case 'expires':
      case 'lastUsed':
        return renderDatesWithChoices(column.column);
      default:
        return renderPeople(column.column);
    }
  };

  const sortedHere = sort && sort.column === column.column;
  // The first option takes focus when the menu opens, as in every Microsoft 365 admin list.
  // Focused once the callout is positioned: before that it is hidden, and focus would not take.
  // Fluent calls onPositioned again whenever the menu moves (a filter chip appearing above the list moves its
  // header), so only when focus is not already in the menu: a keyboard user's place is never taken back.
  const firstOption = React.useRef<IButton>(null);
  const menuBody = React.useRef<HTMLDivElement>(null);
  const focusFirstOption = React.useCallback(() => {
    const body = menuBody.current;
    if (body && body.contains(body.ownerDocument.activeElement)) return;
    if (firstOption.current) firstOption.current.focus();
  }, []);
  const sortOption = (descending: boolean, label: string, icon: string): JSX.Element => {
    const current = !!sortedHere && !!sort && sort.descending === descending;
    return (
      <ActionButton
        componentRef={descending ? undefined : firstOption}
        iconProps={{ iconName: icon }}
        toggle
        checked={current}
        onClick={() => onSort({ column: column.column, descending })}
        styles={{ flexContainer: { width: '100%' } }}
      >
        <span className={classNames.sortLabel}>{label}</span>
        {current && <FontIcon iconName="CheckMark" className={classNames.sortTick} aria-hidden="true" data-akm-sort-tick />}
      </ActionButton>
    );
  };
  return (
    <Callout
      target={target}
      onDismiss={onDismiss}
      directionalHint={DirectionalHint.bottomLeftEdge}
      className={classNames.callout}
      role="dialog"
      ariaLabel={format(strings.ColumnMenuAriaLabel, column.title)}
      onPositioned={focusFirstOption}
    >
      <FocusTrapZone isClickableOutsideFocusTrap>
        <div className={classNames.body} ref={menuBody}>
          <Stack>
            {sortOption(false, strings.SortAscending, 'SortUp')}
            {sortOption(true, strings.SortDescending, 'SortDown')}
          </Stack>
          <Separator />
          <Text as="h2" variant="mediumPlus" id={headingId} block styles={{ root: { margin: '0 0 8px' } }}>
            {format(strings.FilterHeading, column.title)}
          </Text>
          {renderFilter()}
          <Stack horizontal tokens={{ childrenGap: 8 }} className={classNames.footer}>
            <DefaultButton text={strings.FilterClear} onClick={() => onFiltersChange(clearColumnFilter(filters, column.column))} />
            <PrimaryButton text={strings.FilterDone} onClick={onDismiss} />
          </Stack>
        </div>
      </FocusTrapZone>
    </Callout>
  );
};
