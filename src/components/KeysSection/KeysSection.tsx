import * as React from 'react';
import { CommandBar, format, MessageBar, MessageBarType, SearchBox, Selection, Stack, Text } from '@fluentui/react';
import type { ICommandBarItemProps, IContextualMenuItem } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { formatNumber, getDisplayLocale } from '../keyLabels';
import { peopleIn, unchangeableReason } from '../../core';
import type { KeyColumn, KeyRecord, KeySort, Person } from '../../core';
import { ColumnFilterMenu } from '../ColumnFilterMenu';
import { copyToClipboard } from '../copyToClipboard';
import { downloadKeysCsv } from '../exportKeys';
import { FilterChips } from '../FilterChips';
import { KeyList } from '../KeyList';
import { useKeyListLayout } from '../KeyList/useKeyListLayout';
import { keyColumns } from '../KeyList/keyColumns';
import { usePageNow } from '../KeyList/usePageNow';
import { keysToShow } from '../pageFilters';
import type { PageFilters } from '../pageFilters';
import type { IKeysSectionProps } from './KeysSection.types';
import { keysSectionClassNames as classNames } from './KeysSection.styles';
import { useElementWidth } from './useElementWidth';

const KeyDetailsPane = React.lazy(() => import(/* webpackChunkName: 'akm-key-details-pane' */ '../KeyDetailsPane/KeyDetailsPane'));

const DEFAULT_SORT: KeySort = { column: 'created', descending: true };
const FILTER_COMMAND_CLASS = 'akm-filter-command';

interface OpenColumnMenu {
  column: KeyColumn;
  target: HTMLElement;
}

// Named: where the commands overflow (a Teams tab), Fluent's "⋯" button has no name of its own.
const OVERFLOW_BUTTON = { ariaLabel: strings.MoreCommands, title: strings.MoreCommands };

type CopyNotice = { record: KeyRecord; copied: boolean } | undefined;

/**
 * The keys themselves: commands with search beside them, filter chips, count, the list, and a key's
 * details pane. Loaded on demand by the page (DetailsList and CommandBar are most of Fluent's weight)
 * while the first read is in flight.
 */
