import * as React from 'react';
import { ChoiceGroup, DefaultButton, Dropdown, format, MessageBar, MessageBarType, Panel, PanelType, PrimaryButton, Text } from '@fluentui/react';
import type { IChoiceGroupOption, IDropdownOption } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { daysFrom, ROLL_GRACE_MAX_DAYS } from '../../core';
import type { RollOptions } from '../../core';
import type { RollResult } from '../../data';
import { describeRollIncomplete } from '../errorMessages';
import { CloseUncopiedDialog, NewKeyView } from '../GenerateKeyPanel/NewKeyView';
import type { NewKeyCopyState } from '../GenerateKeyPanel/NewKeyView';
import { formatDateTime, formatFullDateTime, permissionLabel } from '../keyLabels';
import { ErrorDetailsButton, StoreActionError } from '../StoreActionError';
import { useStoreAction } from '../useStoreAction';
import type { IRollKeyPanelProps } from './RollKeyPanel.types';
import { rollKeyPanelClassNames as classNames } from './RollKeyPanel.styles';

type OldKeyChoice = 'now' | 'grace';

const GRACE_OPTIONS: IDropdownOption[] = Array.from({ length: ROLL_GRACE_MAX_DAYS }, (_unused, i) => ({
  key: i + 1,
  text: i === 0 ? strings.RollGraceOneDay : format(strings.RollGraceDays, i + 1)
}));

/**
 * "Roll API Key": what happens, when the old key stops (now, the default, as Stripe's roll and GitHub's regenerate do;
 * or after 1–7 days), then the new key shown once exactly as the Generate panel shows it. The new key lives only in this
 * component's state; closing unmounts the panel and nothing else ever holds it.
 */
