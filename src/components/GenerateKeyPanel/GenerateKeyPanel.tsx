import * as React from 'react';
import { ChoiceGroup, DefaultButton, format, Dropdown, MessageBar, MessageBarType, Panel, PanelType, PrimaryButton, Text, TextField } from '@fluentui/react';
import type { IChoiceGroupOption, IDropdownOption, ITextField } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { EXPIRY_PRESET_DAYS, expiryFor, localDayText, ValidationError } from '../../core';
import type { ExpiryChoice, ExpiryPresetDays, Permission } from '../../core';
import type { CreatedKey } from '../../data';
import { StoreActionError } from '../StoreActionError';
import { useStoreAction } from '../useStoreAction';
import { formatFullDateTime, permissionDescription, permissionLabel } from '../keyLabels';
import { nameFieldError } from '../nameValidation';
import type { IGenerateKeyPanelProps } from './GenerateKeyPanel.types';
import { generateKeyPanelClassNames as classNames } from './GenerateKeyPanel.styles';
import { CloseUncopiedDialog, NewKeyView } from './NewKeyView';
import type { NewKeyCopyState } from './NewKeyView';

/** 'never', a preset number of days, or 'date' (then a day is picked). */
type ExpiryOptionKey = 'never' | 'date' | `${ExpiryPresetDays}`;

const EXPIRY_OPTIONS: IDropdownOption[] = [
  { key: 'never', text: strings.ExpiresNever },
  ...EXPIRY_PRESET_DAYS.map((days) => ({ key: String(days), text: days === 365 ? strings.ExpiresInOneYear : format(strings.ExpiresInDays, days) })),
  { key: 'date', text: strings.ExpiresOnDate }
];

function expiryChoice(option: ExpiryOptionKey, date: string): ExpiryChoice {
  if (option === 'never') return { kind: 'none' };
  if (option === 'date') return { kind: 'date', date };
  return { kind: 'days', days: Number(option) as ExpiryPresetDays };
}

function permissionOption(permission: Permission): IChoiceGroupOption {
  return {
    key: permission,
    text: permissionLabel(permission),
    ariaLabel: `${permissionLabel(permission)}. ${permissionDescription(permission)}`,
    onRenderField: (option, render) => (
      <div>
        {render ? render(option) : null}
        <Text variant="small" className={classNames.choiceDescription}>
          {permissionDescription(permission)}
        </Text>
      </div>
    )
  };
}

/**
 * Generate a key: name and permission, Save, then the full key shown once with Copy. The key lives
 * only in this component's state; closing unmounts the panel and nothing else ever holds it.
 */
