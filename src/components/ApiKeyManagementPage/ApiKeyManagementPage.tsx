import { keysToShow } from '../pageFilters';
import type { PageFilters } from '../pageFilters';
import * as React from 'react';
import { Announced, CommandBar, format, Selection, SearchBox, Spinner, SpinnerSize, Text, ThemeProvider } from '@fluentui/react';
import type { ICommandBarItemProps } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { peopleIn } from '../../core';
import type { KeyRecord, KeySort, NotProvisionedError, Person } from '../../core';
import { copyToClipboard } from '../copyToClipboard';
import { FilterChips } from '../FilterChips';
import { KeyList } from '../KeyList';
import type { IApiKeyManagementPageProps } from './ApiKeyManagementPage.types';
import { apiKeyManagementPageClassNames as classNames } from './ApiKeyManagementPage.styles';
import { EmptyMessage, LoadErrorMessage, NoAccessMessage, NotAdminMessage, NotProvisionedMessage } from './PageStateMessages';
import { useKeyRecords } from './useKeyRecords';

// Panels and the dialog are loaded on first use so the web part's initial chunk stays small.
const GenerateKeyPanel = React.lazy(() => import(/* webpackChunkName: 'akm-generate-key-panel' */ '../GenerateKeyPanel/GenerateKeyPanel'));
const EditKeyPanel = React.lazy(() => import(/* webpackChunkName: 'akm-edit-key-panel' */ '../EditKeyPanel/EditKeyPanel'));
const RevokeKeyDialog = React.lazy(() => import(/* webpackChunkName: 'akm-revoke-key-dialog' */ '../RevokeKeyDialog/RevokeKeyDialog'));

type OpenSurface = { kind: 'generate' } | { kind: 'edit'; record: KeyRecord } | { kind: 'revoke'; record: KeyRecord } | undefined;

const DEFAULT_SORT: KeySort = { column: 'created', descending: true };

function errorKind(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'kind' in error ? String((error as { kind: unknown }).kind) : undefined;
}

