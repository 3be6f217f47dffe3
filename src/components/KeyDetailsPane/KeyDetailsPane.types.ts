import type { KeyHistoryEvent, KeyRecord } from '../../core';

export interface IKeyDetailsPaneProps {
  /** The key shown; follows the list's copy of it, so a rename or revoke appears at once. */
  record: KeyRecord;
  /** Whether Edit and Revoke are offered (active Global Administrators only). */
  isAdmin: boolean;
  /** Opens the Edit panel for this key. */
  onEdit: (record: KeyRecord) => void;
  /** Opens the Revoke dialog for this key. */
  onRevoke: (record: KeyRecord) => void;
  /** Opens the Roll panel for this key; absent: no Roll action. */
  onRoll?: (record: KeyRecord) => void;
  /** Opens the Bring expiry forward dialog for this key; absent: no such action. */
  onBringExpiryForward?: (record: KeyRecord) => void;
  /** Copies the key's last 12 characters; resolves to whether the clipboard took them. */
  onCopyTail: (record: KeyRecord) => Promise<boolean>;
  /** Closes the pane. */
  onDismiss: () => void;
  /** Reads a key's history from the list's version history (KeyStore.keyHistory), oldest first. */
  loadHistory: (id: number) => Promise<KeyHistoryEvent[]>;
}
