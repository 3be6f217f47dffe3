import * as React from 'react';
import { format, MessageBar, MessageBarButton, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { NotProvisionedError } from '../../core';
import type { AdminRoleResult } from '../../data';
import { describeError } from '../errorMessages';

/** Why the key actions are hidden from a user who is not an active Global Administrator. */
export const NotAdminMessage: React.FC<{ result: Extract<AdminRoleResult, { isGlobalAdmin: false }> }> = ({ result }) => {
  let reason: string;
  switch (result.reason) {
    case 'grant-missing':
      reason = strings.NotAdminGrantMissing;
      break;
    case 'error':
      reason = format(strings.NotAdminError, result.detail || '');
      break;
    default:
      reason = strings.NotAdminNotAssigned;
  }
  return (
    <MessageBar messageBarType={MessageBarType.info} isMultiline data-akm-state="not-admin">
      <strong>{strings.NotAdminTitle}</strong>
      <div>{reason}</div>
      <div>{strings.NotAdminPim}</div>
    </MessageBar>
  );
};

/** The list is missing or unsafe: an admin creates or repairs it in one click; anyone else learns whom to ask. */
export const NotProvisionedMessage: React.FC<{ error: NotProvisionedError; isAdmin: boolean; onProvision: () => Promise<void> }> = ({ error, isAdmin, onProvision }) => {
  const [working, setWorking] = React.useState(false);
  const [failure, setFailure] = React.useState<unknown>(undefined);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const provision = (): void => {
    setWorking(true);
    setFailure(undefined);
    onProvision().then(
      () => {
        if (mounted.current) setWorking(false);
      },
      (caught: unknown) => {
        if (mounted.current) {
          setWorking(false);
          setFailure(caught);
        }
      }
    );
  };
  const failed = failure !== undefined ? describeError(failure) : undefined;
  // The tenant setting's states (no setting, another store, list not pinned): its own words, not "no list yet";
  // creating a list cannot fix a missing setting or a page configured for another store.
  const tenantSetting = error.reason === 'tenant-setting' || error.reason === 'wrong-store' || error.reason === 'unpinned';
  const canProvision = error.reason !== 'tenant-setting' && error.reason !== 'wrong-store';
  return (
    <Stack tokens={{ childrenGap: 8 }} data-akm-state="not-provisioned" data-akm-reason={error.reason}>
      <MessageBar messageBarType={MessageBarType.warning} isMultiline>
        <strong>{strings.NotProvisionedTitle}</strong>
        {tenantSetting && <div>{error.message}</div>}
        {(!tenantSetting || !isAdmin) && <div>{isAdmin ? strings.NotProvisionedAdmin : strings.NotProvisionedOthers}</div>}
        {isAdmin && error.reason !== 'missing-list' && <div>{format(strings.NotProvisionedFix, error.fix)}</div>}
      </MessageBar>
      {isAdmin && canProvision && (
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
          <PrimaryButton text={strings.NotProvisionedCreate} onClick={provision} disabled={working} />
          {working && <Spinner size={SpinnerSize.small} label={strings.NotProvisionedCreating} labelPosition="right" />}
        </Stack>
      )}
      {failed && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          <strong>{failed.title}</strong> {failed.detail}
        </MessageBar>
      )}
    </Stack>
  );
};

/** The signed-in user may not read the list at all. */
export const NoAccessMessage: React.FC = () => (
  <MessageBar messageBarType={MessageBarType.blocked} isMultiline data-akm-state="no-access">
    <strong>{strings.NoAccessTitle}</strong>
    <div>{strings.NoAccessDetail}</div>
  </MessageBar>
);

/** Loading failed: what happened and a way to try again. */
export const LoadErrorMessage: React.FC<{ error: unknown; onRetry: () => void }> = ({ error, onRetry }) => {
  const description = describeError(error);
  return (
    <MessageBar
      messageBarType={description.kind === 'throttled' ? MessageBarType.warning : MessageBarType.error}
      isMultiline
      data-akm-state={description.kind}
      actions={
        description.action !== 'none' ? <MessageBarButton text={description.action === 'reload' ? strings.Reload : strings.Retry} onClick={onRetry} /> : undefined
      }
    >
      <strong>{description.title}</strong>
      <div>{description.detail}</div>
    </MessageBar>
  );
};
