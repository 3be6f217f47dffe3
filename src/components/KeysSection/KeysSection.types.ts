import type { KeyHistoryEvent, KeyRecord } from '../../core';

export interface IKeysSectionProps {
  /** Every record read from the store (empty while loading). */
  records: KeyRecord[];
  /** True until the first read answers: the list shows shimmer rows. */
  loading: boolean;
  /** Whether the user may act on keys: Generate, Edit, Revoke and row selection. */
  isAdmin: boolean;
  /** Opens the Generate panel. */
  onGenerate: () => void;
  /** Opens the Edit panel for a key. */
  onEdit: (record: KeyRecord) => void;
  /** Opens the Revoke dialog for one key. */
  onRevoke: (record: KeyRecord) => void;
  /** Opens the bulk Revoke dialog for the selected active keys (two or more). */
  onRevokeMany: (records: KeyRecord[]) => void;
  /** Opens the Roll panel for a key (Active, unexpired, untampered). Absent: no Roll command. */
  onRoll?: (record: KeyRecord) => void;
  /** Opens the Bring expiry forward dialog for a key. Absent: no such command. */
  onBringExpiryForward?: (record: KeyRecord) => void;
  /** A key to select when it appears in the list (the replacement a roll made); changing it selects another. */
  selectKeyId?: number;
  /** Reads the keys again. */
  onRefresh: () => void;
  /** True when the store could not read the usage list (last used): the list says Unknown rather than Never. */
  usageUnknown?: boolean;
  /** Reads a key's history for its details pane (KeyStore.keyHistory). */
  loadHistory: (id: number) => Promise<KeyHistoryEvent[]>;
}
