import type { KeyRecord, Person } from './keyRecord.types';

/** Every error the product raises on purpose; `kind` is what the UI maps to a message, in one place. */
export type ErrorKind =
  | 'validation'
  | 'already-revoked'
  | 'malformed-key'
  | 'conflict'
  | 'not-found'
  | 'forbidden'
  | 'throttled'
  | 'not-provisioned'
  /** A roll created the replacement but could not end the old key: both work until an admin ends the old one. */
  | 'roll-incomplete';

/** What support needs to find a failed request in SharePoint's logs (the admin center's "Copy details"). */
export interface RequestDetails {
  /** The HTTP status SharePoint or Graph answered. */
  status?: number;
  /** SharePoint's correlation id (`SPRequestGuid` header) or Graph's `request-id`. */
  correlationId?: string;
  /** When the failure was seen. */
  time: Date;
}

export abstract class KeyManagementError extends Error {
  public abstract readonly kind: ErrorKind;
  /** Set by the data layer when the error came from an HTTP answer. */
  public requestDetails?: RequestDetails;
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
    // Keeps `instanceof` working when compiled to ES5 (SPFx's target).
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export type ValidationCode =
  | 'name-empty'
  | 'name-too-long'
  | 'name-control-characters'
  | 'permission-invalid'
  | 'immutable-field'
  | 'expiry-invalid'
  | 'expiry-in-past'
  /** A new expiry must be earlier than the current one: an expiry is only ever brought forward. */
  | 'expiry-not-earlier'
  /** A revoked key is final: nothing about it changes any more. */
  | 'key-revoked'
  /** The key has expired already: there is nothing left to bring forward or roll. */
  | 'key-expired'
  /** The key's history shows tampering: it is refused everywhere, and its name, permission and expiry cannot be trusted to copy. */
  | 'key-tampered'
  /** A rolled key's grace period is at most ROLL_GRACE_MAX_DAYS days. */
  | 'grace-too-long';

/** Input the user can correct: `field` says where, `code` says what. */
export class ValidationError extends KeyManagementError {
  public readonly kind = 'validation' as const;
  public constructor(public readonly field: string, public readonly code: ValidationCode, message: string) {
    super(message);
  }
}

/** Revoking twice: says who revoked the key and when, so the admin knows nothing is left to do. */
export class AlreadyRevokedError extends KeyManagementError {
  public readonly kind = 'already-revoked' as const;
  public constructor(public readonly keyId: number, public readonly revokedBy: Person | undefined, public readonly revokedAt: Date | undefined) {
    super(
      `This key was already revoked${revokedBy ? ` by ${revokedBy.displayName}` : ''}${revokedAt ? ` on ${revokedAt.toISOString()}` : ''}; a revocation cannot be undone or repeated.`
    );
  }
}

export type MalformedKeyReason = 'missing' | 'wrong-prefix' | 'wrong-length' | 'bad-character' | 'bad-checksum';

/** A presented key that cannot be one of ours: caught before any lookup. */
export class MalformedKeyError extends KeyManagementError {
  public readonly kind = 'malformed-key' as const;
  public constructor(public readonly reason: MalformedKeyReason, message: string) {
    super(message);
  }
}

/** Someone else changed the item since it was read (HTTP 412): nothing was overwritten. */
export class ConflictError extends KeyManagementError {
  public readonly kind = 'conflict' as const;
  /** The record as it is now on the server, when it could be read back. */
  public constructor(public readonly keyId: number, public readonly current?: KeyRecord) {
    super('Someone else changed this key after you opened it. Nothing was overwritten: review the current values and try again.');
  }
}

export class NotFoundError extends KeyManagementError {
  public readonly kind = 'not-found' as const;
  public constructor(public readonly keyId: number | string) {
    super(`API key ${keyId} no longer exists.`);
  }
}

/** The signed-in identity may not do this: the store's own permissions said no. */
export class ForbiddenError extends KeyManagementError {
  public readonly kind = 'forbidden' as const;
  public constructor(message: string = 'Access denied: your account has no permission on the API key list.') {
    super(message);
  }
}

/** SharePoint kept answering 429/503 after every retry. */
export class ThrottledError extends KeyManagementError {
  public readonly kind = 'throttled' as const;
  public constructor(public readonly retryAfterSeconds?: number) {
    super(
      `SharePoint is throttling requests${retryAfterSeconds !== undefined ? ` (retry after ${retryAfterSeconds} s)` : ''}. Nothing was lost; try again in a moment.`
    );
  }
}

export type NotProvisionedReason =
  | 'missing-list'
  | 'missing-column'
  | 'wrong-column-type'
  | 'inherited-permissions'
  | 'unsafe-settings'
  /** Someone other than the Global Administrator principal (and the verifier's app, read) can write the list. */
  | 'exposed'
  /** A list of that name exists but was not created by provisioning (squatted): it is never adopted. */
  | 'not-ours'
  /** The store configured here is not the tenant's store (tenant setting). */
  | 'wrong-store'
  /** The tenant setting that names the key site (ApiKeyManagement.Store) is missing or malformed. */
  | 'tenant-setting'
  /** The list exists but the tenant setting does not pin it by id yet. */
  | 'unpinned';

/** The hidden list is missing or not as it must be; `fix` says what to do about it. */
export class NotProvisionedError extends KeyManagementError {
  public readonly kind = 'not-provisioned' as const;
  public constructor(
    public readonly reason: NotProvisionedReason,
    message: string,
    public readonly fix: string,
    /** For 'exposed': the principals (display name and login name) that hold more than read. */
    public readonly principals: string[] = []
  ) {
    super(message);
  }
}

/**
 * A roll made the replacement but the second write, which ends the old key (revoke it, or bring its expiry forward),
 * failed: the old key still works as before. Carries ids only, never the new key (the roll's result carries that).
 */
export class RollIncompleteError extends KeyManagementError {
  public readonly kind = 'roll-incomplete' as const;
  public constructor(
    public readonly oldKeyId: number,
    public readonly newKeyId: number,
    /** What the roll was to do to the old key: revoke it now, or end it at this instant. */
    public readonly oldKeyEnds: 'now' | Date,
    /** Why the second write failed (ConflictError, ThrottledError, ...). */
    public readonly reason: unknown
  ) {
    super(
      `The replacement key ${newKeyId} was created, but the old key ${oldKeyId} could not be ${oldKeyEnds === 'now' ? 'revoked' : `set to end on ${oldKeyEnds.toISOString()}`}: it is still active. ${
        oldKeyEnds === 'now' ? 'Revoke it' : 'Bring its expiry forward or revoke it'
      } once clients use the new key.`
    );
  }
}

export function isKeyManagementError(error: unknown): error is KeyManagementError {
  return error instanceof KeyManagementError;
}
