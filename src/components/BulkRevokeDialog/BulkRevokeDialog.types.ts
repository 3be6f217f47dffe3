import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IBulkRevokeDialogProps {
  /** Where the keys are revoked. */
  store: KeyStore;
  /** The active keys to revoke, as the page last read them (each one's ETag guards its write). */
  records: KeyRecord[];
  /** Called with each record as stored once it is revoked (before the others are done). */
  onRevoked: (record: KeyRecord) => void;
  /** Called when every key was revoked: the page closes the dialog and announces it. */
  onAllRevoked: (records: KeyRecord[]) => void;
  /** Called when the dialog is closed (before revoking, or after reading a partial failure). */
  onDismiss: () => void;
}
