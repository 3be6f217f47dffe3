import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IGenerateKeyPanelProps {
  /** Where the key is created. */
  store: KeyStore;
  /** Called once the key is saved, with its record (never the key itself), so the list can show it. */
  onCreated: (record: KeyRecord) => void;
  /** Called when the panel is closed; the parent unmounts it, which drops the key from memory. */
  onDismiss: () => void;
}
