import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { isPermission } from '../../core';
import type { KeyHistoryEvent, KeyTamperedEvent, LinkedKey } from '../../core';
import { formatFullDateTime, permissionLabel } from '../keyLabels';

/** A history entry as the pane writes it, in the page's language and locale. */
export interface KeyHistoryText {
  /** What happened ("Renamed from … to …"); a tampered entry's starts with strings.HistoryTamperedLabel in the view. */
  what: string;
  /** When and by whom ("Tuesday, March 3, 2026 at 10:00:00 AM by Adele Vance"), or that it is not recorded. */
  whoWhen: string;
  /** SharePoint's version label ("Version 3.0"), to find the change in the list's own version history; '' when the entry is not a version of this key. */
  version: string;
}

const versionLabel = (n: number | string): string => `${n}.0`;

/** A Permission column value in the page's words; a value no legitimate write makes is shown as stored. */
function permissionText(value: string | undefined): string {
  return isPermission(value) ? permissionLabel(value) : `“${value || ''}”`;
}

/** An expiry as a version stored it, as a date in the page's locale; none, or a value that is not a date, as stored. */
function storedExpiryText(value: string | undefined): string {
  if (!value) return strings.HistoryNoValue;
  const date = new Date(value);
  return isNaN(date.getTime()) ? `“${value}”` : formatFullDateTime(date);
}

const linkText = (id: string | undefined): string => (id ? format(strings.HistoryKeyNumber, id) : strings.HistoryNoValue);

/** Another key's name and ending for a link ("rolled from/to"). */
function linkedName(key: LinkedKey): [string, string] {
  return [key.name || format(strings.HistoryKeyNumber, key.id), key.tail || '?'];
}

function tamperedText(event: KeyTamperedEvent): string {
  switch (event.reason) {
    case 'expiry-extended':
      return format(strings.HistoryTamperedExpiry, storedExpiryText(event.from), storedExpiryText(event.to));
    case 'rolled-from-changed':
      return format(strings.HistoryTamperedRolledFrom, linkText(event.from), linkText(event.to));
    case 'permission-changed':
      return format(strings.HistoryTamperedPermission, permissionText(event.from), permissionText(event.to));
    case 'hash-changed':
      return format(strings.HistoryTamperedHash, event.from || '', event.to || '');
    case 'revived':
      return format(strings.HistoryTamperedRevived, versionLabel(event.from || '?'));
    case 'malformed-status':
      return event.to === 'Active' ? strings.HistoryTamperedActiveRevoked : event.to ? format(strings.HistoryTamperedStatus, event.to) : strings.HistoryTamperedStatusEmpty;
    default:
      if (event.from && event.to) {
        return event.from === event.to ? format(strings.HistoryTamperedDeletedOne, versionLabel(event.from)) : format(strings.HistoryTamperedDeleted, versionLabel(event.from), versionLabel(event.to));
      }
      return strings.HistoryTamperedUnreadable;
  }
}

/** One entry's text: what happened, who and when (dates in the page's locale), and the version that recorded it. */
export function keyHistoryText(event: KeyHistoryEvent): KeyHistoryText {
  let what: string;
  switch (event.kind) {
    case 'created':
      what = event.permission ? format(strings.HistoryCreated, event.name, permissionLabel(event.permission)) : format(strings.HistoryCreatedNoPermission, event.name);
      break;
    case 'renamed':
      what = format(strings.HistoryRenamed, event.from, event.to);
      break;
    case 'revoked':
      what = strings.HistoryRevoked;
      break;
    case 'expiry-brought-forward':
      what = event.from ? format(strings.HistoryExpiryBroughtForward, formatFullDateTime(event.from), formatFullDateTime(event.to)) : format(strings.HistoryExpirySet, formatFullDateTime(event.to));
      break;
    case 'rolled-from':
      what = event.from.name ? format(strings.HistoryRolledFrom, ...linkedName(event.from)) : format(strings.HistoryRolledFromUnknown, event.from.id);
      break;
    case 'rolled-to': {
      const [name, tail] = linkedName(event.to);
      what = event.revoked
        ? format(strings.HistoryRolledToRevoked, name, tail)
        : event.ends
        ? format(strings.HistoryRolledToEnds, name, tail, formatFullDateTime(event.ends))
        : format(strings.HistoryRolledToActive, name, tail);
      break;
    }
    default:
      what = tamperedText(event);
  }
  const when = formatFullDateTime(event.at);
  const who = event.by ? event.by.displayName : '';
  const whoWhen = when && who ? format(strings.DetailsChangedOnBy, when, who) : when || who || strings.HistoryWhoUnknown;
  // A rolled-to entry is recorded on the replacement, not as a version of this key: no version to point at.
  return { what, whoWhen, version: event.kind === 'rolled-to' ? '' : format(strings.HistoryVersion, versionLabel(event.version)) };
}
