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
