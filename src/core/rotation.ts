import { ValidationError } from './errors';
import { isExpired } from './expiry';
import type { KeyRecord } from './keyRecord.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest an old key may keep working after a roll (GitHub, Stripe and Unkey offer up to 7 days in their UIs). */
export const ROLL_GRACE_MAX_DAYS = 7;

/**
 * How far in the past "now" may be when it reaches the store: the page computes it, then the request travels and
 * may be retried. An expiry earlier than this is a mistake, not "end it now".
 */
export const EXPIRY_NOW_TOLERANCE_MS = 60 * 1000;

/** What happens to the old key when it is rolled: revoked at once, or it keeps working until `oldKeyEnds` (then expires). */
export type RollOptions = { oldKeyEnds: 'now' } | { oldKeyEnds: Date };

/** SharePoint keeps a date and time to the second: the instant as it will be stored (never later than asked). */
export function toStoredSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** Why nothing about this key may change any more (revoked, expired or tampered), or undefined when it may. */
export function unchangeableReason(record: Pick<KeyRecord, 'status' | 'expires' | 'integrity'>, now: Date): 'key-revoked' | 'key-expired' | 'key-tampered' | undefined {
  if (record.status !== 'Active') return 'key-revoked';
  if (record.integrity) return 'key-tampered';
  if (isExpired(record, now)) return 'key-expired';
  return undefined;
}

function refuseUnchangeable(record: Pick<KeyRecord, 'status' | 'expires' | 'integrity'>, now: Date): void {
  switch (unchangeableReason(record, now)) {
    case 'key-revoked':
      throw new ValidationError('expires', 'key-revoked', 'This key is revoked: nothing about it can change any more.');
    case 'key-tampered':
      throw new ValidationError('expires', 'key-tampered', "This key's history shows tampering: it is refused everywhere and cannot be changed or rolled.");
    case 'key-expired':
      throw new ValidationError('expires', 'key-expired', 'This key has expired already.');
    default:
  }
}

/**
 * The expiry a key may be given instead of its current one, as it will be stored (to the second): only earlier
 * than the current expiry (any future instant when there is none), never in the past beyond EXPIRY_NOW_TOLERANCE_MS
 * ("now" ends the key now). Refuses a revoked, expired or tampered key. Throws ValidationError on field 'expires'.
 */
export function validateBroughtForward(record: Pick<KeyRecord, 'status' | 'expires' | 'integrity'>, expires: Date, now: Date): Date {
  if (!(expires instanceof Date) || isNaN(expires.getTime())) {
    throw new ValidationError('expires', 'expiry-invalid', 'The new expiry must be a valid date.');
  }
  refuseUnchangeable(record, now);
  const stored = toStoredSecond(expires);
  if (stored.getTime() < now.getTime() - EXPIRY_NOW_TOLERANCE_MS) {
    throw new ValidationError('expires', 'expiry-in-past', 'The new expiry is in the past: choose now or a later time.');
  }
  if (record.expires !== undefined && stored.getTime() >= record.expires.getTime()) {
    throw new ValidationError('expires', 'expiry-not-earlier', `The new expiry must be earlier than the current one (${record.expires.toISOString()}): an expiry can only be brought forward.`);
  }
  return stored;
}

/** A key's lifetime at creation in whole days (at least one): `expires − created`, rounded to the nearest day. */
export function lifetimeInDays(created: Date, expires: Date): number {
  return Math.max(1, Math.round((expires.getTime() - created.getTime()) / DAY_MS));
}

/**
 * The replacement's expiry under the old key's policy: none stays none; otherwise the same lifetime the old key was
 * given at creation (its first version's expiry − its creation, in whole days) counted as a duration from `now`, so a
 * daylight-saving change neither lengthens nor shortens it (the same rule as the Generate panel's presets).
 */
export function rolledKeyExpiry(original: { created: Date; expires?: Date }, now: Date): Date | undefined {
  if (original.expires === undefined) {
    return undefined;
  }
  return new Date(now.getTime() + lifetimeInDays(original.created, original.expires) * DAY_MS);
}

/**
 * Checks a roll before anything is written: the old key is Active, unexpired and untampered, and its end is 'now' or
 * an instant from now to ROLL_GRACE_MAX_DAYS days ahead. Returns the end as it will be stored (to the second).
 * Throws ValidationError (field 'oldKeyEnds' for the end, 'expires' for the key's state).
 */
export function validateRoll(record: Pick<KeyRecord, 'status' | 'expires' | 'integrity'>, options: RollOptions, now: Date): 'now' | Date {
  refuseUnchangeable(record, now);
  const ends = options ? options.oldKeyEnds : undefined;
  if (ends === 'now') {
    return 'now';
  }
  if (!(ends instanceof Date) || isNaN(ends.getTime())) {
    throw new ValidationError('oldKeyEnds', 'expiry-invalid', "Choose when the old key stops working: now, or a date within 7 days.");
  }
  const stored = toStoredSecond(ends);
  if (stored.getTime() <= now.getTime()) {
    throw new ValidationError('oldKeyEnds', 'expiry-in-past', "The old key's end is in the past: choose now or a later time.");
  }
  if (stored.getTime() > now.getTime() + ROLL_GRACE_MAX_DAYS * DAY_MS + EXPIRY_NOW_TOLERANCE_MS) {
    throw new ValidationError('oldKeyEnds', 'grace-too-long', `The old key may keep working for at most ${ROLL_GRACE_MAX_DAYS} days after a roll.`);
  }
  return stored;
}

/** The instant `days` whole 24-hour days after `now` (the page's "in N days": a duration, like the expiry presets). */
export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}
