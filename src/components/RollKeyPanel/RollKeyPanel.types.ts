import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IRollKeyPanelProps {
  /** Where the key is rolled. */
  store: KeyStore;
  /** The key to roll, as the page last read it (its ETag guards the roll). */
  record: KeyRecord;
  /**
   * Called once the replacement exists, with its record (never the key itself) and the old key as it now stands, so
   * the list shows both and selects the new key. Called also when the old key could not be ended (the panel says so).
   */
  onRolled: (created: KeyRecord, old: KeyRecord) => void;
  /** Called when someone else changed the key before the roll: the page closes the panel and reloads the list. */
  onReload: () => void;
  /** Called when the panel is closed; the parent unmounts it, which drops the new key from memory. */
  onDismiss: () => void;
}
