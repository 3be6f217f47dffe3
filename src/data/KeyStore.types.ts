import type { ExpiryPresetDays, KeyHistoryEvent, KeyRecord, Permission, Person, RollIncompleteError, RollOptions } from '../core';
import type { KeyUsageState } from './KeyUsageStore.types';

/** The result of generating a key: the key itself exists only here, once. */
export interface CreatedKey {
  record: KeyRecord;
  /** The full key. Show it once in the Generate panel; never log, persist or send it anywhere else. */
  key: string;
}

/** What "Roll API Key" did: the replacement (shown once, like a generated key) and the old key as it now stands. */
export interface RollResult {
  /** The replacement, with the full key: show it once; never log, persist or send it anywhere else. */
  created: CreatedKey;
  /** The old key as stored after the roll: revoked, or ending at the chosen time (or still active when `incomplete`). */
  old: KeyRecord;
  /**
   * Set when the replacement was made but the old key could not be ended (conflict, throttling): the old key still
   * works as before and the admin must end it. Returned, not thrown, so that the new key is never lost.
   */
  incomplete?: RollIncompleteError;
  /**
   * Other live replacements of the same old key (RolledFromId = its id): another admin rolled it at the same time.
   * Looked up after this roll's second write, so the later roller always sees the earlier one's replacement; the
   * earlier sees the later only if it already existed. Absent when there is none. Nothing is revoked for the admin: the
   * one whose holder never gets it is a live credential, and the admin decides which one goes.
   */
  otherReplacements?: OtherReplacement[];
  /** Set when the look-up of other replacements failed (the roll itself stands): the old key's History lists them all. */
  otherReplacementsUnknown?: true;
}

/** Another admin's replacement of a key this roll replaced too. */
export interface OtherReplacement {
  id: number;
  name: string;
  /** Last 12 characters of that key: how the admins tell the two replacements apart. */
  tail: string;
  createdBy: Person;
  created: Date;
}

export interface ProvisioningReport {
  /** What was created or changed; empty when the list was already as it must be. */
  changes: string[];
  listId: string;
  schemaVersion: number;
  /** The Global Administrator principal's login name the list is granted to: give it to the verifier (adminPrincipal). */
  adminPrincipal?: string;
  /**
   * The usage list (last-used times), present when set-up changed it or found a problem: what changed, its id (grant
   * the verifier's app `write` on it, README Deploy), and `problem` with the fix. The key list is set up either way.
   */
  usage?: { changes: string[]; listId?: string; problem?: string };
}

/** Where the key records live. The page and the verifier see only this, never PnPjs. */
export interface KeyStore {
  /** Creates or repairs the hidden list (admins only); idempotent. Throws NotProvisionedError for what it must not repair itself. */
  ensureProvisioned(): Promise<ProvisioningReport>;
  /**
   * Checks, without changing anything, that the list exists, was provisioned, and is safe: nobody but the Global
   * Administrator principal can write it (role assignments and site collection administrators audited every call).
   * Throws NotProvisionedError otherwise ('exposed' names the principals).
   */
  checkProvisioned(): Promise<void>;
  /** Every record, however many, with people names expanded, and lastUsed where the usage list has it. */
  listKeys(): Promise<KeyRecord[]>;
  /**
   * After listKeys: whether last-used times could be read. 'missing': the usage list does not exist yet (a Global
   * Administrator runs "Set up the key list"); 'unavailable': it could not be read this time. Absent: 'not-configured'.
   */
  usageState?(): KeyUsageState;
  /** `expires`: when the key stops working (none: never); it must be in the future, and can afterwards only be brought forward. */
  createKey(name: string, permission: Permission, expires?: Date): Promise<CreatedKey>;
  /** The tenant's default expiry for new keys (the tenant setting's defaultExpiryDays); absent or undefined: none. */
  defaultExpiryDays?(): Promise<ExpiryPresetDays | undefined>;
  renameKey(id: number, name: string, etag: string): Promise<KeyRecord>;
  revokeKey(id: number, etag: string): Promise<KeyRecord>;
  /**
   * Moves a key's expiry earlier (or gives it one): ETag-checked like renameKey; only earlier than the current expiry,
   * never in the past beyond EXPIRY_NOW_TOLERANCE_MS (now ends the key now); a revoked, expired or tampered key cannot change.
   */
  bringExpiryForward(id: number, expires: Date, etag: string): Promise<KeyRecord>;
  /**
   * Replaces a key: creates a key with the same name, permission and expiry policy (RolledFromId = id), then revokes the
   * old key ('now') or brings its expiry forward to `oldKeyEnds` (at most 7 days ahead; an end later than its own
   * expiry keeps that). The ETag is checked before anything is written.
   */
  rollKey(id: number, etag: string, options: RollOptions): Promise<RollResult>;
  /** One indexed lookup by the SHA-256 hex of a key. */
  findByHash(hash: string): Promise<KeyRecord | undefined>;
  /**
   * A key's history from the list's version history, oldest first: created, renamed, expiry brought forward, revoked,
   * the keys it was rolled from and to, and tampering as entries of its own.
   */
  keyHistory(id: number): Promise<KeyHistoryEvent[]>;
}

export type AdminRoleResult =
  | { isGlobalAdmin: true }
  | {
      isGlobalAdmin: false;
      /** not-assigned: no active Global Administrator role; grant-missing: Graph hid role details (RoleManagement.Read.Directory not approved); error: the check failed. */
      reason: 'not-assigned' | 'grant-missing' | 'error';
      detail?: string;
    };

/** Whether the signed-in user is an active Entra Global Administrator. Fails closed. */
export interface AdminRoleChecker {
  check(): Promise<AdminRoleResult>;
}

/** A page of the list's change log, read with a change token (SharePoint's GetChanges). */
export interface KeyChanges {
  /** Pass this back to read the next changes. */
  token: string;
  /** Ids of items added, updated or deleted since the previous token. */
  itemIds: number[];
}

/** Lets a verifier learn of revocations within seconds instead of at cache expiry. */
export interface KeyChangeFeed {
  /** The list's current change token (nothing before it will be reported). */
  currentChangeToken(): Promise<string>;
  changesSince(token: string): Promise<KeyChanges>;
}
