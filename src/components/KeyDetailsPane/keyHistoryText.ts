import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { isPermission } from '../../core';
import type { KeyHistoryEvent, KeyTamperedEvent } from '../../core';
import { formatFullDateTime, permissionLabel } from '../keyLabels';

/** A history entry as the pane writes it, in the page's language and locale. */
export interface KeyHistoryText {
  /** What happened ("Renamed from … to …"); a tampered entry's starts with strings.HistoryTamperedLabel in the view. */
  what: string;
  /** When and by whom ("Tuesday, March 3, 2026 at 10:00:00 AM by Adele Vance"), or that it is not recorded. */
  whoWhen: string;
  /** SharePoint's version label ("Version 3.0"), to find the change in the list's own version history. */
  version: string;
}

const versionLabel = (n: number | string): string => `${n}.0`;

/** A Permission column value in the page's words; a value no legitimate write makes is shown as stored. */
function permissionText(value: string | undefined): string {
  return isPermission(value) ? permissionLabel(value) : `“${value || ''}”`;
}

function tamperedText(event: KeyTamperedEvent): string {
  switch (event.reason) {
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
    default:
      what = tamperedText(event);
  }
  const when = formatFullDateTime(event.at);
  const who = event.by ? event.by.displayName : '';
  const whoWhen = when && who ? format(strings.DetailsChangedOnBy, when, who) : when || who || strings.HistoryWhoUnknown;
  return { what, whoWhen, version: format(strings.HistoryVersion, versionLabel(event.version)) };
}
