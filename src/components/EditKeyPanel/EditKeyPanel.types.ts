import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface IEditKeyPanelProps {
  /** Where the key is renamed. */
  store: KeyStore;
  /** The key being edited, as the page last read it (its ETag guards the write). */
  record: KeyRecord;
  /** Called with the renamed record once saved. */
  onSaved: (record: KeyRecord) => void;
  /** Called when someone else changed the key: the page closes the panel and reloads the list. */
  onReload: () => void;
  /** Called when the panel is closed without saving. */
  onDismiss: () => void;
}
