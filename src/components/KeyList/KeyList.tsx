import type { PageFilters } from '../pageFilters';
import * as React from 'react';
import {
  CheckboxVisibility,
  ConstrainMode,
  DetailsListLayoutMode,
  format,
  IconButton,
  Persona,
  PersonaSize,
  SelectionMode,
  ShimmeredDetailsList,
  Text
} from '@fluentui/react';
import type { IColumn } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { KeyColumn, KeyRecord, Person } from '../../core';
import { ColumnFilterMenu } from '../ColumnFilterMenu';
import { formatDateTime, permissionLabel, statusLabel } from '../keyLabels';
import { personaCoinProps } from '../personaCoin';
import type { IKeyListProps } from './KeyList.types';
import { keyListClassNames as classNames } from './KeyList.styles';
import { keyColumns } from './keyColumns';
import type { KeyColumnInfo } from './keyColumns';

const WIDTHS: Record<KeyColumn, [number, number]> = {
  name: [140, 260],
  tail: [150, 170],
  status: [70, 90],
  permission: [90, 110],
  created: [150, 175],
  createdBy: [130, 180],
  revokedAt: [150, 175],
  revokedBy: [130, 180]
};

function isFiltered(filters: PageFilters, column: KeyColumn): boolean {
  const value = filters[column];
  if (value === undefined || value === '') return false;
  return Array.isArray(value) ? value.length > 0 : true;
}

function renderPerson(person: Person | undefined): JSX.Element | null {
  return person ? <Persona text={person.displayName} secondaryText={person.email} size={PersonaSize.size24} {...personaCoinProps(person)} /> : null;
}

const LIST_WINDOWS = { renderedWindowsAhead: 1, renderedWindowsBehind: 1 };

interface OpenMenu {
  info: KeyColumnInfo;
  target: HTMLElement;
}

/** The keys as a virtualised list with the eight columns; each header opens sort and filter for its column. */
export const KeyList: React.FC<IKeyListProps> = (props) => {
  const { items, loading, sort, onSort, filters, onFiltersChange, peopleByColumn, selection, selectable, onCopyTail } = props;
  const [menu, setMenu] = React.useState<OpenMenu | undefined>(undefined);

  const renderCell = React.useCallback(
    (record: KeyRecord, column: KeyColumn): React.ReactNode => {
      switch (column) {
        case 'name':
          return <Text>{record.name}</Text>;
        case 'tail':
          return (
            <span className={classNames.tailCell}>
              <span className={classNames.tail} data-akm-tail>
                {strings.TailPrefix}
                {record.tail}
              </span>
              <IconButton
                className={classNames.copyButton}
                iconProps={{ iconName: 'Copy' }}
                title={format(strings.CopyTailAriaLabel, record.name)}
                ariaLabel={format(strings.CopyTailAriaLabel, record.name)}
                onClick={(event) => {
                  // The row must not take the click as a selection change.
                  event.stopPropagation();
                  onCopyTail(record);
                }}
              />
            </span>
          );
        case 'status':
          return <Text className={record.status === 'Revoked' ? classNames.revoked : undefined}>{statusLabel(record.status)}</Text>;
        case 'permission':
          return <Text>{permissionLabel(record.permission)}</Text>;
        case 'created':
          return <Text>{formatDateTime(record.created)}</Text>;
        case 'createdBy':
          return renderPerson(record.createdBy);
        case 'revokedAt':
          return <Text>{formatDateTime(record.revokedAt)}</Text>;
        default:
          return renderPerson(record.revokedBy);
      }
    },
    [onCopyTail]
  );

  const columns: IColumn[] = React.useMemo(
    () =>
      keyColumns().map((info) => {
        const sorted = !!sort && sort.column === info.column;
        return {
          key: info.column,
          name: info.title,
          fieldName: info.column,
          minWidth: WIDTHS[info.column][0],
          maxWidth: WIDTHS[info.column][1],
          isResizable: true,
          isSorted: sorted,
          isSortedDescending: sorted && !!sort && sort.descending,
          isFiltered: isFiltered(filters, info.column),
          ariaLabel: format(strings.ColumnMenuAriaLabel, info.title),
          sortAscendingAriaLabel: strings.SortAscending,
          sortDescendingAriaLabel: strings.SortDescending,
          onRender: (record: KeyRecord) => renderCell(record, info.column),
          onColumnClick: (event: React.MouseEvent<HTMLElement>) => setMenu({ info, target: event.currentTarget as HTMLElement })
        };
      }),
    [sort, filters, renderCell]
  );

  return (
    <>
      <ShimmeredDetailsList
        items={items}
        columns={columns}
        enableShimmer={loading}
        shimmerLines={8}
        setKey="keys"
        layoutMode={DetailsListLayoutMode.justified}
        constrainMode={ConstrainMode.unconstrained}
        selection={selection}
        selectionMode={selectable ? SelectionMode.single : SelectionMode.none}
        checkboxVisibility={selectable ? CheckboxVisibility.always : CheckboxVisibility.hidden}
        selectionPreservedOnEmptyClick
        ariaLabelForGrid={strings.ListAriaLabel}
        ariaLabelForSelectionColumn={strings.SelectionColumnAriaLabel}
        checkButtonAriaLabel={strings.SelectionColumnAriaLabel}
        ariaLabelForListHeader={strings.ListAriaLabel}
        onShouldVirtualize={() => true}
        // One screenful ahead and behind (Fluent renders two of each by default): a search keystroke
        // re-renders fewer rows, and scrolling 10,000 keys stays smooth.
        listProps={LIST_WINDOWS}
      />
      {menu && (
        <ColumnFilterMenu
          column={menu.info}
          target={menu.target}
          filters={filters}
          onFiltersChange={onFiltersChange}
          sort={sort}
          onSort={(next) => {
            onSort(next);
            setMenu(undefined);
          }}
          people={menu.info.column === 'createdBy' || menu.info.column === 'revokedBy' ? peopleByColumn[menu.info.column] : []}
          onDismiss={() => setMenu(undefined)}
        />
      )}
    </>
  );
};
