import { validationCodeOf } from './testing/validation';
import { expiryFor } from './expiry';
import { EXPIRY_NOW_TOLERANCE_MS, lifetimeInDays, rolledKeyExpiry, ROLL_GRACE_MAX_DAYS, toStoredSecond, validateBroughtForward, validateRoll } from './rotation';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const codeOf = validationCodeOf;

const now = new Date('2026-06-10T12:00:00.400Z');
const active = (expires?: Date) => ({ status: 'Active' as const, ...(expires ? { expires } : {}) });

describe('validateBroughtForward: an expiry only ever moves earlier', () => {
  it('takes any future instant when the key has no expiry, and an earlier one when it has, kept to the second', () => {
    expect(validateBroughtForward(active(), new Date('2027-01-01T00:00:00.999Z'), now).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(validateBroughtForward(active(new Date('2026-07-01T00:00:00Z')), new Date('2026-06-20T08:00:00Z'), now).toISOString()).toBe('2026-06-20T08:00:00.000Z');
  });

  it('"now" ends the key now: a moment in the past within the tolerance is accepted, further back is refused', () => {
    expect(validateBroughtForward(active(new Date('2026-07-01T00:00:00Z')), now, now).getTime()).toBe(toStoredSecond(now).getTime());
    const justBefore = new Date(now.getTime() - EXPIRY_NOW_TOLERANCE_MS + 1000);
    expect(validateBroughtForward(active(), justBefore, now).getTime()).toBe(toStoredSecond(justBefore).getTime());
    expect(codeOf(() => validateBroughtForward(active(), new Date(now.getTime() - EXPIRY_NOW_TOLERANCE_MS - 1000), now))).toBe('expires:expiry-in-past');
  });

  it('refuses the same expiry, a later one, and one the second-rounding would make equal', () => {
    const current = new Date('2026-07-01T00:00:00Z');
    expect(codeOf(() => validateBroughtForward(active(current), current, now))).toBe('expires:expiry-not-earlier');
    expect(codeOf(() => validateBroughtForward(active(current), new Date(current.getTime() + DAY), now))).toBe('expires:expiry-not-earlier');
    expect(codeOf(() => validateBroughtForward(active(current), new Date(current.getTime() + 500), now))).toBe('expires:expiry-not-earlier');
    expect(validateBroughtForward(active(current), new Date(current.getTime() - 1), now).getTime()).toBe(current.getTime() - 1000);
  });

  it('refuses a revoked, tampered or already expired key, and an invalid date', () => {
    expect(codeOf(() => validateBroughtForward({ status: 'Revoked' }, new Date(now.getTime() + DAY), now))).toBe('expires:key-revoked');
    expect(codeOf(() => validateBroughtForward({ status: 'Active', integrity: { reason: 'revived', detail: '' } }, new Date(now.getTime() + DAY), now))).toBe('expires:key-tampered');
    expect(codeOf(() => validateBroughtForward(active(new Date(now.getTime() - 1000)), now, now))).toBe('expires:key-expired');
    expect(codeOf(() => validateBroughtForward(active(), new Date('nope'), now))).toBe('expires:expiry-invalid');
  });
});

describe('rolledKeyExpiry: the replacement keeps the old key\'s lifetime at creation, from now', () => {
  it('none stays none', () => {
    expect(rolledKeyExpiry({ created: new Date('2026-01-01T00:00:00Z') }, now)).toBeUndefined();
  });

  it.each([7, 30, 90, 365] as const)('a %i-day preset gives exactly that many 24-hour days from now', (days) => {
    const created = new Date('2026-02-03T09:15:00Z');
    const original = expiryFor({ kind: 'days', days }, created)!;
    expect(rolledKeyExpiry({ created, expires: original }, now)!.getTime() - now.getTime()).toBe(days * DAY);
  });

  it('created on the first second of a DST change: a 7-day preset is still 7 days, in every zone', () => {
    // Europe/Paris springs forward at 2026-03-29T01:00Z; the original key's 7 × 24 h spans it.
    const created = new Date('2026-03-29T00:59:59Z');
    expect(lifetimeInDays(created, expiryFor({ kind: 'days', days: 7 }, created)!)).toBe(7);
  });

  it('a date chosen in a DST zone is not whole days: the lifetime rounds to the nearest day', () => {
    // Created 10:00 Paris (UTC+1) on 25 March, valid through 1 April Paris (UTC+2 after the change): 7 days 13 hours.
    const created = new Date('2026-03-25T09:00:00Z');
    const expires = expiryFor({ kind: 'date', date: '2026-04-01' }, created, 'Europe/Paris')!;
    expect(expires.toISOString()).toBe('2026-04-01T22:00:00.000Z');
    expect(lifetimeInDays(created, expires)).toBe(8);
    // Created at midnight Paris (UTC+1) on 29 March, valid through that day, which has only 23 hours.
    const lateCreated = new Date('2026-03-28T23:00:00Z');
    const shortDay = expiryFor({ kind: 'date', date: '2026-03-29' }, lateCreated, 'Europe/Paris')!;
    expect(shortDay.getTime() - lateCreated.getTime()).toBe(23 * HOUR);
    expect(lifetimeInDays(lateCreated, shortDay)).toBe(1);
    // Autumn back (25 October 2026, Paris): that day has 25 hours; created at its start, through it: 25 h → 1 day.
    const autumnStart = new Date('2026-10-24T22:00:00Z');
    const longDay = expiryFor({ kind: 'date', date: '2026-10-25' }, autumnStart, 'Europe/Paris')!;
    expect(longDay.getTime() - autumnStart.getTime()).toBe(25 * HOUR);
    expect(lifetimeInDays(autumnStart, longDay)).toBe(1);
  });

  it('counted from now as a duration, whatever daylight-saving change lies ahead; never less than a day', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const beforeSpring = new Date('2026-03-28T12:00:00Z');
    expect(rolledKeyExpiry({ created, expires: new Date(created.getTime() + 30 * DAY) }, beforeSpring)!.toISOString()).toBe('2026-04-27T12:00:00.000Z');
    expect(rolledKeyExpiry({ created, expires: new Date(created.getTime() + 2 * HOUR) }, now)!.getTime() - now.getTime()).toBe(DAY);
  });
});

