import * as React from 'react';
import { Checkbox, DefaultButton, Dialog, DialogFooter, DialogType, format, MessageBar, MessageBarType, PrimaryButton, ProgressIndicator, Text } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { describeError } from '../errorMessages';
import type { IBulkRevokeDialogProps } from './BulkRevokeDialog.types';
import { bulkRevokeDialogClassNames as classNames } from './BulkRevokeDialog.styles';
import { revokeEach } from './revokeEach';
import type { RevokeEachResult } from './revokeEach';

/**
 * Revoke several keys at once, as during an incident: one confirmation that names every key, then each
 * is revoked with its own ETag. If some fail, the dialog stays open and says which were revoked and
 * which were not, and why.
 */
const BulkRevokeDialog: React.FC<IBulkRevokeDialogProps> = ({ store, records, onRevoked, onAllRevoked, onDismiss }) => {
  const [confirmed, setConfirmed] = React.useState(false);
  const [progress, setProgress] = React.useState<number | undefined>(undefined);
  const [result, setResult] = React.useState<RevokeEachResult | undefined>(undefined);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const revoking = progress !== undefined && !result;

  const revoke = async (): Promise<void> => {
    if (!confirmed || revoking) return;
    const outcome = await revokeEach(
      store,
      records,
      (done) => mounted.current && setProgress(done),
      (record) => onRevoked(record)
    );
    if (!mounted.current) return;
    if (outcome.failed.length === 0) {
      onAllRevoked(outcome.revoked);
      return;
    }
    setResult(outcome);
  };

  const renderResult = (outcome: RevokeEachResult): JSX.Element => (
    <MessageBar messageBarType={outcome.revoked.length ? MessageBarType.warning : MessageBarType.error} isMultiline data-akm-bulk-result>
      <strong>{format(strings.BulkRevokePartialTitle, outcome.revoked.length, records.length)}</strong>{' '}
      {format(strings.BulkRevokeSucceeded, outcome.revoked.length ? outcome.revoked.map((r) => r.name).join(', ') : strings.BulkRevokeNoneRevoked)}{' '}
      {strings.BulkRevokeFailed}
      <ul className={classNames.failures}>
        {outcome.failed.map(({ record, error }) => {
          const described = describeError(error);
          return <li key={record.id}>{format(strings.BulkRevokeFailedItem, record.name, `${described.title} ${described.detail}`.trim())}</li>;
        })}
      </ul>
    </MessageBar>
  );

  return (
    <Dialog
      hidden={false}
      onDismiss={revoking ? undefined : onDismiss}
      dialogContentProps={{ type: DialogType.normal, title: format(strings.BulkRevokeTitle, records.length), closeButtonAriaLabel: strings.Close }}
      modalProps={{ isBlocking: true }}
      minWidth={420}
      maxWidth={560}
    >
      <div className={classNames.body}>
        <Text>{strings.BulkRevokeIntro}</Text>
        <ul className={classNames.names} data-akm-bulk-names>
          {records.map((record) => (
            <li key={record.id}>
              {record.name} <span className={classNames.tail}>({strings.TailPrefix}{record.tail})</span>
            </li>
          ))}
        </ul>
        <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline>
          {strings.RevokeConsequences}
        </MessageBar>
        <Text>
          <strong>{strings.RevokeIrreversible}</strong>
        </Text>
        {!result && <Checkbox label={strings.BulkRevokeConfirmCheckbox} checked={confirmed} onChange={(_e, checked) => setConfirmed(!!checked)} disabled={revoking} />}
        {revoking && <ProgressIndicator label={format(strings.BulkRevokeProgress, Math.min((progress || 0) + 1, records.length), records.length)} percentComplete={(progress || 0) / records.length} />}
        {result && renderResult(result)}
      </div>
      <DialogFooter>
        {result ? (
          <PrimaryButton text={strings.Close} onClick={onDismiss} />
        ) : (
          <>
            <PrimaryButton text={revoking ? strings.Revoking : format(strings.BulkRevokeConfirm, records.length)} disabled={!confirmed || revoking} onClick={() => void revoke()} />
            <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={revoking} />
          </>
        )}
      </DialogFooter>
    </Dialog>
  );
};

export default BulkRevokeDialog;
