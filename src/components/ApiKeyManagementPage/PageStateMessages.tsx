import * as React from 'react';
import { format, Link, MessageBar, MessageBarButton, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { NotProvisionedError } from '../../core';
import type { AdminRoleResult } from '../../data';
import { describeError, notProvisionedDetail, notProvisionedFix, provisioningCanFix } from '../errorMessages';
import { ErrorDetailsButton, StoreActionError } from '../StoreActionError';

/**
 * "My roles" for Microsoft Entra roles in Privileged Identity Management, where an eligible Global
 * Administrator activates the role (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-activate-role).
 */
export const PIM_ACTIVATION_URL = 'https://entra.microsoft.com/#view/Microsoft_Azure_PIMCommon/ActivationMenuBlade/~/aadmigratedroles';

const ActivateRoleLink: React.FC = () => (
  // Underlined: inside a sentence a link must not be told apart by colour alone (WCAG 1.4.1).
  <Link href={PIM_ACTIVATION_URL} target="_blank" rel="noopener noreferrer" underline data-akm-pim-link>
    {strings.ActivateRoleLink}
  </Link>
);

/** Why the key actions are hidden from a user who is not an active Global Administrator, and what to do next. */
export const NotAdminMessage: React.FC<{ result: Extract<AdminRoleResult, { isGlobalAdmin: false }> }> = ({ result }) => {
  // Graph refusing or failing the check says nothing about the user's role: never "you are not an admin" then.
  const unknown = result.reason === 'error' || result.reason === 'grant-missing';
  const reason = result.reason === 'grant-missing' ? strings.NotAdminGrantMissing : result.reason === 'error' ? strings.RoleCheckFailed : strings.NotAdminNotAssigned;
  return (
    <MessageBar
      messageBarType={MessageBarType.info}
      isMultiline
      data-akm-state="not-admin"
      data-akm-role={result.reason}
      actions={unknown && result.detail ? <ErrorDetailsButton report={`${strings.RoleUnknownTitle}\n${reason}\n${result.detail}`} /> : undefined}
    >
      <strong>{unknown ? strings.RoleUnknownTitle : strings.NotAdminTitle}</strong>
      <div>{reason}</div>
      {!unknown && (
        <div>
          {strings.NotAdminPim} <ActivateRoleLink />
        </div>
      )}
    </MessageBar>
  );
};

/**
 * The list is missing, unsafe or not to be trusted: an admin creates or repairs it in one click where
 * provisioning can fix it, and reads the manual fix where it cannot; anyone else learns whom to ask.
 */
const TENANT_SETTING_REASONS: string[] = ['tenant-setting', 'wrong-store', 'unpinned'];

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
  const failed = React.useMemo(() => (failure !== undefined ? describeError(failure, 'provision') : undefined), [failure]);
  const canProvision = isAdmin && provisioningCanFix(error);
  const fix = notProvisionedFix(error);
  const distrusted = !provisioningCanFix(error);
  const firstRun = error.reason === 'missing-list';
  return (
    <Stack tokens={{ childrenGap: 8 }} data-akm-state="not-provisioned" data-akm-reason={error.reason}>
      <MessageBar
        messageBarType={distrusted ? MessageBarType.severeWarning : MessageBarType.warning}
        isMultiline
        actions={firstRun ? undefined : <ErrorDetailsButton report={describeError(error).report} />}
      >
        <strong>{strings.NotProvisionedTitle}</strong>
        <div>{firstRun && isAdmin ? strings.NotProvisionedAdmin : firstRun ? strings.NotProvisionedOthers : notProvisionedDetail(error)}</div>
        {/* The tenant setting's states name the sites and the exact command: the error's own words, for the admin who fixes it. */}
        {isAdmin && TENANT_SETTING_REASONS.indexOf(error.reason) !== -1 && <div>{error.message}</div>}
        {!firstRun && isAdmin && <div>{format(strings.NotProvisionedFix, fix || error.fix)}</div>}
        {!firstRun && !isAdmin && <div>{strings.NotProvisionedAskAdmin}</div>}
      </MessageBar>
      {canProvision && (
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
          <PrimaryButton text={strings.NotProvisionedCreate} onClick={provision} disabled={working} allowDisabledFocus />
          {working && <Spinner size={SpinnerSize.small} label={strings.NotProvisionedCreating} labelPosition="right" />}
        </Stack>
      )}
      {failed && failed.kind === 'not-provisioned' ? (
        <MessageBar messageBarType={MessageBarType.error} isMultiline actions={<ErrorDetailsButton report={failed.report} />} data-akm-error="not-provisioned">
          <strong>{failed.title}</strong> {failed.detail}
          <div>{format(strings.NotProvisionedFix, notProvisionedFix(failure as NotProvisionedError) || (failure as NotProvisionedError).fix)}</div>
        </MessageBar>
      ) : (
        <StoreActionError error={failed} />
      )}
    </Stack>
  );
};

/** The signed-in user may not read the list at all: not an error, a state with a next step (info, not red). */
export const NoAccessMessage: React.FC = () => (
  <MessageBar messageBarType={MessageBarType.info} isMultiline data-akm-state="no-access">
    <strong>{strings.NoAccessTitle}</strong>
    <div>{strings.NoAccessDetail}</div>
    <div>{strings.NoAccessAskOwners}</div>
    <div>
      {strings.NoAccessAdminHint} <ActivateRoleLink />
    </div>
  </MessageBar>
);

/** Loading failed: what happened in plain words, a way to try again, and the details for support. */
export const LoadErrorMessage: React.FC<{ error: unknown; onRetry: () => void }> = ({ error, onRetry }) => {
  // Described once per failure: the time in "Copy details" is when it failed, not when it was last drawn.
  const description = React.useMemo(() => describeError(error, 'load'), [error]);
  return (
    <MessageBar
      messageBarType={description.kind === 'throttled' ? MessageBarType.warning : MessageBarType.error}
      isMultiline
      data-akm-state={description.kind}
      actions={
        <div>
          {description.action !== 'none' && <MessageBarButton text={description.action === 'reload' ? strings.Reload : strings.Retry} onClick={onRetry} />}
          <ErrorDetailsButton report={description.report} />
        </div>
      }
    >
      <strong>{description.title}</strong>
      <div>{description.detail}</div>
    </MessageBar>
  );
};