describe('validateRoll: the old key ends now or within 7 days', () => {
  it('now, or any instant up to 7 days ahead (to the second)', () => {
    expect(validateRoll(active(), { oldKeyEnds: 'now' }, now)).toBe('now');
    const sevenDays = new Date(now.getTime() + ROLL_GRACE_MAX_DAYS * DAY);
    expect(validateRoll(active(), { oldKeyEnds: sevenDays }, now)).toEqual(toStoredSecond(sevenDays));
    expect(validateRoll(active(), { oldKeyEnds: new Date(now.getTime() + HOUR) }, now)).toEqual(toStoredSecond(new Date(now.getTime() + HOUR)));
  });

  it('a page that computed "in 7 days" a little earlier is still within bounds; past the tolerance it is refused', () => {
    expect(validateRoll(active(), { oldKeyEnds: new Date(now.getTime() + 7 * DAY + EXPIRY_NOW_TOLERANCE_MS) }, now)).toBeInstanceOf(Date);
    expect(codeOf(() => validateRoll(active(), { oldKeyEnds: new Date(now.getTime() + 7 * DAY + EXPIRY_NOW_TOLERANCE_MS + 1000) }, now))).toBe('oldKeyEnds:grace-too-long');
    expect(codeOf(() => validateRoll(active(), { oldKeyEnds: new Date(now.getTime() + 8 * DAY) }, now))).toBe('oldKeyEnds:grace-too-long');
  });

  it('an end in the past or not a date is refused; so is a revoked, expired or tampered key', () => {
    expect(codeOf(() => validateRoll(active(), { oldKeyEnds: new Date(now.getTime() - 1000) }, now))).toBe('oldKeyEnds:expiry-in-past');
    expect(codeOf(() => validateRoll(active(), { oldKeyEnds: new Date('nope') }, now))).toBe('oldKeyEnds:expiry-invalid');
    expect(codeOf(() => validateRoll(active(), {} as { oldKeyEnds: 'now' }, now))).toBe('oldKeyEnds:expiry-invalid');
    expect(codeOf(() => validateRoll({ status: 'Revoked' }, { oldKeyEnds: 'now' }, now))).toBe('expires:key-revoked');
    expect(codeOf(() => validateRoll(active(new Date(now.getTime() - 1)), { oldKeyEnds: 'now' }, now))).toBe('expires:key-expired');
    expect(codeOf(() => validateRoll({ status: 'Active', integrity: { reason: 'hash-changed', detail: '' } }, { oldKeyEnds: 'now' }, now))).toBe('expires:key-tampered');
  });
});
