import { effectiveStatus, expiryFor, isExpiringSoon } from './expiry';
import { clockLagBehindServer, expiresSortValue, isUnusedFor, lastUsedSortValue, matchesExpiresQuick, matchesLastUsedQuick, pageNow, statusRank } from './keyStatus';
import { makeRecord } from './testing/recordFixtures';

const DAY = 24 * 60 * 60 * 1000;

describe('effective status at the boundary instant', () => {
  test('Active until the millisecond before its expiry, Expired at that very instant; Revoked wins over Expired', () => {
    const expires = new Date(Date.UTC(2026, 5, 1, 12));
    const record = makeRecord({ status: 'Active', expires });
    expect(effectiveStatus(record, expires.getTime() - 1)).toBe('Active');
    expect(effectiveStatus(record, expires)).toBe('Expired');
    expect(effectiveStatus({ ...record, status: 'Revoked' }, expires.getTime() + DAY)).toBe('Revoked');
  });

  test('across a daylight-saving change: a key chosen "through 29 March" in Paris stops at local midnight after the clocks moved', () => {
    // 29 March 2026: Paris goes from UTC+1 to UTC+2 at 01:00 UTC, so the next local midnight is 22:00 UTC.
    const chosen = new Date(Date.UTC(2026, 2, 20));
    const expires = expiryFor({ kind: 'date', date: '2026-03-29' }, chosen, 'Europe/Paris') as Date;
    expect(expires.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const record = makeRecord({ status: 'Active', expires });
    expect(effectiveStatus(record, Date.UTC(2026, 2, 29, 21, 59, 59, 999))).toBe('Active');
    expect(effectiveStatus(record, Date.UTC(2026, 2, 29, 22))).toBe('Expired');
    // The 14-day flag counts 14 × 24 hours, whatever the clocks did in between.
    expect(isExpiringSoon(record, expires.getTime() - 14 * DAY)).toBe(true);
    expect(isExpiringSoon(record, expires.getTime() - 14 * DAY - 1)).toBe(false);
  });
});

describe('quick filters', () => {
  const now = Date.UTC(2026, 5, 1, 12);

  test('Expires: within 14 days (still working), Expired (not revoked), Never', () => {
    const soon = makeRecord({ status: 'Active', expires: new Date(now + 14 * DAY) });
    const later = makeRecord({ status: 'Active', expires: new Date(now + 14 * DAY + 1) });
    const expired = makeRecord({ status: 'Active', expires: new Date(now) });
    const revokedExpired = makeRecord({ status: 'Revoked', expires: new Date(now - DAY), revokedAt: new Date(now - 2 * DAY) });
    const never = makeRecord({ status: 'Active', expires: undefined });
    expect([soon, later, expired, revokedExpired, never].map((r) => matchesExpiresQuick(r, 'soon', now))).toEqual([true, false, false, false, false]);
    expect([soon, later, expired, revokedExpired, never].map((r) => matchesExpiresQuick(r, 'expired', now))).toEqual([false, false, true, false, false]);
    expect([soon, later, expired, revokedExpired, never].map((r) => matchesExpiresQuick(r, 'never', now))).toEqual([false, false, false, false, true]);
  });

  test('Not used for N days: from the last use, or from creation for a key never used; exactly N days counts', () => {
    const created = new Date(now - 400 * DAY);
    expect(isUnusedFor({ created, lastUsed: new Date(now - 90 * DAY) }, 90, now)).toBe(true);
    expect(isUnusedFor({ created, lastUsed: new Date(now - 90 * DAY + 1) }, 90, now)).toBe(false);
    expect(isUnusedFor({ created, lastUsed: undefined }, 90, now)).toBe(true);
    expect(isUnusedFor({ created: new Date(now - DAY), lastUsed: undefined }, 30, now)).toBe(false);
    expect(matchesLastUsedQuick({ created: new Date(now - DAY), lastUsed: undefined }, 'never', now)).toBe(true);
    expect(matchesLastUsedQuick({ created, lastUsed: new Date(now - 31 * DAY) }, 'unused-30', now)).toBe(true);
    expect(matchesLastUsedQuick({ created, lastUsed: new Date(now - 31 * DAY) }, 'unused-90', now)).toBe(false);
    expect(matchesLastUsedQuick({ created, lastUsed: new Date(now - 31 * DAY) }, 'never', now)).toBe(false);
  });
});

describe('sort values', () => {
  test('status in lifecycle order; no expiry after every date; never used before every use', () => {
    expect(['Revoked', 'Active', 'Expired'].map((s) => statusRank(s as 'Active')).sort()).toEqual([0, 1, 2]);
    expect(statusRank('Active')).toBeLessThan(statusRank('Expired'));
    expect(statusRank('Expired')).toBeLessThan(statusRank('Revoked'));
    expect(expiresSortValue({ expires: undefined })).toBeGreaterThan(expiresSortValue({ expires: new Date(8.64e15) }));
    expect(lastUsedSortValue({ lastUsed: undefined })).toBeLessThan(lastUsedSortValue({ lastUsed: new Date(-8.64e15) }));
  });
});

describe("the page's now", () => {
  test("moves forward by how far SharePoint's stamps are ahead of the browser's clock, never backward", () => {
    const local = Date.UTC(2026, 5, 1, 12);
    const records = [
      makeRecord({ created: new Date(local - DAY) }),
      makeRecord({ created: new Date(local - 2 * DAY), modified: new Date(local + 90_000) }),
      makeRecord({ created: new Date(local - 3 * DAY), status: 'Revoked', revokedAt: new Date(local + 30_000) })
    ];
    expect(clockLagBehindServer(records, local)).toBe(90_000);
    expect(clockLagBehindServer(records.slice(0, 1), local)).toBe(0);
    expect(clockLagBehindServer([], local)).toBe(0);
    expect(pageNow(local, 90_000).getTime()).toBe(local + 90_000);
    expect(pageNow(local, -5).getTime()).toBe(local);
  });

  test('a key the verifiers already refuse reads Expired even when the browser clock is behind', () => {
    const server = Date.UTC(2026, 5, 1, 12);
    const browser = server - 2 * 60_000;
    const record = makeRecord({ status: 'Active', expires: new Date(server - 60_000), modified: new Date(server - 1000), created: new Date(server - DAY) });
    expect(effectiveStatus(record, browser)).toBe('Active');
    expect(effectiveStatus(record, pageNow(browser, clockLagBehindServer([record], browser)))).toBe('Expired');
  });
});
