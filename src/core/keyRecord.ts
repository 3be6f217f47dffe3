import { AlreadyRevokedError, ValidationError } from './errors';
import { isExpiryBroughtForward } from './expiry';
import type { KeyRecord, KeyStatus, Person } from './keyRecord.types';

/** SharePoint's limit for a single line of text (the list's Title column holds the name). */
export const NAME_MAX_LENGTH = 255;

export const KEY_STATUSES: readonly KeyStatus[] = ['Active', 'Revoked'];

/** Fields fixed when the key is generated: the permission can never change, the rest are SharePoint's or the key's own. */
export const IMMUTABLE_FIELDS: ReadonlyArray<'permission' | 'hash' | 'tail' | 'created' | 'createdBy' | 'rolledFromId'> = ['permission', 'hash', 'tail', 'created', 'createdBy', 'rolledFromId'];

/** Unicode Cc (C0, DEL, C1) plus the line and paragraph separators, which break a one-line label just as well. */
export function isControlCharacter(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (isControlCharacter(text.charCodeAt(i))) {
      return i;
    }
  }
  return -1;
}

/** The trimmed name, or a ValidationError on field 'name' that says what to correct. */
export function validateKeyName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) {
    throw new ValidationError('name', 'name-empty', 'Enter a name for the key, for example the app or flow that will use it.');
  }
  if (name.length > NAME_MAX_LENGTH) {
    throw new ValidationError('name', 'name-too-long', `A key name can have at most ${NAME_MAX_LENGTH} characters; this one has ${name.length}.`);
  }
  const control = firstControlCharacter(name);
  if (control !== -1) {
    const code = name.charCodeAt(control).toString(16).toUpperCase();
    throw new ValidationError(
      'name',
      'name-control-characters',
      `A key name must be a single line of visible text; character ${control + 1} is an invisible control character (U+${'0000'.slice(code.length)}${code}).`
    );
  }
  return name;
}

/**
 * The record with a new, validated name. Revoked keys may be renamed too: the name is only a label,
 * and an admin auditing old keys needs to be able to correct or clarify it after revocation.
 */
export function renameRecord(record: KeyRecord, newName: string): KeyRecord {
  return { ...record, name: validateKeyName(newName) };
}

/** The record revoked by `by` at `at`; an already revoked key throws AlreadyRevokedError saying who and when. */
export function revokeRecord(record: KeyRecord, by: Person, at: Date): KeyRecord {
  if (record.status === 'Revoked') {
    throw new AlreadyRevokedError(record.id, record.revokedBy, record.revokedAt);
  }
  if (isNaN(at.getTime())) {
    throw new RangeError('The revocation date must be a valid date.');
  }
  return { ...record, status: 'Revoked', revokedAt: new Date(at.getTime()), revokedBy: { ...by } };
}

function sameValue(field: keyof KeyRecord, before: unknown, after: unknown): boolean {
  if (before instanceof Date && after instanceof Date) {
    return before.getTime() === after.getTime();
  }
  if (field === 'createdBy' || field === 'revokedBy') {
    // A person is who they are by site user id; their display name or e-mail may legitimately be refreshed.
    const a = before as Person | undefined;
    const b = after as Person | undefined;
    return a === b || (a !== undefined && b !== undefined && a.id === b.id);
  }
  return before === after;
}

function changes(before: KeyRecord, after: Partial<KeyRecord>, field: keyof KeyRecord): boolean {
  return Object.prototype.hasOwnProperty.call(after, field) && !sameValue(field, before[field], after[field]);
}

/**
 * Throws ValidationError(field, 'immutable-field') if `after` would change what can never change:
 * permission, hash, tail, created, createdBy, the key it replaced; and, once a key is revoked, its status, revokedAt and
 * revokedBy (a revocation is irreversible). The expiry may only be brought forward. A field present in `after` with value undefined counts
 * as clearing it, hence as a change.
 */
export function assertImmutableFieldsUnchanged(before: KeyRecord, after: Partial<KeyRecord>): void {
  for (const field of IMMUTABLE_FIELDS) {
    if (changes(before, after, field)) {
      throw new ValidationError(
        field,
        'immutable-field',
        field === 'permission'
          ? "A key's permission is fixed when it is generated. To change it, generate a new key and revoke this one."
          : `"${field}" is recorded when the key is generated and can never change.`
      );
    }
  }
  if (changes(before, after, 'expires') && !isExpiryBroughtForward(before.expires, after.expires)) {
    throw new ValidationError('expires', 'immutable-field', "A key's expiry can only be brought forward, never removed or pushed later. To extend access, generate a new key.");
  }
  if (before.status === 'Revoked') {
    const revocationFields: Array<keyof KeyRecord> = ['status', 'revokedAt', 'revokedBy'];
    for (const field of revocationFields) {
      if (changes(before, after, field)) {
        throw new ValidationError(field, 'immutable-field', 'This key is revoked: a revocation cannot be undone or changed.');
      }
    }
  }
}