const GenerateKeyPanel: React.FC<IGenerateKeyPanelProps> = ({ store, onCreated, onDismiss }) => {
  const [name, setName] = React.useState('');
  const [touched, setTouched] = React.useState(false);
  const [permission, setPermission] = React.useState<Permission>('ReadOnly');
  const [expiryOption, setExpiryOption] = React.useState<ExpiryOptionKey>('never');
  const [expiryDate, setExpiryDate] = React.useState('');
  const [expiryError, setExpiryError] = React.useState('');
  const expiryDateField = React.useRef<ITextField>(null);
  const expiryChosen = React.useRef(false);

  // The tenant's default expiry is proposed once known, unless the admin already chose; failing to read it proposes none.
  React.useEffect(() => {
    let live = true;
    if (store.defaultExpiryDays) {
      store.defaultExpiryDays().then(
        (days) => {
          if (live && days !== undefined && !expiryChosen.current) setExpiryOption(String(days) as ExpiryOptionKey);
        },
        () => undefined
      );
    }
    return () => {
      live = false;
    };
  }, [store]);
  const { busy: saving, error, run } = useStoreAction('create');
  const [created, setCreated] = React.useState<CreatedKey | undefined>(undefined);
  const [copyState, setCopyState] = React.useState<NewKeyCopyState>('not-copied');
  const [confirmingClose, setConfirmingClose] = React.useState(false);
  const nameField = React.useRef<ITextField>(null);

  const nameError = touched ? nameFieldError(name) : '';

  const save = async (): Promise<void> => {
    setTouched(true);
    if (nameFieldError(name)) {
      if (nameField.current) nameField.current.focus();
      return;
    }
    let expires: Date | undefined;
    try {
      // Computed at Save, not when chosen: "in 30 days" counts from the moment the key is made.
      expires = expiryFor(expiryChoice(expiryOption, expiryDate), new Date());
    } catch (failure) {
      if (!(failure instanceof ValidationError)) throw failure;
      setExpiryError(failure.code === 'expiry-in-past' ? strings.ExpiresDatePast : strings.ExpiresDateInvalid);
      if (expiryDateField.current) expiryDateField.current.focus();
      return;
    }
    setExpiryError('');
    await run(
      () => store.createKey(name.trim(), permission, expires),
      (result) => {
        setCreated(result);
        onCreated(result.record);
      }
    );
  };

  const requestClose = (): void => {
    if (created && copyState !== 'copied') {
      setConfirmingClose(true);
      return;
    }
    onDismiss();
  };

  const renderForm = (): JSX.Element => (
    <form
      className={classNames.form}
      // The name is checked by the panel (inline, in the page's language), not by the browser's bubble.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Text>{strings.GenerateIntro}</Text>
      <TextField
        label={strings.NameLabel}
        description={strings.NameDescription}
        required
        value={name}
        autoFocus
        componentRef={nameField}
        errorMessage={nameError || undefined}
        onChange={(_e, value) => {
          setName(value || '');
          setTouched(true);
        }}
      />
      <div>
        <ChoiceGroup
          label={strings.PermissionLabel}
          required
          selectedKey={permission}
          options={[permissionOption('ReadOnly'), permissionOption('FullControl')]}
          onChange={(_e, option) => option && setPermission(option.key as Permission)}
        />
        <MessageBar messageBarType={MessageBarType.info} styles={{ root: { marginTop: 8 } }}>
          {strings.PermissionFixedNote}
        </MessageBar>
      </div>
      <div data-akm-expiry>
        <Dropdown
          label={strings.ExpiresLabel}
          selectedKey={expiryOption}
          options={EXPIRY_OPTIONS}
          onChange={(_e, option) => {
            if (!option) return;
            expiryChosen.current = true;
            setExpiryOption(option.key as ExpiryOptionKey);
            setExpiryError('');
          }}
        />
        {expiryOption === 'date' && (
          <TextField
            type="date"
            label={strings.ExpiresDateLabel}
            required
            componentRef={expiryDateField}
            value={expiryDate}
            min={localDayText(new Date())}
            errorMessage={expiryError || undefined}
            onChange={(_e, value) => {
              setExpiryDate(value || '');
              setExpiryError('');
            }}
          />
        )}
        <Text variant="small" block styles={{ root: { marginTop: 4 } }}>
          {strings.ExpiresFixedNote}
        </Text>
      </div>
      <StoreActionError error={error} />
      <div className={classNames.footer}>
        {/* Focusable while disabled: focus stays on Save through the write and after a failure, never on <body>. */}
        <PrimaryButton type="submit" text={saving ? strings.Saving : strings.Save} disabled={saving} allowDisabledFocus />
        <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={saving} />
      </div>
    </form>
  );

  const renderCreated = (result: CreatedKey): JSX.Element => (
    <NewKeyView
      secret={result.key}
      summary={
        <>
          {format(strings.GeneratedKeySummary, result.record.name, permissionLabel(result.record.permission))}
          {result.record.expires ? ` ${format(strings.GeneratedKeyExpires, formatFullDateTime(result.record.expires))}` : ''}
        </>
      }
      copyState={copyState}
      onCopyStateChange={setCopyState}
      onDone={requestClose}
    />
  );

  return (
    <Panel
      isOpen
      type={PanelType.medium}
      headerText={strings.GenerateTitle}
      closeButtonAriaLabel={strings.Close}
      isLightDismiss={false}
      onDismiss={(event) => {
        // Fluent calls onDismiss for Escape and the close button; the uncopied-key check decides.
        if (event) {
          event.preventDefault();
        }
        requestClose();
      }}
    >
      {created ? renderCreated(created) : renderForm()}
      <CloseUncopiedDialog hidden={!confirmingClose} onBack={() => setConfirmingClose(false)} onConfirm={onDismiss} />
    </Panel>
  );
};

export default GenerateKeyPanel;
