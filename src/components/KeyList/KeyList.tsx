import * as React from 'react';
import {
  CheckboxVisibility,
  ColumnActionsMode,
  ConstrainMode,
  ContextualMenu,
  DetailsListLayoutMode,
  DirectionalHint,
  FontIcon,
  format,
  getInitials,
  getPersonaInitialsColor,
  SelectionMode,
  ShimmeredDetailsList,
  useTheme
} from '@fluentui/react';
import type { IColumn, IDetailsHeaderProps, IDetailsListProps, IDetailsRowProps, IRenderFunction } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { KeyColumn, KeyRecord, Person } from '../../core';
import { formatDateTime, formatFullDateTime, formatShortDay, getDisplayLocale, permissionLabel } from '../keyLabels';
import type { PageFilters } from '../pageFilters';
import { personaCoinProps } from '../personaCoin';
import type { IKeyListProps } from './KeyList.types';
import { keyListClassNames, ROW_HEIGHT } from './KeyList.styles';
import { compactLastUsed, createdCell, createdLine, expiresView, lastUsedView, statusView } from './keyCells';
import { columnWidths } from './keyColumnWidths';
import type { ListColumnKey } from './keyColumnWidths';
import { keyColumns } from './keyColumns';

function isFiltered(filters: PageFilters, column: KeyColumn): boolean {
  const value = filters[column];
  if (value === undefined || value === '') return false;
  return Array.isArray(value) ? value.length > 0 : true;
}

// One screenful ahead and behind (Fluent renders two of each by default): a search keystroke re-renders
// fewer rows, and scrolling 10,000 keys stays smooth.
const LIST_WINDOWS = { renderedWindowsAhead: 1, renderedWindowsBehind: 1 };
const STICKY_HEADER = { headerWrapper: { position: 'sticky' as const, top: 0, zIndex: 2 } };

/**
 * The keys as a virtualised list. Headers open sort and filter; a click on a row (or Enter) opens its
 * details; each row has a "⋯" menu. The columns follow the width the list has (see `KeyListLayout`).
 */