const RollKeyPanel: React.FC<IRollKeyPanelProps> = ({ store, record, onRolled, onReload, onDismiss }) => {
  const [choice, setChoice] = React.useState<OldKeyChoice>('now');
  const [graceDays, setGraceDays] = React.useState<number>(ROLL_GRACE_MAX_DAYS);
  const { busy: rolling, error, run } = useStoreAction('roll');
  const [result, setResult] = React.useState<RollResult | undefined>(undefined);
  const [copyState, setCopyState] = React.useState<NewKeyCopyState>('not-copied');
  const [confirmingClose, setConfirmingClose] = React.useState(false);

  // Previews with the record as read; the store computes the same from the stored versions at the moment of the roll.
  const now = new Date();
  const graceEnd = daysFrom(now, graceDays);
  const keepsOwnExpiry = choice === 'grace' && record.expires !== undefined && record.expires.getTime() <= graceEnd.getTime();

  const roll = async (): Promise<void> => {
    // Counted from the click, like the expiry presets.
    const options: RollOptions = choice === 'now' ? { oldKeyEnds: 'now' } : { oldKeyEnds: daysFrom(new Date(), graceDays) };
    await run(
      () => store.rollKey(record.id, record.etag, options),
      (rolled) => {
        setResult(rolled);
        onRolled(rolled.created.record, rolled.old);
      }
    );
  };

  const requestClose = (): void => {
    if (result && copyState !== 'copied') {
      setConfirmingClose(true);
      return;
    }
    onDismiss();
  };

  const options: IChoiceGroupOption[] = [
    {
      key: 'now',
      text: strings.RollOldKeyNow,
      onRenderField: (option, render) => (
        <div>
          {render ? render(option) : null}
          <Text variant="small" className={classNames.choiceDescription}>
            {strings.RollOldKeyNowDescription}
          </Text>
        </div>
      )
    },
    {
      key: 'grace',
      text: strings.RollOldKeyGrace,
      onRenderField: (option, render) => (
        <div>
          {render ? render(option) : null}
          <Text variant="small" className={classNames.choiceDescription}>
            {strings.RollOldKeyGraceDescription}
          </Text>
        </div>
      )
    }
  ];

  const renderForm = (): JSX.Element => (
    <form
      className={classNames.form}
      onSubmit={(event) => {
        event.preventDefault();
        void roll();
      }}
    >
      <Text>{format(strings.RollIntro, record.tail)}</Text>
      {/* The policy is the key's expiry at generation (its version 1.0), which the store reads: the current expiry may have been brought forward since. */}
      <Text data-akm-roll-new-expiry>{strings.RollNewKeyPolicy}</Text>
      <div>
        <ChoiceGroup label={strings.RollOldKeyLabel} required selectedKey={choice} options={options} onChange={(_e, option) => option && setChoice(option.key as OldKeyChoice)} />
        {choice === 'grace' && (
          <Dropdown
            className={classNames.graceDays}
            label={strings.RollGraceDaysLabel}
            selectedKey={graceDays}
            options={GRACE_OPTIONS}
            onChange={(_e, option) => option && setGraceDays(Number(option.key))}
          />
        )}
      </div>
      {choice === 'grace' && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-akm-roll-old-end>
          {keepsOwnExpiry && record.expires ? format(strings.RollGraceKeepsExpiry, formatFullDateTime(record.expires)) : format(strings.RollGraceEnds, formatFullDateTime(graceEnd))}
        </MessageBar>
      )}
      {choice === 'now' && (
        <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline>
          {strings.RevokeConsequences}
        </MessageBar>
      )}
      <StoreActionError error={error} onReload={onReload} />
      <div className={classNames.footer}>
        {/* Focusable while disabled: focus stays on the button through the write and after a failure, never on <body>. */}
        <PrimaryButton type="submit" text={rolling ? strings.Rolling : strings.RollConfirm} disabled={rolling} allowDisabledFocus />
        <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={rolling} />
      </div>
    </form>
  );

  // Another admin rolled the same key at the same time: two live keys, one of which nobody may ever deploy. Only named
  // here, never revoked for the admin: which one is in use is theirs to find out.
  const renderOtherReplacements = (rolled: RollResult): JSX.Element | null => {
    const others = rolled.otherReplacements ?? [];
    if (others.length > 0) {
      return (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline data-akm-roll-other-replacements>
          {others.map((other) => (
            <span key={other.id}>{format(strings.RollOtherReplacement, other.createdBy.displayName, formatDateTime(other.created), other.tail)} </span>
          ))}
          {format(others.length === 1 ? strings.RollOtherReplacementAdvice : strings.RollOtherReplacementsAdvice, rolled.created.record.name)}
        </MessageBar>
      );
    }
    if (rolled.otherReplacementsUnknown) {
      return (
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-akm-roll-other-replacements="unknown">
          {strings.RollOtherReplacementsUnknown}
        </MessageBar>
      );
    }
    return null;
  };

  const renderRolled = (rolled: RollResult): JSX.Element => {
    const created = rolled.created.record;
    const incomplete = rolled.incomplete ? describeRollIncomplete(rolled.incomplete, rolled.old.tail) : undefined;
    return (
      <NewKeyView
        secret={rolled.created.key}
        summary={
          <>
            {format(strings.GeneratedKeySummary, created.name, permissionLabel(created.permission))}
            {created.expires ? ` ${format(strings.GeneratedKeyExpires, formatFullDateTime(created.expires))}` : ''}
          </>
        }
        copyState={copyState}
        onCopyStateChange={setCopyState}
        onDone={requestClose}
      >
        {incomplete ? (
          <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline actions={<ErrorDetailsButton report={incomplete.report} />} data-akm-error="roll-incomplete">
            <strong>{incomplete.title}</strong> {incomplete.detail}
          </MessageBar>
        ) : (
          <MessageBar messageBarType={MessageBarType.success} isMultiline data-akm-roll-outcome>
            {rolled.old.status === 'Revoked' || !rolled.old.expires
              ? format(strings.RolledOldKeyRevoked, rolled.old.tail)
              : format(strings.RolledOldKeyEnds, rolled.old.tail, formatFullDateTime(rolled.old.expires))}
          </MessageBar>
        )}
        {renderOtherReplacements(rolled)}
      </NewKeyView>
    );
  };

  return (
    <Panel
      isOpen
      type={PanelType.medium}
      headerText={format(strings.RollTitle, record.name)}
      closeButtonAriaLabel={strings.Close}
      isLightDismiss={false}
      onDismiss={(event) => {
        // Escape and the close button: the uncopied-key check decides, and nothing closes while the roll is in flight.
        if (event) event.preventDefault();
        if (!rolling) requestClose();
      }}
    >
      {result ? renderRolled(result) : renderForm()}
      <CloseUncopiedDialog hidden={!confirmingClose} onBack={() => setConfirmingClose(false)} onConfirm={onDismiss} />
    </Panel>
  );
};

export default RollKeyPanel;
