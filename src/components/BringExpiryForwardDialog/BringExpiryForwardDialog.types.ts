import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IBringExpiryForwardDialogProps {
  /** Where the expiry is changed. */
  store: KeyStore;
  /** The key, as the page last read it (its ETag guards the write). */
  record: KeyRecord;
  /** Called with the stored record once saved. */
  onSaved: (record: KeyRecord) => void;
  /** Called when someone else changed the key: the page closes the dialog and reloads the list. */
  onReload: () => void;
  /** Called when the dialog is closed without saving. */
  onDismiss: () => void;
}
