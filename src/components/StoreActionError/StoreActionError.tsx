import * as React from 'react';
import { MessageBar, MessageBarButton, MessageBarType } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import type { IStoreActionErrorProps } from './StoreActionError.types';

/** Why a rename, revoke or create failed, with Reload when someone else changed the key. */
export const StoreActionError: React.FC<IStoreActionErrorProps> = ({ error, onReload }) => {
  if (!error) {
    return null;
  }
  return (
    <MessageBar
      messageBarType={error.kind === 'conflict' ? MessageBarType.warning : MessageBarType.error}
      isMultiline
      actions={error.action === 'reload' ? <MessageBarButton text={strings.Reload} onClick={onReload} /> : undefined}
    >
      <strong>{error.title}</strong> {error.detail}
    </MessageBar>
  );
};
