import { setDisplayLocale } from '../keyLabels';
import { keyHistoryText } from './keyHistoryText';

const at = new Date(Date.UTC(2026, 2, 3, 10));
const by = { id: 18, displayName: 'Diego Siciliani' };

beforeAll(() => setDisplayLocale('en-US'));

describe('keyHistoryText: expiry and rolled keys', () => {
  test('an expiry pushed later or removed reads as tampering with both values (not as missing versions)', () => {
    const removed = keyHistoryText({ kind: 'tampered', reason: 'expiry-extended', version: 3, from: '2026-06-01T00:00:00Z', to: '', at, by });
    expect(removed.what).toMatch(/^expiry changed from \w+day, June 1, 2026.* to none, though an expiry can only be brought forward$/);
    expect(removed.version).toBe('Version 3.0');
    const garbage = keyHistoryText({ kind: 'tampered', reason: 'expiry-extended', version: 3, from: '', to: 'never', at, by });
    expect(garbage.what).toBe('expiry changed from none to “never”, though an expiry can only be brought forward');
  });

  test('a changed link reads with the key numbers; an expiry set where there was none says so', () => {
    expect(keyHistoryText({ kind: 'tampered', reason: 'rolled-from-changed', version: 2, from: '4', to: '', at, by }).what).toBe('link to the key it replaced changed from key 4 to none');
    expect(keyHistoryText({ kind: 'expiry-brought-forward', version: 2, to: at, at, by }).what).toMatch(/^Expiry set to \w+day, March 3, 2026.* \(it had none\)$/);
  });

  test('rolled from and to: names and endings; an unread key by its number; the rolled-to entry has no version of its own', () => {
    expect(keyHistoryText({ kind: 'rolled-from', version: 1, from: { id: 4, name: 'Orders', tail: 'aaaaBBBBcccc' }, at, by }).what).toBe('Rolled from “Orders” (…aaaaBBBBcccc)');
    expect(keyHistoryText({ kind: 'rolled-from', version: 1, from: { id: 4 }, at, by }).what).toBe('Rolled from key 4');
    const to = keyHistoryText({ kind: 'rolled-to', version: 1, to: { id: 9, name: 'Orders', tail: 'zzzzYYYYxxxx' }, revoked: true, at, by });
    expect(to.what).toBe('Rolled to “Orders” (…zzzzYYYYxxxx); this key was revoked');
    expect(to.version).toBe('');
    expect(keyHistoryText({ kind: 'rolled-to', version: 1, to: { id: 9, name: 'Orders', tail: 'zzzzYYYYxxxx' }, revoked: false, at, by }).what).toMatch(/still works without an end: revoke it once every client uses the new key$/);
  });
});
