import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, MessageBar, MessageBarType, PrimaryButton, Text, TextField } from '@fluentui/react';
import type { IButton, ITextField } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { copyToClipboard } from '../copyToClipboard';
import { generateKeyPanelClassNames as classNames } from './GenerateKeyPanel.styles';

export type NewKeyCopyState = 'not-copied' | 'copied' | 'failed';

export interface INewKeyViewProps {
  /** The full key, shown once. Held only by the panel that shows this view; never logged or kept after it closes. */
  secret: string;
  /** What the key is (name, permission, expiry), above the warning. */
  summary: React.ReactNode;
  /** Messages of the panel's own between the summary and the warning (a roll's outcome for the old key). */
  children?: React.ReactNode;
  copyState: NewKeyCopyState;
  onCopyStateChange: (state: NewKeyCopyState) => void;
  /** "Done": the panel asks before closing while the key was not copied (CloseUncopiedDialog). */
  onDone: () => void;
}

/**
 * The new key, shown once, with Copy (focused when it appears), how to use it, and copy feedback: the Generate panel's
 * and the Roll panel's key view, so that both behave alike.
 */
export const NewKeyView: React.FC<INewKeyViewProps> = ({ secret, summary, children, copyState, onCopyStateChange, onDone }) => {
  const keyField = React.useRef<ITextField>(null);
  const copyButton = React.useRef<IButton>(null);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  // The key appears once: put the keyboard on the one thing to do with it.
  React.useEffect(() => {
    if (copyButton.current) copyButton.current.focus();
  }, []);

  const copy = async (): Promise<void> => {
    const ok = await copyToClipboard(secret);
    if (!mounted.current) return;
    onCopyStateChange(ok ? 'copied' : 'failed');
    if (!ok && keyField.current) keyField.current.select();
  };

  /** Ctrl+C or the context menu's Copy in the key field: counts when the whole key was selected. */
  const copiedByHand = (event: React.ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
    const input = event.currentTarget;
    if (input.selectionStart === 0 && input.selectionEnd === secret.length) onCopyStateChange('copied');
  };

  return (
    <div className={classNames.form}>
      <Text data-akm-new-key-summary>{summary}</Text>
      {children}
      <MessageBar messageBarType={MessageBarType.warning} isMultiline>
        {strings.GeneratedKeyWarning}
      </MessageBar>
      <TextField
        componentRef={keyField}
        label={strings.GeneratedKeyLabel}
        value={secret}
        readOnly
        inputClassName={classNames.key}
        data-akm-new-key
        onCopy={copiedByHand}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className={classNames.footer}>
        <PrimaryButton componentRef={copyButton} iconProps={{ iconName: 'Copy' }} text={strings.GeneratedKeyCopy} onClick={() => void copy()} />
        <DefaultButton text={strings.GeneratedKeyDone} onClick={onDone} />
      </div>
      <div role="status" aria-live="polite">
        {copyState === 'copied' && <MessageBar messageBarType={MessageBarType.success}>{strings.GeneratedKeyCopied}</MessageBar>}
        {copyState === 'failed' && <MessageBar messageBarType={MessageBarType.error}>{strings.GeneratedKeyCopyFailed}</MessageBar>}
      </div>
      <div>
        <Text variant="mediumPlus" block className={classNames.usageTitle}>
          {strings.GeneratedKeyUsageTitle}
        </Text>
        <Text block>{strings.GeneratedKeyUsage}</Text>
        <code className={classNames.usage}>{strings.GeneratedKeyUsageExample}</code>
      </div>
    </div>
  );
};

const CONFIRM_DIALOG_WIDTH = 'min(460px, calc(100vw - 32px))';

export interface ICloseUncopiedDialogProps {
  hidden: boolean;
  /** Back to the key. */
  onBack: () => void;
  /** Close anyway: the key is gone for good. */
  onConfirm: () => void;
}

/** "Close without copying?": the key cannot be shown again. */
export const CloseUncopiedDialog: React.FC<ICloseUncopiedDialogProps> = ({ hidden, onBack, onConfirm }) => (
  <Dialog
    hidden={hidden}
    onDismiss={onBack}
    dialogContentProps={{ type: DialogType.normal, title: strings.CloseUncopiedTitle, subText: strings.CloseUncopiedText }}
    modalProps={{ isBlocking: true }}
    // Fluent's 340 px default wraps "Go back" and "Close without copying" onto two lines.
    minWidth={CONFIRM_DIALOG_WIDTH}
    maxWidth={CONFIRM_DIALOG_WIDTH}
  >
    <DialogFooter>
      <PrimaryButton text={strings.CloseUncopiedBack} onClick={onBack} />
      <DefaultButton text={strings.CloseUncopiedConfirm} onClick={onConfirm} />
    </DialogFooter>
  </Dialog>
);
