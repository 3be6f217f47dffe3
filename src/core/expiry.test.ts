import { validationCodeOf } from './testing/validation';
import { effectiveStatus, expiryFor, isExpired, isExpiringSoon, isExpiryBroughtForward, validateExpiry } from './expiry';
import { assertImmutableFieldsUnchanged } from './keyRecord';
import { makeRecord } from './testing/recordFixtures';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const codeOf = validationCodeOf;

describe('expiryFor: presets are exact durations', () => {
  it.each([7, 30, 90, 365] as const)('%i days is exactly that many 24-hour days after now', (days) => {
    const now = new Date(Date.UTC(2026, 0, 15, 9, 30, 12, 345));
    expect(expiryFor({ kind: 'days', days }, now)!.getTime() - now.getTime()).toBe(days * DAY);
  });

  it('across a daylight-saving change the key lives exactly 7 × 24 h, whatever the zone (Paris, spring forward 2026-03-29)', () => {
    const now = new Date('2026-03-25T10:00:00Z');
    const inParis = expiryFor({ kind: 'days', days: 7 }, now, 'Europe/Paris');
    const inAuckland = expiryFor({ kind: 'days', days: 7 }, now, 'Pacific/Auckland');
    expect(inParis!.toISOString()).toBe('2026-04-01T10:00:00.000Z');
    expect(inAuckland!.toISOString()).toBe(inParis!.toISOString());
  });

  it('refuses a time zone that does not exist', () => {
    expect(codeOf(() => expiryFor({ kind: 'date', date: '2026-01-20' }, new Date('2026-01-10T12:00:00Z'), 'Mars/Olympus'))).toBe('expires:expiry-invalid');
  });

  it('none is no expiry; an unknown number of days is refused', () => {
    expect(expiryFor({ kind: 'none' }, new Date())).toBeUndefined();
    expect(codeOf(() => expiryFor({ kind: 'days', days: 14 as 7 }, new Date()))).toBe('expires:expiry-invalid');
  });
});

