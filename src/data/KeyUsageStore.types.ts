/** One key's latest accepted use, as the verifier aggregated it. Never the key: its item id and last 12 characters. */
export interface KeyUse {
  /** The key's item id in the key list. */
  keyId: number;
  /** The key's last 12 characters (the usage item's Title, for humans). */
  tail: string;
  lastUsed: Date;
}

export interface KeyUsageWriteResult {
  /** Items created or updated (requests that changed SharePoint). */
  written: number;
  /** Uses not written (throttled past the attempts, conflicts that kept failing, errors): retry them later. */
  failed: KeyUse[];
  /** Uses already covered by a later or equal LastUsed in the list: nothing sent. */
  skipped: number;
}

/** Writes last-used times (the verifier's side). Keeps the maximum per key: an older time never replaces a newer one. */
export interface KeyUsageWriter {
  recordUse(uses: KeyUse[]): Promise<KeyUsageWriteResult>;
}

/** What the page learns of the usage list beside the keys. */
export type KeyUsageState =
  /** Read: keys never used have no lastUsed. */
  | 'ok'
  /** The usage list does not exist (or the reader may not see it): run "Set up the key list" in the page. */
  | 'missing'
  /** It exists but could not be read now (throttled, network): keys come without lastUsed. */
  | 'unavailable'
  /** A list under its title that set-up did not make (no marker) or that inherits the site's permissions: not read. */
  | 'untrusted'
  /** The store was not given a usage reader. */
  | 'not-configured';

export interface KeyUsageSnapshot {
  state: KeyUsageState;
  /** By key item id. Empty unless state is 'ok'. */
  lastUsed: Map<number, Date>;
}

/** Reads every key's last-used time (the page's side). Never throws: a missing or unreadable list is a state. */
export interface KeyUsageReader {
  readAll(): Promise<KeyUsageSnapshot>;
}

/** Both halves, as one store over the usage list. */
export interface KeyUsageStore extends KeyUsageWriter, KeyUsageReader {}

/** The usage list is missing: the verifier says so once and keeps verifying keys. */
export class UsageListMissingError extends Error {
  public constructor(message: string = 'usage list missing: run set-up in the page ("Set up the key list")') {
    super(message);
    this.name = 'UsageListMissingError';
    Object.setPrototypeOf(this, UsageListMissingError.prototype);
  }
}
