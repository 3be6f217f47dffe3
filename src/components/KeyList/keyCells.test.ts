import { fakeRecord, ALEX, MEGAN } from '../__tests__/FakeKeyStore';
import { createdCell, createdLine, expiresView, lastUsedView, statusView, tamperedSummary } from './keyCells';

const THIS_YEAR = new Date().getFullYear();

describe('statusView', () => {
  const revoked = fakeRecord(3, { status: 'Revoked', revokedAt: new Date(THIS_YEAR, 10, 22, 14, 5), revokedBy: ALEX });

  test('an active key reads Active', () => {
    expect(statusView(fakeRecord(1), false)).toEqual({ text: 'Active', title: 'Active', tone: 'active' });
  });

  test('a revoked key reads Revoked in full width, with when and by whom in the tooltip', () => {
    const view = statusView(revoked, false);
    expect(view.text).toBe('Revoked');
    expect(view.tone).toBe('revoked');
    expect(view.title).toMatch(/^Revoked .*November 22, \d{4}.* by Alex Wilber$/);
  });

  test('folded, a revoked key says when and by whom: "Revoked Nov 22 by Alex Wilber", the full date in the tooltip', () => {
    const view = statusView(revoked, true);
    expect(view.text).toBe('Revoked Nov 22 by Alex Wilber');
    expect(view.title).toContain(`November 22, ${THIS_YEAR}`);
  });

  test('folded, a date of another year keeps its year', () => {
    expect(statusView({ ...revoked, revokedAt: new Date(2024, 0, 5) }, true).text).toBe('Revoked Jan 5, 2024 by Alex Wilber');
  });

  test('a tampered key reads Tampered, never Active, with what changed, who and when in the tooltip', () => {
    const record = fakeRecord(4, {
      status: 'Active',
      integrity: { reason: 'permission-changed', detail: 'Its permission was changed from Read Only to Full Control.', changedBy: MEGAN, changedAt: new Date(THIS_YEAR, 10, 23, 9, 30) }
    });
    for (const folded of [false, true]) {
      const view = statusView(record, folded);
      expect(view.text).toBe('Tampered');
      expect(view.tone).toBe('tampered');
      expect(view.title).toMatch(/^Tampered: Its permission was changed from Read Only to Full Control\. Changed by Megan Bowen, .*November 23/);
    }
  });

  test('a tampered key with nobody known says what changed and when only', () => {
    expect(tamperedSummary({ reason: 'malformed-status', detail: 'Its Status is “Actve”.' })).toBe('Its Status is “Actve”.');
    expect(tamperedSummary({ reason: 'revived', detail: 'Its revocation was undone.', changedBy: MEGAN })).toBe('Its revocation was undone. Changed by Megan Bowen.');
  });
});

describe('statusView and expiry', () => {
  const now = new Date(2026, 4, 10, 12, 0);
  const DAY = 24 * 60 * 60 * 1000;

  test('an Active key past its expiry reads Expired (folded: with the day), the full date in its tooltip', () => {
    const record = fakeRecord(6, { expires: new Date(2026, 4, 9, 18, 30) });
    expect(statusView(record, false, now)).toMatchObject({ text: 'Expired', tone: 'expired' });
    expect(statusView(record, false, now).title).toMatch(/^Expired .*May 9, 2026/);
    expect(statusView(record, true, now)).toMatchObject({ text: 'Expired May 9', tone: 'expired' });
  });

  test('within 14 days of its expiry an Active key says when it stops; before that it reads Active with the date in the tooltip', () => {
    const soon = fakeRecord(7, { expires: new Date(now.getTime() + 14 * DAY) });
    expect(statusView(soon, false, now)).toMatchObject({ text: 'Expires May 24', tone: 'expiring' });
    expect(statusView(soon, false, now).title).toMatch(/^Expires soon: Expires .*May 24, 2026/);
    const later = fakeRecord(8, { expires: new Date(now.getTime() + 14 * DAY + 60_000) });
    expect(statusView(later, false, now)).toMatchObject({ text: 'Active', tone: 'active' });
    expect(statusView(later, false, now).title).toMatch(/^Active\. Expires .*May 24, 2026/);
  });

  test('a revoked key stays Revoked after its expiry; a tampered one stays Tampered', () => {
    const expires = new Date(2026, 4, 1);
    expect(statusView(fakeRecord(9, { status: 'Revoked', expires, revokedAt: new Date(2026, 3, 1), revokedBy: ALEX }), false, now).tone).toBe('revoked');
    expect(statusView(fakeRecord(10, { expires, integrity: { reason: 'expiry-extended', detail: 'Its expiry was removed.' } }), false, now).tone).toBe('tampered');
  });
});

