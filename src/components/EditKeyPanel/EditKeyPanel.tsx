import * as React from 'react';
import { DefaultButton, Panel, PanelType, PrimaryButton, TextField } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { StoreActionError } from '../StoreActionError';
import { useStoreAction } from '../useStoreAction';
import { permissionLabel } from '../keyLabels';
import { nameFieldError } from '../nameValidation';
import type { IEditKeyPanelProps } from './EditKeyPanel.types';
import { editKeyPanelClassNames as classNames } from './EditKeyPanel.styles';

/** Rename a key: the name is the only thing that can change; the permission is shown, read-only. */
const EditKeyPanel: React.FC<IEditKeyPanelProps> = ({ store, record, onSaved, onReload, onDismiss }) => {
  const [name, setName] = React.useState(record.name);
  const { busy: saving, error, run } = useStoreAction('rename');

  const nameError = nameFieldError(name);

  const save = async (): Promise<void> => {
    // Save stays focusable while disabled, so Enter can still submit: an unchanged name writes nothing.
    if (nameError || name.trim() === record.name) {
      return;
    }
    await run(() => store.renameKey(record.id, name.trim(), record.etag), onSaved);
  };

  return (
    <Panel isOpen type={PanelType.medium} headerText={strings.EditTitle} closeButtonAriaLabel={strings.Close} onDismiss={onDismiss}>
      <form
        className={classNames.form}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          label={strings.NameLabel}
          description={strings.NameDescription}
          required
          autoFocus
          value={name}
          errorMessage={nameError || undefined}
          onChange={(_e, value) => setName(value || '')}
        />
        <TextField label={strings.PermissionLabel} value={permissionLabel(record.permission)} readOnly borderless description={strings.EditPermissionReadOnlyNote} />
        <StoreActionError error={error} onReload={onReload} />
        <div className={classNames.footer}>
          {/* Focusable while disabled: focus stays on Save through the write and after a failure, never on <body>. */}
          <PrimaryButton type="submit" text={saving ? strings.Saving : strings.Save} disabled={saving || !!nameError || name.trim() === record.name} allowDisabledFocus />
          <DefaultButton text={strings.Cancel} onClick={onDismiss} disabled={saving} />
        </div>
      </form>
    </Panel>
  );
};

export default EditKeyPanel;
