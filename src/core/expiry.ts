import { ValidationError } from './errors';
import type { EffectiveKeyStatus, KeyRecord } from './keyRecord.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key expiring within this many days is flagged in the list. */
export const EXPIRY_WARNING_DAYS = 14;

export const EXPIRY_PRESET_DAYS = [7, 30, 90, 365] as const;
export type ExpiryPresetDays = typeof EXPIRY_PRESET_DAYS[number];

/** What the admin picks in the Generate panel. `date` is a calendar day, YYYY-MM-DD, in the admin's time zone. */
export type ExpiryChoice = { kind: 'none' } | { kind: 'days'; days: ExpiryPresetDays } | { kind: 'date'; date: string };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a key chosen now stops working, or undefined for no expiry.
 * - N days: exactly N × 24 hours from now. A duration, not a wall-clock time, so a daylight-saving change in
 *   between neither lengthens nor shortens a key's life and every time zone computes the same instant.
 * - A date: the key works through that whole day where the admin is, so it stops at the first instant of the
 *   next local day (local midnight, or 01:00 where the clocks jump at midnight). `timeZone` is an IANA name;
 *   by default the runtime's, which is the admin's own since the page runs in their browser.
 * Throws ValidationError on field 'expires' for an impossible date, or one whose end is not after `now`.
 */
export function expiryFor(choice: ExpiryChoice, now: Date, timeZone?: string): Date | undefined {
  if (isNaN(now.getTime())) {
    throw new RangeError('The current time must be a valid date.');
  }
  switch (choice.kind) {
    case 'none':
      return undefined;
    case 'days':
      if ((EXPIRY_PRESET_DAYS as readonly number[]).indexOf(choice.days) < 0) {
        throw new ValidationError('expires', 'expiry-invalid', `Choose an expiry of ${EXPIRY_PRESET_DAYS.join(', ')} days, a date, or none.`);
      }
      return new Date(now.getTime() + choice.days * DAY_MS);
    case 'date':
      return endOfLocalDay(choice.date, now, timeZone);
    default:
      throw new ValidationError('expires', 'expiry-invalid', 'Choose an expiry: a number of days, a date, or none.');
  }
}

/** The wall-clock time in `zone` at `instant`, as if that wall clock were UTC (milliseconds, to the second). */
function wallClock(instant: number, format: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    parts[part.type] = Number(part.value);
  }
  // hour12: false prints midnight as 24 in some engines.
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** The first instant whose wall clock in the zone reads `wall` or later: local midnight, or the end of a gap skipping it. */
function firstInstantAtOrAfter(wall: number, format: Intl.DateTimeFormat): number {
  // Two passes find the instant whenever that wall time exists (the offset at the guess may differ from the one after).
  let instant = wall - (wallClock(wall, format) - wall);
  instant = wall - (wallClock(instant, format) - instant);
  if (wallClock(instant, format) === wall) {
    return instant;
  }
  // The wall time was skipped (clocks jumped over it): search the transition, offsets change by at most a few hours.
  let low = instant - 3 * 60 * 60 * 1000;
  let high = instant + 3 * 60 * 60 * 1000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (wallClock(middle, format) >= wall) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

function endOfLocalDay(text: string, now: Date, timeZone: string | undefined): Date {
  const match = DATE_PATTERN.exec(text);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  const day = match ? Number(match[3]) : NaN;
  const start = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: a date that does not round-trip does not exist.
  if (!match || isNaN(start.getTime()) || start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) {
    throw new ValidationError('expires', 'expiry-invalid', `"${text}" is not a date: choose a day in the calendar.`);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    throw new ValidationError('expires', 'expiry-invalid', `"${String(timeZone)}" is not a time zone.`);
  }
  const end = new Date(firstInstantAtOrAfter(Date.UTC(year, month - 1, day + 1), format));
  if (end.getTime() <= now.getTime()) {
    throw new ValidationError('expires', 'expiry-in-past', 'This date has passed: choose today or a later day.');
  }
  return end;
}

/** Throws ValidationError on field 'expires' unless `expires` is a valid instant after `now` (a key must be born alive). */
export function validateExpiry(expires: Date | undefined, now: Date): Date | undefined {
  if (expires === undefined) {
    return undefined;
  }
  if (!(expires instanceof Date) || isNaN(expires.getTime())) {
    throw new ValidationError('expires', 'expiry-invalid', 'The expiry must be a valid date.');
  }
  if (expires.getTime() <= now.getTime()) {
    throw new ValidationError('expires', 'expiry-in-past', 'The expiry must be in the future.');
  }
  return new Date(expires.getTime());
}

/** Whether the key has reached its expiry at `now` (the expiry instant itself is already expired). */
export function isExpired(record: Pick<KeyRecord, 'expires'>, now: Date | number): boolean {
  const at = typeof now === 'number' ? now : now.getTime();
  return record.expires !== undefined && at >= record.expires.getTime();
}

/** Revoked wins over Expired: a revocation is the admin's act and says who and when; an expiry is only a date. */
export function effectiveStatus(record: Pick<KeyRecord, 'status' | 'expires'>, now: Date | number): EffectiveKeyStatus {
  if (record.status !== 'Active') {
    return 'Revoked';
  }
  return isExpired(record, now) ? 'Expired' : 'Active';
}

/** An Active key that still works at `now` but stops within EXPIRY_WARNING_DAYS days: flagged so it can be rolled in time. */
export function isExpiringSoon(record: Pick<KeyRecord, 'status' | 'expires'>, now: Date | number): boolean {
  const at = typeof now === 'number' ? now : now.getTime();
  return effectiveStatus(record, at) === 'Active' && record.expires !== undefined && record.expires.getTime() - at <= EXPIRY_WARNING_DAYS * DAY_MS;
}

/**
 * Whether moving a key's expiry from `before` to `after` is allowed: only bringing it forward (to an earlier
 * instant, or from none to a date). Removing it or pushing it later would extend a key an admin already limited.
 */
export function isExpiryBroughtForward(before: Date | undefined, after: Date | undefined): boolean {
  if (after === undefined) {
    return before === undefined;
  }
  return before === undefined || after.getTime() <= before.getTime();
}
