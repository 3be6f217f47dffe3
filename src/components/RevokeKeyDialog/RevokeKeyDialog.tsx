import * as React from 'react';
import { Checkbox, DefaultButton, Dialog, DialogFooter, DialogType, format, MessageBar, MessageBarType, PrimaryButton, Text } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { StoreActionError } from '../StoreActionError';
import { useStoreAction } from '../useStoreAction';
import type { IRevokeKeyDialogProps } from './RevokeKeyDialog.types';
import { revokeKeyDialogClassNames as classNames } from './RevokeKeyDialog.styles';

/** Revoke a key: says what stops working and that it is final, and needs an explicit tick before it acts. */
const RevokeKeyDialog: React.FC<IRevokeKeyDialogProps> = ({ store, record, onRevoked, onReload, onDismiss }) => {
  const [confirmed, setConfirmed] = React.useState(false);
  const { busy: revoking, error, run } = useStoreAction('revoke');

  const revoke = async (): Promise<void> => {
    if (!confirmed) {
      return;
    }
    await run(() => store.revokeKey(record.id, record.etag), onRevoked);
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
        <StoreActionError error={error} onReload={onReload} />
      </div>
      <DialogFooter>
        <PrimaryButton text={revoking ? strings.Revoking : strings.RevokeConfirm} disabled={!confirmed || revoking} allowDisabledFocus onClick={() => void revoke()} />
        <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={revoking} />
      </DialogFooter>
    </Dialog>
  );
};

export default RevokeKeyDialog;
