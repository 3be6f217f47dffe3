import { formatDateTime, formatDay, formatNumber, formatRelative, getDisplayLocale, relativeParts, setDisplayLocale } from './keyLabels';

const instant = new Date(Date.UTC(2026, 0, 15, 12, 0));

afterEach(() => setDisplayLocale(undefined));

test('dates and numbers follow the page locale, whatever the browser (process) locale is', () => {
  setDisplayLocale('fr-FR');
  expect(formatDay(instant)).toBe(new Intl.DateTimeFormat('fr-FR', { year: 'numeric', month: 'short', day: 'numeric' }).format(instant));
  expect(formatDay(instant)).toMatch(/^15 janv\. 2026$/);
  expect(formatNumber(10000)).toBe(new Intl.NumberFormat('fr-FR').format(10000));
  expect(formatNumber(10000)).not.toBe('10,000');
  setDisplayLocale('en-US');
  expect(formatDay(instant)).toBe('Jan 15, 2026');
  expect(formatNumber(10000)).toBe('10,000');
  expect(formatDateTime(instant)).toMatch(/^Jan 15, 2026/);
});

test('a locale that is not a BCP-47 tag falls back to the browser locale instead of breaking the page', () => {
  setDisplayLocale('not a locale!');
  expect(getDisplayLocale()).toBeUndefined();
  expect(formatDay(instant)).toBe(new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(instant));
  expect(formatDateTime(undefined)).toBe('');
});

test('relative times in the page locale: minutes and hours within a day, then calendar days, then months and years', () => {
  const now = new Date(2026, 0, 15, 12, 0);
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const MINUTE = 60 * 1000;
  const DAY = 24 * 60 * MINUTE;
  expect(relativeParts(ago(59 * 1000), now)).toEqual([0, 'second']);
  expect(relativeParts(ago(59 * MINUTE), now)).toEqual([-59, 'minute']);
  expect(relativeParts(ago(DAY - 1), now)).toEqual([-23, 'hour']);
  // Calendar days in local time: the 12th is 3 days before the 15th at any hour.
  expect(relativeParts(new Date(2026, 0, 12, 23, 59), now)).toEqual([-3, 'day']);
  expect(relativeParts(new Date(2026, 0, 12, 0, 1), now)).toEqual([-3, 'day']);
  expect(relativeParts(new Date(2026, 0, 14, 0, 1), now)).toEqual([-1, 'day']);
  expect(relativeParts(ago(100 * DAY), now)).toEqual([-3, 'month']);
  expect(relativeParts(ago(800 * DAY), now)).toEqual([-2, 'year']);
  expect(relativeParts(new Date(now.getTime() + 5 * DAY + MINUTE), now)).toEqual([5, 'day']);
  expect(relativeParts(new Date(2026, 0, 20, 11, 59), now)).toEqual([5, 'day']);
  setDisplayLocale('en-US');
  expect(formatRelative(ago(3 * DAY), now)).toBe('3 days ago');
  expect(formatRelative(ago(DAY), now)).toBe('yesterday');
  expect(formatRelative(undefined, now)).toBe('');
  setDisplayLocale('fr-FR');
  expect(formatRelative(ago(3 * DAY), now)).toBe('il y a 3 jours');
  expect(formatRelative(new Date(now.getTime() + 5 * DAY), now)).toBe('dans 5 jours');
});
