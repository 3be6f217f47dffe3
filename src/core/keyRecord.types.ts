import type { Permission } from './permission';

export type KeyStatus = 'Active' | 'Revoked';

/** What the page shows and the verifier enforces: an Active key past its expiry is Expired (derived from the date, never stored). */
export type EffectiveKeyStatus = KeyStatus | 'Expired';

/** A SharePoint user as the store knows it: the site user id and what a person sees. */
export interface Person {
  /** SharePoint site user id (AuthorId / RevokedById). */
  id: number;
  displayName: string;
  /** E-mail or UPN when the store returned it. */
  email?: string;
}

/**
 * Why a record cannot be trusted as it stands: its Status is not exactly one of the two legal forms,
 * or its version history shows a change no legitimate write makes (permission or hash changed, a
 * revocation undone, an expiry pushed later or removed, the key it replaced changed after its creation). Such a key is refused everywhere and its row is flagged.
 */
export type KeyIntegrityReason = 'malformed-status' | 'permission-changed' | 'hash-changed' | 'revived' | 'expiry-extended' | 'rolled-from-changed' | 'unreadable-history';

export interface KeyIntegrityProblem {
  reason: KeyIntegrityReason;
  /** Plain words for the admin: what changed, from what to what. */
  detail: string;
  /** Who made the offending change, when the history says. */
  changedBy?: Person;
  changedAt?: Date;
}

/** One API key as stored: never the key itself, only its SHA-256 hash and its last 12 characters. */
export interface KeyRecord {
  /** SharePoint list item id. */
  id: number;
  name: string;
  /** Last 12 characters of the key: an identifier, not a secret. */
  tail: string;
  /** Lower-case hex SHA-256 of the whole key. */
  hash: string;
  permission: Permission;
  status: KeyStatus;
  /** When the key stops working; none: it works until revoked. Fixed at generation, except that it may be brought forward. */
  expires?: Date;
  created: Date;
  createdBy: Person;
  /** The id of the key this one replaced when it was rolled (set at creation, never changed); none: generated. */
  rolledFromId?: number;
  revokedAt?: Date;
  revokedBy?: Person;
  /** When a verifier last accepted this key (recorded at most once per key per five minutes); absent: never used. */
  lastUsed?: Date;
  /** When the item last changed (SharePoint's Modified), when the store read it. */
  modified?: Date;
  /** Who last changed the item (SharePoint's Editor): shown when a write lost a race to them. */
  modifiedBy?: Person;
  /** Set when the record or its history shows tampering: the key is refused and the row flagged. */
  integrity?: KeyIntegrityProblem;
  /** The item's ETag as SharePoint returned it (for example "\"3\""), sent back as IF-Match on writes. */
  etag: string;
}
