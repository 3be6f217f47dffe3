import * as strings from 'ApiKeyManagementStrings';
import type { KeyStatus, Permission } from '../core';

/** How a status reads on screen, in the user's language. */
export function statusLabel(status: KeyStatus): string {
  return status === 'Active' ? strings.StatusActive : strings.StatusRevoked;
}

/** How a permission reads on screen, in the user's language. */
export function permissionLabel(permission: Permission): string {
  return permission === 'ReadOnly' ? strings.PermissionReadOnly : strings.PermissionFullControl;
}

/** What a permission allows, shown next to the choice in the Generate panel. */
export function permissionDescription(permission: Permission): string {
  return permission === 'ReadOnly' ? strings.PermissionReadOnlyDescription : strings.PermissionFullControlDescription;
}

// Date.toLocaleString(locale, options) builds a new formatter on every call (about 0.1 ms each): with
// dozens of rows re-rendered per search keystroke that was most of the keystroke's cost. One formatter each.
let dateTimeFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;

/** A date and time as the browser's locale writes it (SharePoint stores UTC; people read local time). */
export function formatDateTime(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  dateTimeFormat = dateTimeFormat || new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return dateTimeFormat.format(date);
}

/** A calendar day as the browser's locale writes it (for date filter chips). */
export function formatDay(date: Date): string {
  dayFormat = dayFormat || new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return dayFormat.format(date);
}

let shortDayFormat: Intl.DateTimeFormat | undefined;
let shortDayWithYearFormat: Intl.DateTimeFormat | undefined;
let fullDateTimeFormat: Intl.DateTimeFormat | undefined;

/** A day as short as it reads unambiguously ("Nov 21"; "Nov 21, 2025" outside this year), for folded and compact rows. */
export function formatShortDay(date: Date | undefined, now: Date = new Date()): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  if (date.getFullYear() === now.getFullYear()) {
    shortDayFormat = shortDayFormat || new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
    return shortDayFormat.format(date);
  }
  shortDayWithYearFormat = shortDayWithYearFormat || new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return shortDayWithYearFormat.format(date);
}

/** The whole date and time, for tooltips and the details pane. */
export function formatFullDateTime(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  fullDateTimeFormat =
    fullDateTimeFormat ||
    new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return fullDateTimeFormat.format(date);
}
