import type { KeyRecord } from '../../core';

export interface IKeysSectionProps {
  /** Every record read from the store (empty while loading). */
  records: KeyRecord[];
  /** True until the first read answers: the list shows shimmer rows. */
  loading: boolean;
  /** Whether the user may act on keys: shows the command bar and row selection. */
  isAdmin: boolean;
  /** Opens the Generate panel. */
  onGenerate: () => void;
  /** Opens the Edit panel for the selected key. */
  onEdit: (record: KeyRecord) => void;
  /** Opens the Revoke dialog for the selected (active) key. */
  onRevoke: (record: KeyRecord) => void;
  /** Reads the keys again. */
  onRefresh: () => void;
  /** Copies a key's last 12 characters. */
  onCopyTail: (record: KeyRecord) => void;
}
