import { makeRecord } from '../core/testing/recordFixtures';
import { keysCsv } from './exportKeys';

test('the export uses the list words: the key column says it holds the ending, a tampered key reads Tampered', () => {
  const active = makeRecord({ name: '=cmd|calc', status: 'Active', permission: 'ReadOnly' });
  const tampered = makeRecord({ name: 'Upgraded', status: 'Active', permission: 'ReadOnly', integrity: { reason: 'permission-changed', detail: 'x' } });
  const lines = keysCsv([active, tampered]).slice(1).split('\r\n');
  expect(lines[0]).toBe('Name,API Key ending (last 12 characters),Status,Permissions,Date Created,Created By,Revocation Date,Revoked By');
  expect(lines[1].startsWith(`'=cmd|calc,${active.tail},Active,Read Only,`)).toBe(true);
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