export const KeyList: React.FC<IKeyListProps> = (props) => {
  const { items, loading, layout, sort, filters, openColumn, onColumnMenu, selection, selectable, onOpenDetails, rowMenuItems, now, usageUnknown } = props;
  const theme = useTheme();
  const classNames = React.useMemo(() => keyListClassNames(theme), [theme]);
  const [rowMenu, setRowMenu] = React.useState<{ record: KeyRecord; target: HTMLElement } | undefined>(undefined);
  const rowHeight = layout === 'compact' ? ROW_HEIGHT.compact : ROW_HEIGHT.wide;

  const renderPerson = React.useCallback(
    (person: Person | undefined): React.ReactNode => {
      if (!person) return null;
      const title = person.email ? `${person.displayName} (${person.email})` : person.displayName;
      return (
        <span className={classNames.person} title={title}>
          <span className={classNames.coin} style={{ backgroundColor: getPersonaInitialsColor(personaCoinProps(person)) }} aria-hidden="true">
            {getInitials(person.displayName, false)}
          </span>
          <span className={classNames.personName}>{person.displayName}</span>
        </span>
      );
    },
    [classNames]
  );

  const renderStatus = React.useCallback(
    (record: KeyRecord, folded: boolean, className?: string): React.ReactNode => {
      const view = statusView(record, folded, now);
      const toneClass =
        view.tone === 'tampered' ? classNames.tampered : view.tone === 'revoked' || view.tone === 'expired' ? classNames.revoked : view.tone === 'expiring' ? classNames.expiring : '';
      return (
        <span className={`${classNames.status} ${toneClass} ${className || ''}`} title={view.title} data-akm-status={view.tone}>
          {view.tone === 'expiring' && <FontIcon iconName="Clock" className={classNames.statusIcon} aria-hidden="true" />}
          {view.tone === 'tampered' && <FontIcon iconName="Warning" className={classNames.statusIcon} aria-hidden="true" />}
          {/* Its own box: a flex container draws no ellipsis, and a clipped "by Alex W" would read as whole. */}
          <span className={classNames.statusText}>{view.text}</span>
        </span>
      );
    },
    [classNames, now]
  );

  const renderCell = React.useCallback(
    (record: KeyRecord, column: ListColumnKey): React.ReactNode => {
      switch (column) {
        case 'name':
          if (layout === 'compact') {
            const created = createdLine(record);
            const used = compactLastUsed(record, now, !!usageUnknown);
            return (
              <div className={classNames.compact}>
                <span className={classNames.compactTop}>
                  <span className={classNames.compactName} title={record.name} data-akm-name>
                    {record.name}
                  </span>
                  {/* Short here ("Revoked"), so the name keeps the room; when and by whom is in its tooltip. */}
                  {renderStatus(record, false, classNames.compactStatus)}
                </span>
                <span className={classNames.compactLine} title={`${created.title} · ${used.title}`}>
                  <span className={classNames.tail} style={{ display: 'inline' }} data-akm-tail>
                    {strings.TailPrefix}
                    {record.tail}
                  </span>
                  {' · '}
                  {created.text}
                  {' · '}
                  <span data-akm-compact-last-used>{used.text}</span>
                </span>
              </div>
            );
          }
          return (
            <span className={classNames.text} title={record.name} data-akm-name>
              {record.name}
            </span>
          );
        case 'actions':
          return (
            <button
              type="button"
              className={classNames.more}
              aria-label={format(strings.MoreActionsAriaLabel, record.name)}
              title={format(strings.MoreActionsAriaLabel, record.name)}
              aria-haspopup="menu"
              // Opening a row's menu leaves the selection as it is (SelectionZone skips this element).
              data-selection-disabled="true"
              data-akm-row-menu
              onClick={(event) => {
                // The row must not take the click as a selection change or an invoke.
                event.stopPropagation();
                setRowMenu({ record, target: event.currentTarget });
              }}
            >
              <FontIcon iconName="More" aria-hidden="true" />
            </button>
          );
        case 'tail':
          return (
            <span className={classNames.tail} title={`${strings.TailPrefix}${record.tail}`} data-akm-tail>
              {strings.TailPrefix}
              {record.tail}
            </span>
          );
        case 'status':
          return renderStatus(record, layout !== 'full');
        case 'expires': {
          const view = expiresView(record, layout !== 'full', now);
          return (
            <span className={`${classNames.status} ${view.flagged ? classNames.expiring : ''}`} title={view.title} data-akm-expires={view.flagged ? 'soon' : record.expires ? 'date' : 'never'}>
              {/* Named, so a screen reader says "Expires soon" before "in 5 days"; a glyph, so it shows in high contrast. */}
              {view.flagged && <FontIcon iconName="Clock" className={classNames.statusIcon} role="img" aria-label={strings.ExpiresSoonFlag} />}
              <span className={classNames.personName}>{view.text}</span>
            </span>
          );
        }
        case 'lastUsed': {
          const view = lastUsedView(record, now, !!usageUnknown);
          return (
            <span className={classNames.text} title={view.title} data-akm-last-used={record.lastUsed ? record.lastUsed.toISOString() : usageUnknown ? 'unknown' : 'never'}>
              {view.text}
            </span>
          );
        }
        case 'permission':
          return (
            <span className={classNames.text} title={permissionLabel(record.permission)}>
              {permissionLabel(record.permission)}
            </span>
          );
        case 'created': {
          if (layout === 'condensed') {
            const view = createdCell(record);
            return (
              <span className={classNames.text} title={view.title} data-akm-created>
                {view.text}
              </span>
            );
          }
          return (
            <span className={classNames.text} title={formatFullDateTime(record.created)}>
              {layout === 'full' ? formatDateTime(record.created) : formatShortDay(record.created)}
            </span>
          );
        }
        case 'createdBy':
          return renderPerson(record.createdBy);
        case 'revokedAt':
          return (
            <span className={classNames.text} title={formatFullDateTime(record.revokedAt)}>
              {formatDateTime(record.revokedAt)}
            </span>
          );
        default:
          return renderPerson(record.revokedBy);
      }
    },
    [layout, classNames, renderPerson, renderStatus, now, usageUnknown]
  );

  // The titles' language sets the columns' minimum widths, as it set the layout.
  const locale = getDisplayLocale();
  const columns: IColumn[] = React.useMemo(() => {
    const widths = columnWidths(layout, locale);
    const result: IColumn[] = [];
    keyColumns().forEach((info) => {
      const width = widths[info.column];
      if (!width) return;
      const sorted = !!sort && sort.column === info.column;
      // Condensed, Created holds Date Created and Created By: its header sorts and filters by date, Filter has Created By.
      const mergedCreated = layout === 'condensed' && info.column === 'created';
      result.push({
        key: info.column,
        name: layout === 'compact' ? strings.ColumnKey : mergedCreated ? strings.ColumnCreatedMerged : info.title,
        fieldName: info.column,
        minWidth: width[0],
        maxWidth: width[1],
        isResizable: layout !== 'compact',
        isSorted: sorted,
        isSortedDescending: sorted && !!sort && sort.descending,
        isFiltered: isFiltered(filters, info.column),
        // How fresh or derived the values are, where that matters: in the header's tooltip and its accessible description.
        data: mergedCreated ? strings.ColumnCreatedMergedDescription : info.description,
        isMenuOpen: openColumn === info.column,
        // A chevron and aria-haspopup; the header's accessible name is its title.
        columnActionsMode: ColumnActionsMode.hasDropdown,
        sortAscendingAriaLabel: strings.SortAscending,
        sortDescendingAriaLabel: strings.SortDescending,
        onRender: (record: KeyRecord) => renderCell(record, info.column),
        onColumnClick: (event: React.MouseEvent<HTMLElement>) => onColumnMenu(info.column, event.currentTarget as HTMLElement)
      });
      if (info.column === 'name') {
        result.push({
          key: 'actions',
          name: strings.ColumnActions,
          isIconOnly: true,
          minWidth: widths.actions![0],
          maxWidth: widths.actions![1],
          columnActionsMode: ColumnActionsMode.disabled,
          onRender: (record: KeyRecord) => renderCell(record, 'actions')
        });
      }
    });
    return result;
  }, [layout, locale, sort, filters, openColumn, renderCell, onColumnMenu]);

  // One styles object per row height: a new one per row and render makes Fluent compute the row's classes again.
  const rowStyles = React.useMemo(
    () => ({ root: { height: rowHeight, minHeight: rowHeight }, cell: { minHeight: rowHeight - 1, height: rowHeight - 1 }, checkCell: { height: rowHeight - 1 } }),
    [rowHeight]
  );
  const onRenderRow: IRenderFunction<IDetailsRowProps> = React.useCallback(
    (rowProps?: IDetailsRowProps, defaultRender?: (p?: IDetailsRowProps) => JSX.Element | null) => {
      if (!rowProps || !defaultRender) return null;
      const record = rowProps.item as KeyRecord | undefined;
      return defaultRender({
        ...rowProps,
        checkButtonAriaLabel: record ? format(strings.SelectRowAriaLabel, record.name) : rowProps.checkButtonAriaLabel,
        styles: rowStyles
      });
    },
    [rowStyles]
  );

  const onRenderDetailsHeader: IRenderFunction<IDetailsHeaderProps> = React.useCallback(
    (headerProps?: IDetailsHeaderProps, defaultRender?: (p?: IDetailsHeaderProps) => JSX.Element | null) =>
      headerProps && defaultRender
        ? defaultRender({
            ...headerProps,
            styles: { root: { paddingTop: 0, background: theme.semanticColors.bodyBackground } },
            // A title cut by a narrow column (French "Date de révocation") still reads in full on hover.
            // A column's description (how fresh Last used is) follows its title; the header's aria-describedby names it.
            onRenderColumnHeaderTooltip: (tooltipProps) => {
              if (!tooltipProps) return null;
              const column = tooltipProps.column;
              const description = column && typeof column.data === 'string' ? (column.data as string) : undefined;
              return (
                <span title={column ? (description ? `${column.name}: ${description}` : column.name) : undefined}>
                  {tooltipProps.children}
                  {description && (
                    <span id={tooltipProps.id} hidden>
                      {description}
                    </span>
                  )}
                </span>
              );
            }
          })
        : null,
    [theme]
  );

  const listProps: IDetailsListProps['listProps'] = React.useMemo(
    () => ({
      ...LIST_WINDOWS,
      // Fixed row heights: without this, List measures every rendered page after each update, which
      // forces a layout of the whole list (most of a search keystroke's time at 10,000 keys).
      getPageHeight: (_itemIndex?: number, _visible?: unknown, itemCount: number = 10) => itemCount * rowHeight
    }),
    [rowHeight]
  );

  const scrollerRef = React.useRef<HTMLDivElement>(null);
  const onClick = (event: React.MouseEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (target.closest('button, a, input, [role="checkbox"], [data-selection-toggle], [role="columnheader"]')) return;
    const row = target.closest('[data-item-index]');
    if (!row || !scrollerRef.current || !scrollerRef.current.contains(row)) return;
    const record = items[Number(row.getAttribute('data-item-index'))];
    if (record) onOpenDetails(record);
  };

  return (
    <>
      {/* One click handler for every row opens details; the keyboard's way is Enter on a row (onItemInvoked). */}
      <div className={classNames.scroller} data-is-scrollable="true" data-akm-list-scroller ref={scrollerRef} onClick={onClick}>
        <ShimmeredDetailsList
          items={items}
          columns={columns}
          enableShimmer={loading}
          shimmerLines={8}
          setKey="keys"
          layoutMode={DetailsListLayoutMode.justified}
          constrainMode={ConstrainMode.unconstrained}
          selection={selection}
          selectionMode={selectable ? SelectionMode.multiple : SelectionMode.none}
          checkboxVisibility={selectable ? CheckboxVisibility.always : CheckboxVisibility.hidden}
          selectionPreservedOnEmptyClick
          ariaLabelForGrid={strings.ListAriaLabel}
          ariaLabelForSelectionColumn={strings.SelectionColumnAriaLabel}
          ariaLabelForSelectAllCheckbox={strings.SelectAllAriaLabel}
          checkButtonAriaLabel={strings.SelectionColumnAriaLabel}
          ariaLabelForListHeader={strings.ListAriaLabel}
          onItemInvoked={(record?: KeyRecord) => (record ? onOpenDetails(record) : undefined)}
          onRenderRow={onRenderRow}
          onRenderDetailsHeader={onRenderDetailsHeader}
          onShouldVirtualize={() => true}
          listProps={listProps}
          // Sticky on the header's wrapper: its parent is the whole grid, so it stays in view all the way down.
          detailsListStyles={STICKY_HEADER}
        />
      </div>
      {rowMenu && (
        <ContextualMenu
          target={rowMenu.target}
          items={rowMenuItems(rowMenu.record)}
          directionalHint={DirectionalHint.bottomLeftEdge}
          onDismiss={() => setRowMenu(undefined)}
          shouldFocusOnMount
        />
      )}
    </>
  );
};
