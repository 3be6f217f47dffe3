import { formatDateTime, formatDay, formatNumber, getDisplayLocale, setDisplayLocale } from './keyLabels';

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