describe('expiryFor: a date means the whole of that day where the admin is', () => {
  it('stops at the next local midnight in Paris (winter, UTC+1) and in New York (UTC-5)', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(expiryFor({ kind: 'date', date: '2026-01-20' }, now, 'Europe/Paris')!.toISOString()).toBe('2026-01-20T23:00:00.000Z');
    expect(expiryFor({ kind: 'date', date: '2026-01-20' }, now, 'America/New_York')!.toISOString()).toBe('2026-01-21T05:00:00.000Z');
  });

  it('the day before a spring-forward change is 23 hours long: it still ends at local midnight (Paris, 2026-03-29 ends at 22:00Z)', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(expiryFor({ kind: 'date', date: '2026-03-28' }, now, 'Europe/Paris')!.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(expiryFor({ kind: 'date', date: '2026-03-29' }, now, 'Europe/Paris')!.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('an autumn fall-back day is 25 hours long and still ends at local midnight (Paris, 2026-10-25)', () => {
    const now = new Date('2026-10-01T12:00:00Z');
    expect(expiryFor({ kind: 'date', date: '2026-10-25' }, now, 'Europe/Paris')!.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('where clocks jump at midnight (São Paulo, 2018-11-04 00:00 → 01:00), the day ends at the first instant that exists', () => {
    const now = new Date('2018-10-01T12:00:00Z');
    expect(expiryFor({ kind: 'date', date: '2018-11-03' }, now, 'America/Sao_Paulo')!.toISOString()).toBe('2018-11-04T03:00:00.000Z');
  });

  it('a zone ahead of UTC by more than 12 h (Kiribati, UTC+14) ends the day before UTC does', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    expect(expiryFor({ kind: 'date', date: '2026-05-02' }, now, 'Pacific/Kiritimati')!.toISOString()).toBe('2026-05-02T10:00:00.000Z');
  });

  it('today is accepted until it ends; yesterday is refused', () => {
    const now = new Date('2026-06-10T21:59:00Z'); // 23:59 in Paris
    expect(expiryFor({ kind: 'date', date: '2026-06-10' }, now, 'Europe/Paris')!.toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(codeOf(() => expiryFor({ kind: 'date', date: '2026-06-09' }, now, 'Europe/Paris'))).toBe('expires:expiry-in-past');
    expect(codeOf(() => expiryFor({ kind: 'date', date: '2026-06-10' }, new Date('2026-06-10T22:00:00Z'), 'Europe/Paris'))).toBe('expires:expiry-in-past');
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-6-1', '10/06/2026', '', '2026-06-10T00:00'])('refuses %p as not a date', (date) => {
    expect(codeOf(() => expiryFor({ kind: 'date', date }, new Date('2026-01-01T00:00:00Z')))).toBe('expires:expiry-invalid');
  });

  it('accepts 29 February in a leap year', () => {
    expect(expiryFor({ kind: 'date', date: '2028-02-29' }, new Date('2026-01-01T00:00:00Z'), 'UTC')!.toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });
});

describe('validateExpiry', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('keeps a future instant (as a copy) and no expiry', () => {
    const later = new Date('2026-01-01T00:00:01Z');
    expect(validateExpiry(later, now)!.getTime()).toBe(later.getTime());
    expect(validateExpiry(later, now)).not.toBe(later);
    expect(validateExpiry(undefined, now)).toBeUndefined();
  });
  it('refuses now, the past and an invalid date', () => {
    expect(codeOf(() => validateExpiry(now, now))).toBe('expires:expiry-in-past');
    expect(codeOf(() => validateExpiry(new Date('2025-01-01T00:00:00Z'), now))).toBe('expires:expiry-in-past');
    expect(codeOf(() => validateExpiry(new Date('nope'), now))).toBe('expires:expiry-invalid');
  });
});

describe('effectiveStatus and the 14-day warning', () => {
  const expires = new Date('2026-03-01T00:00:00Z');
  const active = makeRecord({ id: 1, expires });
  const revoked = makeRecord({ id: 2, status: 'Revoked', expires });

  it('is Active before the expiry instant and Expired from it on; Revoked wins', () => {
    expect(effectiveStatus(active, expires.getTime() - 1)).toBe('Active');
    expect(effectiveStatus(active, expires)).toBe('Expired');
    expect(effectiveStatus(active, expires.getTime() + DAY)).toBe('Expired');
    expect(effectiveStatus(revoked, expires.getTime() - DAY)).toBe('Revoked');
    expect(effectiveStatus(revoked, expires.getTime() + DAY)).toBe('Revoked');
    expect(effectiveStatus(makeRecord({ id: 3 }), new Date('2100-01-01T00:00:00Z'))).toBe('Active');
    expect(isExpired(active, expires)).toBe(true);
  });

  it('flags an Active key from 14 days before its expiry until it expires', () => {
    expect(isExpiringSoon(active, expires.getTime() - 14 * DAY - 1)).toBe(false);
    expect(isExpiringSoon(active, expires.getTime() - 14 * DAY)).toBe(true);
    expect(isExpiringSoon(active, expires.getTime() - 1)).toBe(true);
    expect(isExpiringSoon(active, expires.getTime())).toBe(false);
    expect(isExpiringSoon(revoked, expires.getTime() - DAY)).toBe(false);
    expect(isExpiringSoon(makeRecord({ id: 4 }), expires)).toBe(false);
  });
});

describe('an expiry may only be brought forward', () => {
  const expires = new Date('2026-03-01T00:00:00Z');
  it('allows earlier or a first expiry, refuses later or removed', () => {
    expect(isExpiryBroughtForward(expires, new Date(expires.getTime() - 1))).toBe(true);
    expect(isExpiryBroughtForward(undefined, expires)).toBe(true);
    expect(isExpiryBroughtForward(expires, new Date(expires.getTime() + 1))).toBe(false);
    expect(isExpiryBroughtForward(expires, undefined)).toBe(false);
  });

  it('assertImmutableFieldsUnchanged enforces it', () => {
    const record = makeRecord({ id: 5, expires });
    expect(() => assertImmutableFieldsUnchanged(record, { expires: new Date(expires.getTime() - DAY) })).not.toThrow();
    expect(() => assertImmutableFieldsUnchanged(record, { expires: new Date(expires.getTime()) })).not.toThrow();
    expect(() => assertImmutableFieldsUnchanged(makeRecord({ id: 6 }), { expires })).not.toThrow();
    expect(codeOf(() => assertImmutableFieldsUnchanged(record, { expires: new Date(expires.getTime() + DAY) }))).toBe('expires:immutable-field');
    expect(codeOf(() => assertImmutableFieldsUnchanged(record, { expires: undefined }))).toBe('expires:immutable-field');
  });
});
