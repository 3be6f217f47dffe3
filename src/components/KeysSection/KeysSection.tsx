import * as React from 'react';
import { CommandBar, format, SearchBox, Selection, Stack, Text } from '@fluentui/react';
import type { ICommandBarItemProps } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { peopleIn } from '../../core';
import type { KeyRecord, KeySort, Person } from '../../core';
import { FilterChips } from '../FilterChips';
import { KeyList } from '../KeyList';
import { keysToShow } from '../pageFilters';
import type { PageFilters } from '../pageFilters';
import type { IKeysSectionProps } from './KeysSection.types';
import { keysSectionClassNames as classNames } from './KeysSection.styles';

const DEFAULT_SORT: KeySort = { column: 'created', descending: true };

/**
 * The keys themselves: command bar, search, filter chips, count and the list. Loaded on demand by the
 * page (DetailsList and CommandBar are most of Fluent's weight) while the first read is in flight.
 */
const KeysSection: React.FC<IKeysSectionProps> = (props) => {
  const { records, loading, isAdmin, onGenerate, onEdit, onRevoke, onRefresh, onCopyTail } = props;
  const [search, setSearch] = React.useState('');
  const [filters, setFilters] = React.useState<PageFilters>({});
  const [sort, setSort] = React.useState<KeySort>(DEFAULT_SORT);
  const [selectedId, setSelectedId] = React.useState<number | undefined>(undefined);

  const shown = React.useMemo(() => keysToShow(records, search, filters, sort), [records, search, filters, sort]);
  const peopleByColumn = React.useMemo(() => ({ createdBy: peopleIn(records, 'createdBy'), revokedBy: peopleIn(records, 'revokedBy') }), [records]);
  const everyone = React.useMemo(() => {
    const seen: Record<number, Person> = {};
    peopleByColumn.createdBy.concat(peopleByColumn.revokedBy).forEach((p) => (seen[p.id] = p));
    return Object.keys(seen).map((id) => seen[Number(id)]);
  }, [peopleByColumn]);

  // One Selection for the list's lifetime: DetailsList reads it once, when it mounts.
  const selectionRef = React.useRef<Selection | undefined>(undefined);
  if (!selectionRef.current) {
    const selection: Selection = new Selection({
      // Shimmer rows are null placeholders while loading.
      getKey: (item, index) => (item ? String((item as KeyRecord).id) : `loading-${index}`),
      onSelectionChanged: () => {
        const picked = selection.getSelection()[0] as KeyRecord | undefined;
        setSelectedId(picked ? picked.id : undefined);
      }
    });
    selectionRef.current = selection;
  }

  const selected = React.useMemo(() => (selectedId !== undefined ? records.filter((r) => r.id === selectedId)[0] : undefined), [records, selectedId]);

  // Stable between keystrokes: new item arrays make CommandBar measure its layout again.
  const commandItems: ICommandBarItemProps[] = React.useMemo(
    () => [
      { key: 'generate', text: strings.CommandGenerate, iconProps: { iconName: 'Add' }, onClick: onGenerate },
      {
        key: 'edit',
        text: strings.CommandEdit,
        iconProps: { iconName: 'Edit' },
        disabled: !selected,
        onClick: () => (selected ? onEdit(selected) : undefined)
      },
      {
        key: 'revoke',
        text: strings.CommandRevoke,
        iconProps: { iconName: 'Blocked' },
        disabled: !selected || selected.status === 'Revoked',
        onClick: () => (selected ? onRevoke(selected) : undefined)
      }
    ],
    [selected, onGenerate, onEdit, onRevoke]
  );
  const farItems: ICommandBarItemProps[] = React.useMemo(
    () => [{ key: 'refresh', text: strings.CommandRefresh, ariaLabel: strings.CommandRefresh, iconOnly: true, iconProps: { iconName: 'Refresh' }, onClick: onRefresh }],
    [onRefresh]
  );

  const isEmpty = !loading && records.length === 0;
  return (
    <>
      {isAdmin && <CommandBar items={commandItems} farItems={farItems} ariaLabel={strings.CommandBarAriaLabel} />}
      <div className={classNames.toolbar}>
        <SearchBox
          className={classNames.search}
          placeholder={strings.SearchPlaceholder}
          ariaLabel={strings.SearchAriaLabel}
          value={search}
          onChange={(_e, value) => setSearch(value || '')}
        />
        <Text className={classNames.count} role="status" aria-live="polite" data-akm-count>
          {format(strings.KeyCount, shown.length, records.length)}
        </Text>
      </div>
      <FilterChips filters={filters} onFiltersChange={setFilters} people={everyone} />
      {isEmpty ? (
        <Stack horizontalAlign="center" tokens={{ childrenGap: 4, padding: '32px 0' }} data-akm-state="empty">
          <Text variant="large" as="h2">
            {strings.EmptyTitle}
          </Text>
          <Text>{isAdmin ? strings.EmptyAdmin : strings.EmptyReader}</Text>
        </Stack>
      ) : (
        <>
          <KeyList
            items={shown}
            loading={loading}
            sort={sort}
            onSort={setSort}
            filters={filters}
            onFiltersChange={setFilters}
            peopleByColumn={peopleByColumn}
            selection={selectionRef.current}
            selectable={isAdmin}
            onCopyTail={onCopyTail}
          />
          {!loading && shown.length === 0 && (
            <Text block className={classNames.empty} data-akm-state="no-matches">
              {strings.NoMatches}
            </Text>
          )}
        </>
      )}
    </>
  );
};

export default KeysSection;
