import * as React from 'react';
import { ChoiceGroup, DefaultButton, Dialog, DialogFooter, DialogType, format, MessageBar, MessageBarType, PrimaryButton, Text, TextField } from '@fluentui/react';
import type { IChoiceGroupOption } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { daysFrom, expiryFor, localDayText, ValidationError } from '../../core';
import { formatFullDateTime } from '../keyLabels';
import { StoreActionError } from '../StoreActionError';
import { useStoreAction } from '../useStoreAction';
import type { IBringExpiryForwardDialogProps } from './BringExpiryForwardDialog.types';
import { bringExpiryForwardDialogClassNames as classNames } from './BringExpiryForwardDialog.styles';

/** 'now', a number of days from now, or 'date' (the end of a chosen day, where the admin is). */
type ForwardChoice = 'now' | '1' | '7' | '30' | 'date';

const PRESET_DAYS: Array<Exclude<ForwardChoice, 'now' | 'date'>> = ['1', '7', '30'];

/** The instant a choice means at `now`; undefined while the date is incomplete or impossible. */
function instantFor(choice: ForwardChoice, date: string, now: Date): Date | undefined {
  if (choice === 'now') return now;
  if (choice !== 'date') return daysFrom(now, Number(choice));
  try {
    return expiryFor({ kind: 'date', date }, now);
  } catch (failure) {
    if (failure instanceof ValidationError) return undefined;
    throw failure;
  }
}

/**
 * Bring a key's expiry forward: presets (now, in 1, 7 or 30 days, a day) limited to what is earlier than the current
 * expiry, the resulting end shown before anything is saved. The store checks the same again with the stored expiry.
 */
const BringExpiryForwardDialog: React.FC<IBringExpiryForwardDialogProps> = ({ store, record, onSaved, onReload, onDismiss }) => {
  const [choice, setChoice] = React.useState<ForwardChoice>('now');
  const [date, setDate] = React.useState('');
  const { busy: saving, error, run } = useStoreAction('expiry');

  const now = new Date();
  const earlier = (instant: Date | undefined): boolean => instant !== undefined && (record.expires === undefined || instant.getTime() < record.expires.getTime());
  const options: IChoiceGroupOption[] = [
    { key: 'now', text: strings.ExpiryForwardNow },
    ...PRESET_DAYS.map((days) => ({
      key: days,
      text: days === '1' ? strings.ExpiryForwardInOneDay : format(strings.ExpiresInDays, days),
      disabled: !earlier(daysFrom(now, Number(days)))
    })),
    { key: 'date', text: strings.ExpiresOnDate }
  ];
  const chosen = instantFor(choice, date, now);
  const dateError = choice === 'date' && date !== '' ? (chosen === undefined ? strings.ExpiresDateInvalid : !earlier(chosen) ? strings.ExpiryNotEarlier : '') : '';
  const valid = earlier(chosen) && !dateError;

  const save = async (): Promise<void> => {
    // Computed at the click, like the Generate panel's presets: "in 7 days" counts from the moment it is saved.
    const expires = instantFor(choice, date, new Date());
    if (!expires || !valid) return;
    await run(() => store.bringExpiryForward(record.id, expires, record.etag), onSaved);
  };

  return (
    <Dialog
      hidden={false}
      onDismiss={saving ? undefined : onDismiss}
      dialogContentProps={{ type: DialogType.normal, title: format(strings.ExpiryForwardTitle, record.name), closeButtonAriaLabel: strings.Close }}
      modalProps={{ isBlocking: true }}
      minWidth="min(460px, calc(100vw - 32px))"
    >
      <div className={classNames.body}>
        <Text>{strings.ExpiryForwardIntro}</Text>
        <Text data-akm-expiry-current>{record.expires ? format(strings.ExpiryForwardCurrent, formatFullDateTime(record.expires)) : strings.ExpiryForwardCurrentNever}</Text>
        <ChoiceGroup label={strings.ExpiryForwardLabel} selectedKey={choice} options={options} onChange={(_e, option) => option && setChoice(option.key as ForwardChoice)} disabled={saving} />
        {choice === 'date' && (
          <TextField
            type="date"
            label={strings.ExpiresDateLabel}
            required
            value={date}
            min={localDayText(now)}
            max={record.expires ? localDayText(record.expires) : undefined}
            errorMessage={dateError || undefined}
            onChange={(_e, value) => setDate(value || '')}
            disabled={saving}
          />
        )}
        {choice === 'now' && (
          <MessageBar messageBarType={MessageBarType.severeWarning} isMultiline>
            {strings.ExpiryForwardNowWarning}
          </MessageBar>
        )}
        {valid && chosen && choice !== 'now' && (
          <MessageBar messageBarType={MessageBarType.info} data-akm-expiry-result>
            {format(strings.ExpiryForwardResult, formatFullDateTime(chosen))}
          </MessageBar>
        )}
        <StoreActionError error={error} onReload={onReload} />
      </div>
      <DialogFooter>
        <PrimaryButton text={saving ? strings.Saving : strings.ExpiryForwardConfirm} disabled={!valid || saving} allowDisabledFocus onClick={() => void save()} />
        <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={saving} />
      </DialogFooter>
    </Dialog>
  );
};

export default BringExpiryForwardDialog;
