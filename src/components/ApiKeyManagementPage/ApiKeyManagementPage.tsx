import * as React from 'react';
import { Announced, format, Shimmer, Spinner, SpinnerSize, Text, ThemeProvider } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { KeyRecord, NotProvisionedError } from '../../core';
import { formatFullDateTime, setDisplayLocale } from '../keyLabels';
import { useReturnFocus } from './useReturnFocus';
import type { IApiKeyManagementPageProps } from './ApiKeyManagementPage.types';
import { apiKeyManagementPageClassNames as classNames } from './ApiKeyManagementPage.styles';
import { useKeyRecords } from './useKeyRecords';

// Loaded on demand so the web part's initial chunk stays small: the list section (DetailsList,
// CommandBar) downloads while the first read of the keys is in flight; panels and dialog on first use.
const KeysSection = React.lazy(() => import(/* webpackChunkName: 'akm-keys-section' */ '../KeysSection/KeysSection'));
const GenerateKeyPanel = React.lazy(() => import(/* webpackChunkName: 'akm-generate-key-panel' */ '../GenerateKeyPanel/GenerateKeyPanel'));
const EditKeyPanel = React.lazy(() => import(/* webpackChunkName: 'akm-edit-key-panel' */ '../EditKeyPanel/EditKeyPanel'));
const RevokeKeyDialog = React.lazy(() => import(/* webpackChunkName: 'akm-revoke-key-dialog' */ '../RevokeKeyDialog/RevokeKeyDialog'));
const RollKeyPanel = React.lazy(() => import(/* webpackChunkName: 'akm-roll-key-panel' */ '../RollKeyPanel/RollKeyPanel'));
const BringExpiryForwardDialog = React.lazy(() => import(/* webpackChunkName: 'akm-bring-expiry-forward-dialog' */ '../BringExpiryForwardDialog/BringExpiryForwardDialog'));
const BulkRevokeDialog = React.lazy(() => import(/* webpackChunkName: 'akm-bulk-revoke-dialog' */ '../BulkRevokeDialog/BulkRevokeDialog'));
// State messages bring Fluent's buttons (and with them ContextualMenu, Callout, FocusZone): on demand too.
const loadMessages = (): Promise<typeof import('./PageStateMessages')> => import(/* webpackChunkName: 'akm-page-messages' */ './PageStateMessages');
const NotAdminMessage = React.lazy(() => loadMessages().then((m) => ({ default: m.NotAdminMessage })));
const NotProvisionedMessage = React.lazy(() => loadMessages().then((m) => ({ default: m.NotProvisionedMessage })));
const NoAccessMessage = React.lazy(() => loadMessages().then((m) => ({ default: m.NoAccessMessage })));
const LoadErrorMessage = React.lazy(() => loadMessages().then((m) => ({ default: m.LoadErrorMessage })));

type OpenSurface =
  | { kind: 'generate' }
  | { kind: 'edit'; record: KeyRecord }
  | { kind: 'revoke'; record: KeyRecord }
  | { kind: 'revoke-many'; records: KeyRecord[] }
  | { kind: 'roll'; record: KeyRecord }
  | { kind: 'expiry'; record: KeyRecord }
  | undefined;

const NO_RECORDS: KeyRecord[] = [];

function errorKind(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'kind' in error ? String((error as { kind: unknown }).kind) : undefined;
}

/** Shimmer lines shown until the list section's code has arrived. */
const ListPlaceholder: React.FC = () => (
  <div className={classNames.placeholder} data-akm-loading>
    {[0, 1, 2, 3, 4, 5].map((i) => (
      <Shimmer key={i} />
    ))}
  </div>
);

