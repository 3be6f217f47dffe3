import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { copyToClipboard } from '../copyToClipboard';
import type { IErrorDetailsButtonProps, IStoreActionErrorProps } from './StoreActionError.types';

/**
 * "Copy details", as in the Microsoft 365 admin center: status, correlation id and time go to the
 * clipboard for a support request instead of onto the screen.
 */
export const ErrorDetailsButton: React.FC<IErrorDetailsButtonProps> = ({ report }) => {
  const [copied, setCopied] = React.useState(false);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  React.useEffect(() => setCopied(false), [report]);
  return (
    <>
      <MessageBarButton
        text={copied ? strings.DetailsCopiedButton : strings.CopyDetails}
        iconProps={copied ? { iconName: 'CheckMark' } : undefined}
        onClick={() => {
          copyToClipboard(report).then(
            (ok) => mounted.current && setCopied(ok),
            () => undefined
          );
        }}
      />
      <span role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {copied ? strings.DetailsCopied : ''}
      </span>
    </>
  );
};

/** Why a rename, revoke or create failed, in plain words, with Copy details, and Reload when someone else changed the key. */
export const StoreActionError: React.FC<IStoreActionErrorProps> = ({ error, onReload }) => {
  if (!error) {
    return null;
  }
  return (
    <MessageBar
      messageBarType={error.kind === 'conflict' ? MessageBarType.warning : MessageBarType.error}
      isMultiline
      actions={
        <div>
          {error.action === 'reload' && onReload && <MessageBarButton text={strings.Reload} onClick={onReload} />}
          <ErrorDetailsButton report={error.report} />
        </div>
      }
      data-akm-error={error.kind}
    >
      <strong>{error.title}</strong> {error.detail}
    </MessageBar>
  );
};
