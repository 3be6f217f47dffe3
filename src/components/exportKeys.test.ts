import { makeRecord } from '../core/testing/recordFixtures';
import { keysCsv } from './exportKeys';

test('the export uses the list words: the key column says it holds the ending, a tampered key reads Tampered', () => {
  const active = makeRecord({ name: '=cmd|calc', status: 'Active', permission: 'ReadOnly' });
  const tampered = makeRecord({ name: 'Upgraded', status: 'Active', permission: 'ReadOnly', integrity: { reason: 'permission-changed', detail: 'x' } });
  const lines = keysCsv([active, tampered]).slice(1).split('\r\n');
  expect(lines[0]).toBe('Name,API Key ending (last 12 characters),Status,Expires,Last used,Permissions,Date Created,Created By,Revocation Date,Revoked By');
  expect(lines[1].startsWith(`'=cmd|calc,${active.tail},Active,Never,Never,Read Only,`)).toBe(true);
  expect(lines[2].split(',')[2]).toBe('Tampered');
  expect(keysCsv([active])).not.toContain(active.hash);
});

test('a key past its expiry exports as Expired', () => {
  const now = new Date(Date.UTC(2026, 5, 1));
  const expired = makeRecord({ name: 'Old', status: 'Active', expires: new Date(now.getTime() - 1) });
  const current = makeRecord({ name: 'New', status: 'Active', expires: new Date(now.getTime() + 1) });
  const lines = keysCsv([expired, current], now).slice(1).split('\r\n');
  expect(lines[1].split(',')[2]).toBe('Expired');
  expect(lines[2].split(',')[2]).toBe('Active');
});

test('Expires and Last used export as the list has them: a local date and time, or Never', () => {
  const now = new Date(2026, 5, 1, 12);
  const record = makeRecord({ name: 'Used', status: 'Active', expires: new Date(2026, 6, 1, 0, 0), lastUsed: new Date(2026, 4, 31, 8, 5) });
  const cells = keysCsv([record], now).slice(1).split('\r\n')[1].split(',');
  expect(cells.slice(2, 5)).toEqual(['Active', '2026-07-01 00:00', '2026-05-31 08:05']);
  const unused = makeRecord({ name: 'Unused', status: 'Active' });
  expect(keysCsv([unused], now).slice(1).split('\r\n')[1].split(',')[4]).toBe('Never');
  // The usage list unreadable: Unknown, as the list says, so a spreadsheet of "never used" keys is not built on a failed read.
  expect(keysCsv([unused], now, true).slice(1).split('\r\n')[1].split(',')[4]).toBe('Unknown');
});
