import type { KeyIntegrityReason, Person } from './keyRecord.types';
import type { Permission } from './permission';

/** What every entry of a key's history carries: the version that recorded it, and SharePoint's own who and when. */
interface KeyHistoryEventBase {
  /** The list item's major version that recorded the change (1 for the version that created the key). */
  version: number;
  /** When SharePoint recorded that version (server time). */
  at?: Date;
  /** Who wrote that version, as SharePoint recorded it (never a column a writer could set). */
  by?: Person;
}

/** The key was generated: its first name and the permission it was created with. */
export interface KeyCreatedEvent extends KeyHistoryEventBase {
  kind: 'created';
  name: string;
  /** Absent when the first version's Permission is not one of the two legal values. */
  permission?: Permission;
}

export interface KeyRenamedEvent extends KeyHistoryEventBase {
  kind: 'renamed';
  from: string;
  to: string;
}

/** The first version whose Status is exactly Revoked. */
export interface KeyRevokedEvent extends KeyHistoryEventBase {
  kind: 'revoked';
}

/**
 * A change no legitimate write makes, as its own entry (the same reasons as KeyRecord.integrity). `from` and `to` by
 * reason: permission-changed: the Permission values; hash-changed: the key endings; malformed-status: `to` is the
 * Status as written ('' when empty); revived: `from` is the version that had revoked it; unreadable-history: the
 * first and last deleted version numbers, when known; expiry-extended: the expiries as stored ('' for none);
 * rolled-from-changed: the item ids ('' for none).
 */
export interface KeyTamperedEvent extends KeyHistoryEventBase {
  kind: 'tampered';
  reason: KeyIntegrityReason;
  from?: string;
  to?: string;
}

/** A version moved the expiry earlier (or set one where there was none): the key stops working sooner. */
export interface KeyExpiryBroughtForwardEvent extends KeyHistoryEventBase {
  kind: 'expiry-brought-forward';
  /** The expiry before; absent: the key had none. */
  from?: Date;
  to: Date;
}

/** What the history knows of another key it links to: its item id, and its name and key ending when it could be read. */
export interface LinkedKey {
  id: number;
  name?: string;
  tail?: string;
}

/** On a rolled key's first version: the key it replaced (its RolledFromId). */
export interface KeyRolledFromEvent extends KeyHistoryEventBase {
  kind: 'rolled-from';
  from: LinkedKey;
}

/**
 * On a key that was rolled: its replacement (an item whose RolledFromId is this key's id), when and by whom that was
 * created, and what became of this key: revoked, or ending at `ends` (none: still active without an end, as after a
 * roll whose second write failed). `version` is this key's version in force when it was rolled.
 */
export interface KeyRolledToEvent extends KeyHistoryEventBase {
  kind: 'rolled-to';
  to: LinkedKey;
  revoked: boolean;
  ends?: Date;
}

/** One entry of a key's history, read from the list's version history. */
export type KeyHistoryEvent =
  | KeyCreatedEvent
  | KeyRenamedEvent
  | KeyExpiryBroughtForwardEvent
  | KeyRolledFromEvent
  | KeyRolledToEvent
  | KeyRevokedEvent
  | KeyTamperedEvent;