const KeysSection: React.FC<IKeysSectionProps> = (props) => {
  const { records, loading, isAdmin, onGenerate, onEdit, onRevoke, onRevokeMany, onRefresh, loadHistory, usageUnknown, onRoll, onBringExpiryForward, selectKeyId } = props;
  const [search, setSearch] = React.useState('');
  const [filters, setFilters] = React.useState<PageFilters>({});
  const [sort, setSort] = React.useState<KeySort>(DEFAULT_SORT);
  const [selectedIds, setSelectedIds] = React.useState<number[]>([]);
  const [columnMenu, setColumnMenu] = React.useState<OpenColumnMenu | undefined>(undefined);
  const [detailsId, setDetailsId] = React.useState<number | undefined>(undefined);
  const [copyNotice, setCopyNotice] = React.useState<CopyNotice>(undefined);
  const rootRef = React.useRef<HTMLDivElement>(null);
  const layout = useKeyListLayout(useElementWidth(rootRef), getDisplayLocale());
  const compact = layout === 'compact';

  const now = usePageNow(records);
  const shown = React.useMemo(() => keysToShow(records, search, filters, sort, now), [records, search, filters, sort, now]);
  // Read at click time, so the command bar stays the same element between keystrokes.
  const shownRef = React.useRef(shown);
  shownRef.current = shown;
  const nowRef = React.useRef(now);
  nowRef.current = now;
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
      onSelectionChanged: () => setSelectedIds((selection.getSelection() as KeyRecord[]).filter((r) => !!r).map((r) => r.id))
    });
    selectionRef.current = selection;
  }

  // The records as last read (a rename or revoke shows at once), in the order they were picked.
  const byId = React.useMemo(() => {
    const map = new Map<number, KeyRecord>();
    records.forEach((r) => map.set(r.id, r));
    return map;
  }, [records]);
  const selected = React.useMemo(() => selectedIds.map((id) => byId.get(id)).filter((r): r is KeyRecord => !!r), [selectedIds, byId]);
  const revocable = React.useMemo(() => selected.filter((r) => r.status !== 'Revoked'), [selected]);
  const detailsRecord = detailsId !== undefined ? byId.get(detailsId) : undefined;

  // The replacement a roll made becomes the selection once the list holds it (Roll, Edit and Revoke then act on it).
  const selectedOnce = React.useRef<number | undefined>(undefined);
  React.useEffect(() => {
    const selection = selectionRef.current;
    if (selectKeyId === undefined || selectedOnce.current === selectKeyId || !selection || !byId.has(selectKeyId)) return;
    selection.setChangeEvents(false);
    selection.setAllSelected(false);
    selection.setKeySelected(String(selectKeyId), true, true);
    selection.setChangeEvents(true);
    // Tried again with the next list while the row is not in it yet (or hidden by a search).
    if (selection.isKeySelected(String(selectKeyId))) selectedOnce.current = selectKeyId;
  }, [selectKeyId, byId, shown]);

  const copyTail = React.useCallback(async (record: KeyRecord): Promise<boolean> => {
    const copied = await copyToClipboard(record.tail).catch(() => false);
    setCopyNotice({ record, copied });
    return copied;
  }, []);

  const openColumnMenu = React.useCallback((column: KeyColumn, target: HTMLElement) => setColumnMenu({ column, target }), []);
  const openFromFilterCommand = React.useCallback((column: KeyColumn) => {
    const root = rootRef.current;
    // Under the column's header when the layout shows it, else under the Filter command.
    const target = root && (root.querySelector<HTMLElement>(`[role="columnheader"][data-item-key="${column}"]`) || root.querySelector<HTMLElement>(`.${FILTER_COMMAND_CLASS}`));
    if (target) setColumnMenu({ column, target });
  }, []);

  const openDetails = React.useCallback((record: KeyRecord) => setDetailsId(record.id), []);

  const rowMenuItems = React.useCallback(
    (record: KeyRecord): IContextualMenuItem[] => {
      const items: IContextualMenuItem[] = [{ key: 'details', text: strings.ViewDetails, iconProps: { iconName: 'Info' }, onClick: () => openDetails(record) }];
      if (isAdmin) {
        items.push({ key: 'edit', text: strings.CommandEdit, iconProps: { iconName: 'Edit' }, onClick: () => onEdit(record) });
        items.push({ key: 'revoke', text: strings.CommandRevoke, iconProps: { iconName: 'Blocked' }, disabled: record.status === 'Revoked', onClick: () => onRevoke(record) });
        const changeable = !unchangeableReason(record, new Date());
        if (onRoll) items.push({ key: 'roll', text: strings.CommandRoll, iconProps: { iconName: 'Sync' }, disabled: !changeable, onClick: () => onRoll(record) });
        if (onBringExpiryForward) {
          items.push({ key: 'expiry', text: strings.CommandBringExpiryForward, iconProps: { iconName: 'Clock' }, disabled: !changeable, onClick: () => onBringExpiryForward(record) });
        }
      }
      items.push({ key: 'copy', text: strings.CopyKeyEnding, title: strings.CopyKeyEndingTitle, iconProps: { iconName: 'Copy' }, onClick: () => void copyTail(record) });
      return items;
    },
    [isAdmin, onEdit, onRevoke, onRoll, onBringExpiryForward, openDetails, copyTail]
  );

  const filterMenuItems: IContextualMenuItem[] = React.useMemo(
    () => keyColumns().map((info) => ({ key: info.column, text: format(strings.FilterByColumn, info.title), onClick: () => openFromFilterCommand(info.column) })),
    [openFromFilterCommand]
  );

  // Stable between keystrokes: new item arrays make CommandBar measure its layout again.
  // Export is for every reader; it may fold into the overflow menu on a narrow tab (Generate keeps its place).
  const exportCommand: ICommandBarItemProps = React.useMemo(
    () => ({ key: 'export', text: strings.CommandExport, iconProps: { iconName: 'Download' }, onClick: () => void downloadKeysCsv(shownRef.current, nowRef.current, !!usageUnknown) }),
    [usageUnknown]
  );
  const commandItems: ICommandBarItemProps[] = React.useMemo(() => {
    if (!isAdmin) return [exportCommand];
    const one = selected.length === 1 ? selected[0] : undefined;
    const revoke: ICommandBarItemProps =
      selected.length > 1
        ? { key: 'revoke', text: format(strings.CommandRevokeSelected, revocable.length), iconProps: { iconName: 'Blocked' }, disabled: revocable.length === 0, onClick: () => (revocable.length === 1 ? onRevoke(revocable[0]) : onRevokeMany(revocable)) }
        : { key: 'revoke', text: strings.CommandRevoke, iconProps: { iconName: 'Blocked' }, disabled: !one || one.status === 'Revoked', onClick: () => (one ? onRevoke(one) : undefined) };
    const items: ICommandBarItemProps[] = [
      { key: 'generate', text: strings.CommandGenerate, iconProps: { iconName: 'Add' }, onClick: onGenerate },
      { key: 'edit', text: strings.CommandEdit, iconProps: { iconName: 'Edit' }, disabled: !one, onClick: () => (one ? onEdit(one) : undefined) },
      revoke
    ];
    if (onRoll) {
      // One Active, unexpired, untampered key: a roll copies its name, permission and expiry policy.
      const rollable = one && !unchangeableReason(one, new Date()) ? one : undefined;
      items.push({ key: 'roll', text: strings.CommandRoll, iconProps: { iconName: 'Sync' }, disabled: !rollable, onClick: () => (rollable ? onRoll(rollable) : undefined) });
    }
    items.push(exportCommand);
    return items;
  }, [isAdmin, selected, revocable, onGenerate, onEdit, onRevoke, onRevokeMany, onRoll, exportCommand]);
  // Filter and Refresh stay in view at any width (far items never move into the overflow menu): in
  // compact rows, Filter is the way to the columns the list no longer shows.
  const farItems: ICommandBarItemProps[] = React.useMemo(
    () => [
      // Icon only in compact rows, so Generate keeps its place beside it on a narrow tab.
      { key: 'filter', text: strings.CommandFilter, ariaLabel: strings.CommandFilter, iconOnly: compact, iconProps: { iconName: 'Filter' }, className: FILTER_COMMAND_CLASS, subMenuProps: { items: filterMenuItems } },
      { key: 'refresh', text: strings.CommandRefresh, ariaLabel: strings.CommandRefresh, iconOnly: true, iconProps: { iconName: 'Refresh' }, onClick: onRefresh }
    ],
    [filterMenuItems, onRefresh, compact]
  );

  // The same element between keystrokes: CommandBar builds new layout data on every render, and its
  // ResizeGroup measures again whenever that data changes.
  const commandBar = React.useMemo(
    () => <CommandBar className={classNames.commands} items={commandItems} farItems={farItems} ariaLabel={strings.CommandBarAriaLabel} overflowButtonProps={OVERFLOW_BUTTON} />,
    [commandItems, farItems]
  );

  const menuColumn = columnMenu ? keyColumns().filter((info) => info.column === columnMenu.column)[0] : undefined;
  const isEmpty = !loading && records.length === 0;
  return (
    <div ref={rootRef} data-akm-layout={layout}>
      <div className={classNames.toolbar}>
        {commandBar}
        <SearchBox
          className={classNames.search}
          placeholder={strings.SearchPlaceholder}
          ariaLabel={strings.SearchAriaLabel}
          value={search}
          onChange={(_e, value) => setSearch(value || '')}
        />
        <Text className={classNames.count} role="status" aria-live="polite" data-akm-count>
          {format(strings.KeyCount, formatNumber(shown.length), formatNumber(records.length))}
        </Text>
      </div>
      {copyNotice && (
        <MessageBar
          className={classNames.copied}
          messageBarType={copyNotice.copied ? MessageBarType.success : MessageBarType.warning}
          onDismiss={() => setCopyNotice(undefined)}
          dismissButtonAriaLabel={strings.Close}
          isMultiline
          data-akm-copy-notice
        >
          {copyNotice.copied ? format(strings.CopiedKeyEnding, copyNotice.record.tail, copyNotice.record.name) : format(strings.CopyKeyEndingFailed, copyNotice.record.name, copyNotice.record.tail)}
        </MessageBar>
      )}
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
            layout={layout}
            sort={sort}
            filters={filters}
            openColumn={columnMenu ? columnMenu.column : undefined}
            onColumnMenu={openColumnMenu}
            selection={selectionRef.current}
            selectable={isAdmin}
            onOpenDetails={openDetails}
            rowMenuItems={rowMenuItems}
            now={now}
            usageUnknown={usageUnknown}
          />
          {!loading && shown.length === 0 && (
            <Text block className={classNames.empty} data-akm-state="no-matches">
              {strings.NoMatches}
            </Text>
          )}
        </>
      )}
      {columnMenu && menuColumn && (
        <ColumnFilterMenu
          column={menuColumn}
          target={columnMenu.target}
          filters={filters}
          onFiltersChange={setFilters}
          sort={sort}
          onSort={(next) => {
            setSort(next);
            setColumnMenu(undefined);
          }}
          people={menuColumn.column === 'createdBy' || menuColumn.column === 'revokedBy' ? peopleByColumn[menuColumn.column] : []}
          onDismiss={() => setColumnMenu(undefined)}
          usageUnknown={usageUnknown}
        />
      )}
      {detailsRecord && (
        <React.Suspense fallback={null}>
          <KeyDetailsPane
            record={detailsRecord}
            isAdmin={isAdmin}
            onEdit={(record) => {
              setDetailsId(undefined);
              onEdit(record);
            }}
            onRevoke={(record) => {
              setDetailsId(undefined);
              onRevoke(record);
            }}
            onCopyTail={copyTail}
            {...(onRoll
              ? {
                  onRoll: (record: KeyRecord) => {
                    setDetailsId(undefined);
                    onRoll(record);
                  }
                }
              : {})}
            {...(onBringExpiryForward
              ? {
                  onBringExpiryForward: (record: KeyRecord) => {
                    setDetailsId(undefined);
                    onBringExpiryForward(record);
                  }
                }
              : {})}
            onDismiss={() => setDetailsId(undefined)}
            loadHistory={loadHistory}
          />
        </React.Suspense>
      )}
    </div>
  );
};

export default KeysSection;