/** The API Key Management page: the list of keys, search and filters, and (for Global Administrators) Generate, Edit and Revoke. */
export const ApiKeyManagementPage: React.FC<IApiKeyManagementPageProps> = (props) => {
  const { store, roleChecker, currentUserName, theme, locale } = props;
  // Before any child formats a date or number in this render.
  setDisplayLocale(locale);
  const { records, role, reload, upsert } = useKeyRecords(store, roleChecker);
  const [surface, setSurface] = React.useState<OpenSurface>(undefined);
  const [announcement, setAnnouncement] = React.useState('');
  const [rolledKeyId, setRolledKeyId] = React.useState<number | undefined>(undefined);

  const isAdmin = role.status === 'known' && role.result.isGlobalAdmin;
  const all = records.status === 'ready' ? records.records : NO_RECORDS;

  const returnFocus = useReturnFocus();
  const { remember } = returnFocus;
  const openGenerate = React.useCallback(() => remember(() => setSurface({ kind: 'generate' })), [remember]);
  const openEdit = React.useCallback((record: KeyRecord) => remember(() => setSurface({ kind: 'edit', record })), [remember]);
  const openRevoke = React.useCallback((record: KeyRecord) => remember(() => setSurface({ kind: 'revoke', record })), [remember]);
  const openRevokeMany = React.useCallback((many: KeyRecord[]) => remember(() => setSurface({ kind: 'revoke-many', records: many })), [remember]);
  const openRoll = React.useCallback((record: KeyRecord) => remember(() => setSurface({ kind: 'roll', record })), [remember]);
  const openExpiry = React.useCallback((record: KeyRecord) => remember(() => setSurface({ kind: 'expiry', record })), [remember]);
  const loadHistory = React.useCallback((id: number) => store.keyHistory(id), [store]);
  /** Closes the panel or dialog and puts focus back on what opened it. */
  const closeSurface = (): void => {
    setSurface(undefined);
    returnFocus.restore();
  };

  const provision = async (): Promise<void> => {
    await store.ensureProvisioned();
    reload();
  };

  /** After a rename or revoke: show the stored record, close the surface, announce what happened. */
  const closeWith =
    (announcementFormat: string) =>
    (record: KeyRecord): void => {
      upsert(record);
      closeSurface();
      setAnnouncement(format(announcementFormat, record.name));
    };

  const reloadAfterConflict = (): void => {
    closeSurface();
    reload();
  };

  const failedKind = records.status === 'failed' ? errorKind(records.error) : undefined;
  // SharePoint answers "does not exist" for a list the caller may not see: to someone who is not a Global
  // Administrator a missing list and no access are the same answer.
  const noAccess =
    records.status === 'failed' &&
    (failedKind === 'forbidden' ||
      (failedKind === 'not-provisioned' && (records.error as NotProvisionedError).reason === 'missing-list' && role.status === 'known' && !role.result.isGlobalAdmin));

  const renderFailure = (): React.ReactNode => {
    if (records.status !== 'failed') return null;
    if (noAccess) {
      return <NoAccessMessage />;
    }
    if (failedKind === 'not-provisioned') {
      return <NotProvisionedMessage error={records.error as NotProvisionedError} isAdmin={isAdmin} onProvision={provision} />;
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
        <React.Suspense fallback={null}>
          {role.status === 'known' && !role.result.isGlobalAdmin && !noAccess && <NotAdminMessage result={role.result} />}
          {renderFailure()}
        </React.Suspense>
      </div>

      {records.status !== 'failed' && (
        <React.Suspense fallback={<ListPlaceholder />}>
          <KeysSection
            records={all}
            loading={records.status === 'loading'}
            isAdmin={isAdmin}
            onGenerate={openGenerate}
            onEdit={openEdit}
            onRevoke={openRevoke}
            onRevokeMany={openRevokeMany}
            onRefresh={reload}
            loadHistory={loadHistory}
            usageUnknown={records.status === 'ready' && records.usageUnknown}
            onRoll={openRoll}
            onBringExpiryForward={openExpiry}
            selectKeyId={rolledKeyId}
          />
        </React.Suspense>
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
              onDismiss={closeSurface}
            />
          )}
          {surface.kind === 'edit' && (
            <EditKeyPanel
              store={store}
              record={surface.record}
              onSaved={closeWith(strings.KeyRenamedAnnouncement)}
              onReload={reloadAfterConflict}
              onDismiss={closeSurface}
            />
          )}
          {surface.kind === 'revoke' && (
            <RevokeKeyDialog
              store={store}
              record={surface.record}
              onRevoked={closeWith(strings.KeyRevokedAnnouncement)}
              onReload={reloadAfterConflict}
              onDismiss={closeSurface}
            />
          )}
          {surface.kind === 'roll' && (
            <RollKeyPanel
              store={store}
              record={surface.record}
              onRolled={(created, old) => {
                upsert(old);
                upsert(created);
                setRolledKeyId(created.id);
                setAnnouncement(format(strings.KeyRolledAnnouncement, old.name));
              }}
              onReload={reloadAfterConflict}
              onDismiss={closeSurface}
            />
          )}
          {surface.kind === 'expiry' && (
            <BringExpiryForwardDialog
              store={store}
              record={surface.record}
              onSaved={(record) => {
                upsert(record);
                closeSurface();
                setAnnouncement(format(strings.KeyExpiryForwardAnnouncement, record.name, formatFullDateTime(record.expires)));
              }}
              onReload={reloadAfterConflict}
              onDismiss={closeSurface}
            />
          )}
          {surface.kind === 'revoke-many' && (
            <BulkRevokeDialog
              store={store}
              records={surface.records}
              onRevoked={upsert}
              onAllRevoked={(revoked) => {
                closeSurface();
                setAnnouncement(format(strings.BulkRevokedAnnouncement, revoked.length));
              }}
              onDismiss={closeSurface}
            />
          )}
        </React.Suspense>
      )}
    </ThemeProvider>
  );
};
