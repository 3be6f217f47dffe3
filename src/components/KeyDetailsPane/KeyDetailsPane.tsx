import * as React from 'react';
import { ActionButton, format, MessageBar, MessageBarType, Panel, PanelType, Text } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { unchangeableReason } from '../../core';
import type { Person } from '../../core';
import { statusView, tamperedSummary } from '../KeyList/keyCells';
import { formatFullDateTime, permissionDescription, permissionLabel } from '../keyLabels';
import type { IKeyDetailsPaneProps } from './KeyDetailsPane.types';
import { KeyHistorySection } from './KeyHistorySection';
import { keyDetailsPaneClassNames as classNames } from './KeyDetailsPane.styles';

function personText(person: Person | undefined): string {
  if (!person) return '';
  return person.email ? `${person.displayName} (${person.email})` : person.displayName;
}

/**
 * Everything about one key, as the admin center's details pane shows a user: every field (including
 * those a narrow list leaves out), what its permission allows, a tampering warning, the commands, and
 * its history (read when the pane opens).
 */
const KeyDetailsPane: React.FC<IKeyDetailsPaneProps> = ({ record, isAdmin, onEdit, onRevoke, onRoll, onBringExpiryForward, onCopyTail, onDismiss, loadHistory }) => {
  const [copied, setCopied] = React.useState<'copied' | 'failed' | undefined>(undefined);
  const status = statusView(record, false);
  const revocation = record.revokedAt
    ? record.revokedBy
      ? format(strings.DetailsChangedOnBy, formatFullDateTime(record.revokedAt), personText(record.revokedBy))
      : formatFullDateTime(record.revokedAt)
    : strings.DetailsNotRevoked;
  const fields: Array<[string, React.ReactNode]> = [
    [strings.ColumnName, record.name],
    [
      strings.DetailsKeyEnding,
      <span key="tail" className={classNames.tail} data-akm-details-tail>
        {strings.TailPrefix}
        {record.tail}
      </span>
    ],
    [
      strings.ColumnStatus,
      <span key="status" data-akm-details-status={status.tone}>
        {status.text}
      </span>
    ],
    [strings.ColumnPermission, permissionLabel(record.permission)],
    [
      strings.DetailsAllows,
      <span key="allows" data-akm-details-allows>
        {permissionDescription(record.permission)}
      </span>
    ],
    [strings.ColumnCreated, formatFullDateTime(record.created)],
    [strings.ColumnCreatedBy, personText(record.createdBy)],
    [
      strings.ExpiresLabel,
      <span key="expires" data-akm-details-expires>
        {record.expires ? formatFullDateTime(record.expires) : strings.ExpiresNever}
      </span>
    ],
    [
      strings.ColumnLastUsed,
      <span key="lastUsed" data-akm-details-last-used title={strings.LastUsedFreshness}>
        {record.lastUsed ? formatFullDateTime(record.lastUsed) : strings.LastUsedNever}
      </span>
    ],
    [strings.ColumnRevokedAt, revocation]
  ];
  if (record.modified) {
    fields.push([strings.DetailsLastChanged, record.modifiedBy ? format(strings.DetailsChangedOnBy, formatFullDateTime(record.modified), personText(record.modifiedBy)) : formatFullDateTime(record.modified)]);
  }

  const copy = (): void => {
    onCopyTail(record).then(
      (ok) => setCopied(ok ? 'copied' : 'failed'),
      () => setCopied('failed')
    );
  };

  return (
    <Panel
      isOpen
      type={PanelType.medium}
      headerText={record.name}
      isLightDismiss
      onDismiss={onDismiss}
      closeButtonAriaLabel={strings.Close}
    >
      {record.integrity && (
        <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline className={classNames.tampered} data-akm-details-tampered>
          <strong>{strings.DetailsTamperedTitle}</strong> {tamperedSummary(record.integrity)} {strings.DetailsTamperedAdvice}
        </MessageBar>
      )}
      <div className={classNames.actions}>
        {isAdmin && <ActionButton iconProps={{ iconName: 'Edit' }} text={strings.CommandEdit} onClick={() => onEdit(record)} />}
        {isAdmin && record.status !== 'Revoked' && <ActionButton iconProps={{ iconName: 'Blocked' }} text={strings.CommandRevoke} onClick={() => onRevoke(record)} />}
        {/* A revoked, expired or tampered key changes no more: neither action is offered for it. */}
        {isAdmin && onRoll && !unchangeableReason(record, new Date()) && <ActionButton iconProps={{ iconName: 'Sync' }} text={strings.CommandRoll} onClick={() => onRoll(record)} />}
        {isAdmin && onBringExpiryForward && !unchangeableReason(record, new Date()) && (
          <ActionButton iconProps={{ iconName: 'Clock' }} text={strings.CommandBringExpiryForward} onClick={() => onBringExpiryForward(record)} />
        )}
        <ActionButton iconProps={{ iconName: 'Copy' }} text={strings.CopyKeyEnding} title={strings.CopyKeyEndingTitle} onClick={copy} />
      </div>
      {copied && (
        <MessageBar messageBarType={copied === 'copied' ? MessageBarType.success : MessageBarType.warning} isMultiline onDismiss={() => setCopied(undefined)} dismissButtonAriaLabel={strings.Close}>
          {copied === 'copied' ? format(strings.CopiedKeyEnding, record.tail, record.name) : format(strings.CopyKeyEndingFailed, record.name, record.tail)}
        </MessageBar>
      )}
      <dl className={classNames.fields}>
        {fields.map(([term, value]) => (
          <React.Fragment key={term}>
            <dt className={classNames.term}>{term}</dt>
            <dd className={classNames.value}>{value}</dd>
          </React.Fragment>
        ))}
      </dl>
      <section className={classNames.section} data-akm-details-history>
        <Text as="h2" variant="mediumPlus" block className={classNames.sectionTitle}>
          {strings.DetailsHistoryTitle}
        </Text>
        <KeyHistorySection keyName={record.name} loadHistory={() => loadHistory(record.id)} revision={`${record.id}:${record.etag}`} />
      </section>
    </Panel>
  );
};

export default KeyDetailsPane;
