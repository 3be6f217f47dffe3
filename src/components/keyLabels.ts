import * as strings from 'ApiKeyManagementStrings';
import type { EffectiveKeyStatus, Permission } from '../core';

/** How a status reads on screen, in the user's language. */
export function statusLabel(status: EffectiveKeyStatus): string {
  return status === 'Active' ? strings.StatusActive : status === 'Expired' ? strings.StatusExpired : strings.StatusRevoked;
}

/** How a permission reads on screen, in the user's language. */
export function permissionLabel(permission: Permission): string {
  return permission === 'ReadOnly' ? strings.PermissionReadOnly : strings.PermissionFullControl;
}

/** What a permission allows, shown next to the choice in the Generate panel. */
export function permissionDescription(permission: Permission): string {
  return permission === 'ReadOnly' ? strings.PermissionReadOnlyDescription : strings.PermissionFullControlDescription;
}

// Dates and numbers follow SharePoint's or Teams' locale (the page's `locale` prop), not the browser's:
// an admin on an English browser in a French tenant reads French dates, as in the rest of SharePoint.
// One locale per page, as SharePoint has one culture per page: set by the page before its children render.
let displayLocale: string | undefined;
// Date.toLocaleString(locale, options) builds a new formatter on every call (about 0.1 ms each): with
// dozens of rows re-rendered per search keystroke that was most of the keystroke's cost. One formatter each.
let dateTimeFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;
let numberFormat: Intl.NumberFormat | undefined;
let shortDayFormat: Intl.DateTimeFormat | undefined;
let shortDayWithYearFormat: Intl.DateTimeFormat | undefined;
let fullDateTimeFormat: Intl.DateTimeFormat | undefined;
let relativeFormat: RelativeTimeFormat | undefined;

// Intl.RelativeTimeFormat is in every browser SPFx and Teams support, but not in the es2017 lib the build targets.
type RelativeTimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
interface RelativeTimeFormat {
  format(value: number, unit: RelativeTimeUnit): string;
}
type RelativeTimeFormatConstructor = new (locale: string | undefined, options: { numeric: 'auto' | 'always' }) => RelativeTimeFormat;

function supportedLocale(locale: string | undefined): string | undefined {
  if (!locale) {
    return undefined;
  }
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    // Not a BCP-47 tag (RangeError): the browser's locale rather than a broken page.
    return undefined;
  }
}

/** Sets the locale every date and number on the page is written in (BCP-47, e.g. "fr-FR"); undefined means the browser's. */
export function setDisplayLocale(locale: string | undefined): void {
  const next = supportedLocale(locale);
  if (next === displayLocale) {
    return;
  }
  displayLocale = next;
  dateTimeFormat = undefined;
  dayFormat = undefined;
  numberFormat = undefined;
  shortDayFormat = undefined;
  shortDayWithYearFormat = undefined;
  fullDateTimeFormat = undefined;
  relativeFormat = undefined;
}

/** The locale dates and numbers are written in (undefined: the browser's). */
export function getDisplayLocale(): string | undefined {
  return displayLocale;
}

/** A date and time in the page's locale (SharePoint stores UTC; people read local time). */
export function formatDateTime(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  dateTimeFormat = dateTimeFormat || new Intl.DateTimeFormat(displayLocale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return dateTimeFormat.format(date);
}

/** A calendar day in the page's locale (for date filter chips). */
export function formatDay(date: Date): string {
  dayFormat = dayFormat || new Intl.DateTimeFormat(displayLocale, { year: 'numeric', month: 'short', day: 'numeric' });
  return dayFormat.format(date);
}

/** A whole number in the page's locale ("10,000" in en-US, "10 000" in fr-FR). */
export function formatNumber(value: number): string {
  numberFormat = numberFormat || new Intl.NumberFormat(displayLocale, { maximumFractionDigits: 0 });
  return numberFormat.format(value);
}

/** A day as short as it reads unambiguously ("Nov 21"; "Nov 21, 2025" outside this year), for folded and compact rows. */
export function formatShortDay(date: Date | undefined, now: Date = new Date()): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  if (date.getFullYear() === now.getFullYear()) {
    shortDayFormat = shortDayFormat || new Intl.DateTimeFormat(displayLocale, { month: 'short', day: 'numeric' });
    return shortDayFormat.format(date);
  }
  shortDayWithYearFormat = shortDayWithYearFormat || new Intl.DateTimeFormat(displayLocale, { year: 'numeric', month: 'short', day: 'numeric' });
  return shortDayWithYearFormat.format(date);
}

/** The whole date and time, for tooltips and the details pane. */
export function formatFullDateTime(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  fullDateTimeFormat =
    fullDateTimeFormat ||
    new Intl.DateTimeFormat(displayLocale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return fullDateTimeFormat.format(date);
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Local calendar days from `now`'s day to `date`'s (a daylight-saving day is still one day). */
function calendarDays(date: Date, now: Date): number {
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  return Math.round((day - today) / DAY_MS);
}

/**
 * The largest unit that reads naturally, and how many of it: whole minutes and hours (towards zero) within a day,
 * then calendar days, so "in 5 days" and "yesterday" agree with the dates beside them ("Expires Dec 8" is in 5 days
 * on Dec 3 whatever the hour); months and years roughly, as 30 and 365 days.
 */
export function relativeParts(date: Date, now: Date): [number, RelativeTimeUnit] {
  const delta = date.getTime() - now.getTime();
  const size = Math.abs(delta);
  const whole = (unit: number): number => (delta < 0 ? -Math.floor(size / unit) : Math.floor(size / unit));
  if (size < MINUTE_MS) return [0, 'second'];
  if (size < HOUR_MS) return [whole(MINUTE_MS), 'minute'];
  if (size < DAY_MS) return [whole(HOUR_MS), 'hour'];
  if (size < 30 * DAY_MS) return [calendarDays(date, now), 'day'];
  if (size < 365 * DAY_MS) return [whole(30 * DAY_MS), 'month'];
  return [whole(365 * DAY_MS), 'year'];
}

/** "3 days ago", "in 5 days", "yesterday", "now", in the page's locale; empty for no date. */
export function formatRelative(date: Date | undefined, now: Date): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  const [value, unit] = relativeParts(date, now);
  const Format = (Intl as unknown as { RelativeTimeFormat?: RelativeTimeFormatConstructor }).RelativeTimeFormat;
  if (!Format) {
    return formatDateTime(date);
  }
  relativeFormat = relativeFormat || new Format(displayLocale, { numeric: 'auto' });
  return relativeFormat.format(value, unit);
}
