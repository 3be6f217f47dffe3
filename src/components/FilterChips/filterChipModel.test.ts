import { ADELE, ALEX } from '../__tests__/FakeKeyStore';
import { filterChips } from './filterChipModel';

test('one chip per active column filter, in column order, each removing only its own filter', () => {
  const filters = { revokedBy: [ALEX.id], status: ['Revoked' as const], name: 'sync', permission: [] as ('ReadOnly' | 'FullControl')[], createdBy: [ADELE.id, 99] };
  const chips = filterChips(filters, [ADELE, ALEX]);
  expect(chips.map((c) => c.label)).toEqual(['Name: “sync”', 'Status: Revoked', 'Created By: Adele Vance, #99', 'Revoked By: Alex Wilber']);
  expect(chips[1].without).toEqual({ revokedBy: [ALEX.id], name: 'sync', permission: [], createdBy: [ADELE.id, 99] });
});

test('no filters, no chips; a date range reads from/to', () => {
  expect(filterChips({}, [])).toEqual([]);
  const [chip] = filterChips({ created: { from: new Date(2026, 0, 5) } }, []);
  expect(chip.label).toMatch(/^Date Created: from .*2026$/);
});

test('Expires and Last used chips name the quick choice and the range; removing one keeps the other filters', () => {
  const chips = filterChips({ status: ['Expired'], expires: { quick: 'soon' }, lastUsed: { quick: 'unused-90', from: new Date(2026, 0, 5) } }, []);
  expect(chips.map((c) => c.label)).toEqual(['Status: Expired', 'Expires: Expires within 14 days', expect.stringMatching(/^Last used: Not used for 90 days, from Jan 5, 2026$/)]);
  expect(chips[2].without).toEqual({ status: ['Expired'], expires: { quick: 'soon' } });
  expect(filterChips({ lastUsed: { quick: 'never' } }, [])[0].label).toBe('Last used: Never used');
  expect(filterChips({ expires: { quick: 'never' } }, [])[0].label).toBe('Expires: Never expires');
  expect(filterChips({ expires: { quick: 'expired' } }, [])[0].label).toBe('Expires: Expired');
  expect(filterChips({ expires: {} }, [])).toEqual([]);
});