describe('createdLine', () => {
  test('"Created Nov 21 by Adele Vance" for compact rows, the full date in its tooltip', () => {
    const line = createdLine(fakeRecord(5, { created: new Date(THIS_YEAR, 10, 21, 8, 57) }));
    expect(line.text).toBe('Created Nov 21 by Adele Vance');
    expect(line.title).toMatch(/^Created .*November 21, \d{4}.* by Adele Vance$/);
  });
});

describe('createdCell', () => {
  test('"Nov 21 by Adele Vance" where Date Created and Created By share one cell; the full date and e-mail in its tooltip', () => {
    const cell = createdCell(fakeRecord(5, { created: new Date(THIS_YEAR, 10, 21, 8, 57) }));
    expect(cell.text).toBe('Nov 21 by Adele Vance');
    expect(cell.title).toMatch(/^Created .*November 21, \d{4}.* by Adele Vance \(adelev@contoso\.onmicrosoft\.com\)$/);
  });
});

describe('expiresView and lastUsedView', () => {
  const now = new Date(2026, 4, 10, 12, 0);
  const DAY = 24 * 60 * 60 * 1000;

  test('no expiry reads Never; a far expiry its date and time (folded: the day); the full date in the tooltip', () => {
    expect(expiresView(fakeRecord(1), false, now)).toMatchObject({ text: 'Never', flagged: false });
    const later = fakeRecord(2, { expires: new Date(2026, 6, 1, 9, 30) });
    expect(expiresView(later, false, now)).toMatchObject({ text: expect.stringMatching(/^Jul 1, 2026, 09:30 AM$/), flagged: false });
    expect(expiresView(later, true, now).text).toBe('Jul 1');
    expect(expiresView(later, true, now).title).toMatch(/July 1, 2026/);
  });

  test('the 14-day flag: on at exactly 14 days, off a minute before that, off once expired or revoked; the text says how soon', () => {
    const edge = fakeRecord(3, { expires: new Date(now.getTime() + 14 * DAY) });
    expect(expiresView(edge, false, now)).toMatchObject({ text: 'in 14 days', flagged: true });
    expect(expiresView(edge, false, now).title).toMatch(/^Expires soon: .*May 24, 2026/);
    expect(expiresView(fakeRecord(4, { expires: new Date(now.getTime() + 14 * DAY + 60_000) }), false, now).flagged).toBe(false);
    expect(expiresView(fakeRecord(5, { expires: new Date(now.getTime() + DAY + 1000) }), false, now).text).toBe('tomorrow');
    expect(expiresView(fakeRecord(6, { expires: new Date(now.getTime() + 3 * 60 * 60 * 1000) }), false, now).text).toBe('in 3 hours');
    expect(expiresView(fakeRecord(7, { expires: now }), false, now).flagged).toBe(false);
    expect(expiresView(fakeRecord(8, { expires: new Date(now.getTime() + DAY), status: 'Revoked' }), false, now).flagged).toBe(false);
  });

  test('Last used: "3 days ago" with the exact time in the tooltip, Never without use, never in the future', () => {
    const used = fakeRecord(9, { lastUsed: new Date(now.getTime() - 3 * DAY - 60_000) });
    expect(lastUsedView(used, now)).toMatchObject({ text: '3 days ago', title: expect.stringMatching(/^Last used .*May 7, 2026/) });
    expect(lastUsedView(fakeRecord(10), now)).toMatchObject({ text: 'Never' });
    expect(lastUsedView(fakeRecord(11, { lastUsed: new Date(now.getTime() + 90_000) }), now).text).toBe('now');
    expect(lastUsedView(fakeRecord(12, { lastUsed: new Date(now.getTime() - 5 * 60_000) }), now).text).toBe('5 minutes ago');
  });

  test('when the usage list could not be read, a key without a recorded use reads Unknown, never Never', () => {
    expect(lastUsedView(fakeRecord(13), now, true)).toMatchObject({ text: 'Unknown', title: expect.stringMatching(/could not be read/) });
    expect(lastUsedView(fakeRecord(14, { lastUsed: new Date(now.getTime() - 3 * DAY - 1) }), now, true).text).toBe('3 days ago');
  });
});
