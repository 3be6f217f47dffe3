import * as React from 'react';
import { Checkbox, DefaultButton, Dialog, DialogFooter, DialogType, format, MessageBar, MessageBarButton, MessageBarType, PrimaryButton, Text } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { describeError } from '../errorMessages';
import type { ErrorDescription } from '../errorMessages';
import type { IRevokeKeyDialogProps } from './RevokeKeyDialog.types';
import { revokeKeyDialogClassNames as classNames } from './RevokeKeyDialog.styles';

/** Revoke a key: says what stops working and that it is final, and needs an explicit tick before it acts. */
const RevokeKeyDialog: React.FC<IRevokeKeyDialogProps> = ({ store, record, onRevoked, onReload, onDismiss }) => {
  const [confirmed, setConfirmed] = React.useState(false);
  const [revoking, setRevoking] = React.useState(false);
  const [error, setError] = React.useState<ErrorDescription | undefined>(undefined);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );

  const revoke = async (): Promise<void> => {
    if (!confirmed || revoking) {
      return;
    }
    setRevoking(true);
    setError(undefined);
    try {
      const revoked = await store.revokeKey(record.id, record.etag);
      if (mounted.current) {
        onRevoked(revoked);
      }
    } catch (caught) {
      if (mounted.current) {
        setError(describeError(caught));
        setRevoking(false);
      }
    }
  };

  return (
    <Dialog
      hidden={false}
      onDismiss={revoking ? undefined : onDismiss}
      dialogContentProps={{ type: DialogType.normal, title: format(strings.RevokeTitle, record.name), closeButtonAriaLabel: strings.Close }}
      modalProps={{ isBlocking: true }}
      minWidth={420}
    >
      <div className={classNames.body}>
        <Text>{format(strings.RevokeIntro, record.tail)}</Text>
        <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline>
          {strings.RevokeConsequences}
        </MessageBar>
        <Text>
          <strong>{strings.RevokeIrreversible}</strong>
        </Text>
        <Checkbox label={strings.RevokeConfirmCheckbox} checked={confirmed} onChange={(_e, checked) => setConfirmed(!!checked)} disabled={revoking} />
        {error && (
          <MessageBar
            messageBarType={error.kind === 'conflict' ? MessageBarType.warning : MessageBarType.error}
            isMultiline
            actions={error.action === 'reload' ? <MessageBarButton text={strings.Reload} onClick={onReload} /> : undefined}
          >
            <strong>{error.title}</strong> {error.detail}
          </MessageBar>
        )}
      </div>
      <DialogFooter>
        <PrimaryButton text={revoking ? strings.Revoking : strings.RevokeConfirm} disabled={!confirmed || revoking} onClick={() => void revoke()} />
        <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={revoking} />
      </DialogFooter>
    </Dialog>
  );
};

export default RevokeKeyDialog;
