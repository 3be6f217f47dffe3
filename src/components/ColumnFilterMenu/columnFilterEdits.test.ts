import { clearColumnFilter, dateInputValue, parseDateInput, toggle } from './columnFilterEdits';

describe('toggle', () => {
  test('adds and removes a value; an emptied filter is undefined so it counts as off', () => {
    expect(toggle(['Active'], 'Revoked', true)).toEqual(['Active', 'Revoked']);
    expect(toggle(['Active', 'Revoked'], 'Active', false)).toEqual(['Revoked']);
    expect(toggle(['Active'], 'Active', false)).toBeUndefined();
    expect(toggle([3], 3, true)).toEqual([3]);
  });
});

describe('date inputs', () => {
  test('"from" is the start of the local day and "to" its last millisecond, so one day to the same day keeps that day', () => {
    const from = parseDateInput('2026-03-09', 'start') as Date;
    const to = parseDateInput('2026-03-09', 'end') as Date;
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours(), from.getMinutes()]).toEqual([2026, 2, 9, 0, 0]);
    expect(to.getTime() - from.getTime()).toBe(24 * 60 * 60 * 1000 - 1);
  });

  test('an empty or partial input clears that end of the range', () => {
    expect(parseDateInput('', 'start')).toBeUndefined();
    expect(parseDateInput(undefined, 'end')).toBeUndefined();
    expect(parseDateInput('2026-3-9', 'start')).toBeUndefined();
  });

  test('the values a browser reports while a year is typed are not dates yet (no year 2, 20 or 202, never 1902)', () => {
    for (const partial of ['0002-10-01', '0020-10-01', '0202-10-01', '0099-01-01']) {
      expect(parseDateInput(partial, 'start')).toBeUndefined();
    }
    const typed = parseDateInput('2026-10-01', 'start') as Date;
    expect([typed.getFullYear(), typed.getMonth(), typed.getDate()]).toEqual([2026, 9, 1]);
  });

  test('a day that does not exist is not a date', () => {
    expect(parseDateInput('2026-02-31', 'start')).toBeUndefined();
    expect(parseDateInput('2026-13-01', 'end')).toBeUndefined();
    expect(parseDateInput('2028-02-29', 'end')).toBeInstanceOf(Date);
  });

  test('a date round-trips through the input value', () => {
    expect(dateInputValue(parseDateInput('2025-12-31', 'end'))).toBe('2025-12-31');
    expect(dateInputValue(undefined)).toBe('');
  });
});

test('clearColumnFilter removes only that column', () => {
  expect(clearColumnFilter({ status: ['Revoked'], name: 'flow', createdBy: [11] }, 'name')).toEqual({ status: ['Revoked'], createdBy: [11] });
});
