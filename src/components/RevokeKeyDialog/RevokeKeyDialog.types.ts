import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IRevokeKeyDialogProps {
  /** Where the key is revoked. */
  store: KeyStore;
  /** The key to revoke, as the page last read it (its ETag guards the write). */
  record: KeyRecord;
  /** Called with the revoked record once saved. */
  onRevoked: (record: KeyRecord) => void;
  /** Called when someone else changed the key: the page closes the dialog and reloads the list. */
  onReload: () => void;
  /** Called when the dialog is closed without revoking. */
  onDismiss: () => void;
}
