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