/** The API Key Management page: the list of keys, search and filters, and (for Global Administrators) Generate, Edit and Revoke. */
export const ApiKeyManagementPage: React.FC<IApiKeyManagementPageProps> = (props) => {
  const { store, roleChecker, currentUserName, theme } = props;
  const { records, role, reload, upsert } = useKeyRecords(store, roleChecker);
  const [search, setSearch] = React.useState('');
  const [filters, setFilters] = React.useState<PageFilters>({});
  const [sort, setSort] = React.useState<KeySort>(DEFAULT_SORT);
  const [selectedId, setSelectedId] = React.useState<number | undefined>(undefined);
  const [surface, setSurface] = React.useState<OpenSurface>(undefined);
  const [announcement, setAnnouncement] = React.useState('');

  const isAdmin = role.status === 'known' && role.result.isGlobalAdmin;
  const all = React.useMemo(() => (records.status === 'ready' ? records.records : []), [records]);
  const shown = React.useMemo(() => keysToShow(all, search, filters, sort), [all, search, filters, sort]);
  const peopleByColumn = React.useMemo(() => ({ createdBy: peopleIn(all, 'createdBy'), revokedBy: peopleIn(all, 'revokedBy') }), [all]);
  const everyone = React.useMemo(() => {
    const seen: Record<number, Person> = {};
    peopleByColumn.createdBy.concat(peopleByColumn.revokedBy).forEach((p) => (seen[p.id] = p));
    return Object.keys(seen).map((id) => seen[Number(id)]);
  }, [peopleByColumn]);

  const selection = React.useMemo(
    () =>
      new Selection({
        // Shimmer rows are null placeholders while loading.
        getKey: (item, index) => (item ? String((item as KeyRecord).id) : `loading-${index}`),
        onSelectionChanged: () => {
          // Read lazily: `selection` is assigned by the time Fluent calls back.
          const picked = selectionRef.current ? (selectionRef.current.getSelection()[0] as KeyRecord | undefined) : undefined;
          setSelectedId(picked ? picked.id : undefined);
        }
      }),
    []
  );
  const selectionRef = React.useRef<Selection | undefined>(undefined);
  selectionRef.current = selection;

  const selected = selectedId !== undefined ? all.filter((r) => r.id === selectedId)[0] : undefined;

  const copyTail = React.useCallback((record: KeyRecord): void => {
    copyToClipboard(record.tail).then(
      (ok) => setAnnouncement(ok ? format(strings.CopiedTail, record.name) : ''),
      () => setAnnouncement('')
    );
  }, []);

  const provision = async (): Promise<void> => {
    await store.ensureProvisioned();
    reload();
  };

  const reloadAfterConflict = (): void => {
    setSurface(undefined);
    reload();
  };

  const commandItems: ICommandBarItemProps[] = [
    { key: 'generate', text: strings.CommandGenerate, iconProps: { iconName: 'Add' }, onClick: () => setSurface({ kind: 'generate' }) },
    {
      key: 'edit',
      text: strings.CommandEdit,
      iconProps: { iconName: 'Edit' },
      disabled: !selected,
      onClick: () => (selected ? setSurface({ kind: 'edit', record: selected }) : undefined)
    },
    {
      key: 'revoke',
      text: strings.CommandRevoke,
      iconProps: { iconName: 'Blocked' },
      disabled: !selected || selected.status === 'Revoked',
      onClick: () => (selected ? setSurface({ kind: 'revoke', record: selected }) : undefined)
    }
  ];
  const farItems: ICommandBarItemProps[] = [
    { key: 'refresh', text: strings.CommandRefresh, ariaLabel: strings.CommandRefresh, iconOnly: true, iconProps: { iconName: 'Refresh' }, onClick: reload }
  ];

  const failedKind = records.status === 'failed' ? errorKind(records.error) : undefined;
  const listVisible = records.status !== 'failed';

  const renderFailure = (): React.ReactNode => {
    if (records.status !== 'failed') return null;
    if (failedKind === 'not-provisioned') {
      return <NotProvisionedMessage error={records.error as NotProvisionedError} isAdmin={isAdmin} onProvision={provision} />;
    }
    if (failedKind === 'forbidden') {
      return <NoAccessMessage />;
    }
    return <LoadErrorMessage error={records.error} onRetry={reload} />;
  };

  return (
    <ThemeProvider theme={theme} className={classNames.root} as="main">
      <header className={classNames.header}>
        <Text as="h1" variant="xLarge" block className={classNames.title}>
          {strings.PageTitle}
        </Text>
        <Text block>{strings.PageDescription}</Text>
        {currentUserName && (
          <Text variant="small" block>
            {format(strings.SignedInAs, currentUserName)}
          </Text>
        )}
      </header>

      <div className={classNames.messages}>
        {role.status === 'checking' && <Spinner size={SpinnerSize.xSmall} label={strings.RoleCheckingLabel} labelPosition="right" />}
        {role.status === 'known' && !role.result.isGlobalAdmin && failedKind !== 'forbidden' && <NotAdminMessage result={role.result} />}
        {renderFailure()}
      </div>

      {listVisible && (
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
              {format(strings.KeyCount, shown.length, all.length)}
            </Text>
          </div>
          <FilterChips filters={filters} onFiltersChange={setFilters} people={everyone} />
          {records.status === 'ready' && all.length === 0 ? (
            <EmptyMessage isAdmin={isAdmin} />
          ) : (
            <>
              <KeyList
                items={shown}
                loading={records.status === 'loading'}
                sort={sort}
                onSort={setSort}
                filters={filters}
                onFiltersChange={setFilters}
                peopleByColumn={peopleByColumn}
                selection={selection}
                selectable={isAdmin}
                onCopyTail={copyTail}
              />
              {records.status === 'ready' && shown.length === 0 && (
                <Text block className={classNames.empty} data-akm-state="no-matches">
                  {strings.NoMatches}
                </Text>
              )}
            </>
          )}
        </>
      )}

      <Announced message={announcement} />

      {isAdmin && surface && (
        <React.Suspense fallback={<Spinner label={strings.PanelLoading} />}>
          {surface.kind === 'generate' && (
            <GenerateKeyPanel
              store={store}
              onCreated={(record) => {
                upsert(record);
                setAnnouncement(format(strings.KeyCreatedAnnouncement, record.name));
              }}
              onDismiss={() => setSurface(undefined)}
            />
          )}
          {surface.kind === 'edit' && (
            <EditKeyPanel
              store={store}
              record={surface.record}
              onSaved={(record) => {
                upsert(record);
                setSurface(undefined);
                setAnnouncement(format(strings.KeyRenamedAnnouncement, record.name));
              }}
              onReload={reloadAfterConflict}
              onDismiss={() => setSurface(undefined)}
            />
          )}
          {surface.kind === 'revoke' && (
            <RevokeKeyDialog
              store={store}
              record={surface.record}
              onRevoked={(record) => {
                upsert(record);
                setSurface(undefined);
                setAnnouncement(format(strings.KeyRevokedAnnouncement, record.name));
              }}
              onReload={reloadAfterConflict}
              onDismiss={() => setSurface(undefined)}
            />
          )}
        </React.Suspense>
      )}
    </ThemeProvider>
  );
};
