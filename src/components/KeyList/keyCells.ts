import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { effectiveStatus, isExpiringSoon } from '../../core';
import type { KeyIntegrityProblem, KeyRecord } from '../../core';
import { formatDateTime, formatFullDateTime, formatRelative, formatShortDay, statusLabel } from '../keyLabels';

/** 'expiring': still works, but stops within 14 days (flagged so it can be replaced in time). */
export type StatusTone = 'active' | 'expiring' | 'expired' | 'revoked' | 'tampered';

export interface StatusView {
  /** What the cell reads. */
  text: string;
  /** The tooltip: everything the cell may have left out (full dates, who changed a tampered key). */
  title: string;
  tone: StatusTone;
}

/** What changed a tampered key, by whom and when, in one sentence or two. */
export function tamperedSummary(problem: KeyIntegrityProblem): string {
  const when = formatFullDateTime(problem.changedAt);
  const who = problem.changedBy ? problem.changedBy.displayName : '';
  const changed = who && when ? format(strings.TamperedChangedByOn, who, when) : who ? format(strings.TamperedChangedBy, who) : when ? format(strings.TamperedChangedOn, when) : '';
  return [problem.detail, changed].filter((part) => part).join(' ');
}

/**
 * The Status cell. A tampered record reads "Tampered" whatever its Status column says (it is refused
 * everywhere, so it must never look Active); folded, a revoked one says when and by whom. An Active key
 * past its expiry reads Expired, and one expiring within 14 days says when (derived from `now`: nothing
 * has to run at midnight).
 */
export function statusView(record: KeyRecord, folded: boolean, now: Date = new Date()): StatusView {
  if (record.integrity) {
    return { text: strings.StatusTampered, title: `${strings.StatusTampered}: ${tamperedSummary(record.integrity)}`, tone: 'tampered' };
  }
  const effective = effectiveStatus(record, now);
  if (effective === 'Expired') {
    const full = format(strings.StatusExpiredOn, formatFullDateTime(record.expires));
    return { text: folded ? format(strings.StatusExpiredOn, formatShortDay(record.expires, now)) : strings.StatusExpired, title: full, tone: 'expired' };
  }
  if (effective === 'Active') {
    if (!record.expires) {
      return { text: statusLabel(record.status), title: statusLabel(record.status), tone: 'active' };
    }
    const full = format(strings.StatusExpiresOn, formatFullDateTime(record.expires));
    if (isExpiringSoon(record, now)) {
      return { text: format(strings.StatusExpiresOn, formatShortDay(record.expires, now)), title: `${strings.StatusExpiringSoon}: ${full}`, tone: 'expiring' };
    }
    return { text: statusLabel(record.status), title: `${statusLabel(record.status)}. ${full}`, tone: 'active' };
  }
  const by = record.revokedBy ? record.revokedBy.displayName : '';
  const full = by ? format(strings.StatusRevokedOnBy, formatFullDateTime(record.revokedAt), by) : format(strings.StatusRevokedOn, formatFullDateTime(record.revokedAt));
  if (!folded) {
    return { text: statusLabel(record.status), title: record.revokedAt ? full : statusLabel(record.status), tone: 'revoked' };
  }
  const short = formatShortDay(record.revokedAt);
  const text = by ? format(strings.StatusRevokedOnBy, short, by) : short ? format(strings.StatusRevokedOn, short) : statusLabel(record.status);
  return { text, title: record.revokedAt ? full : text, tone: 'revoked' };
}

/**
 * The condensed layout's Created cell, Date Created and Created By in one: "Nov 21 by Adele Vance", with the full
 * date and the creator's e-mail in its tooltip.
 */
export function createdCell(record: KeyRecord): { text: string; title: string } {
  const person = record.createdBy;
  const who = person.email ? `${person.displayName} (${person.email})` : person.displayName;
  return { text: format(strings.CreatedCellOnBy, formatShortDay(record.created), person.displayName), title: format(strings.CreatedOnBy, formatFullDateTime(record.created), who) };
}

/** "Created Nov 21 by Adele Vance" for compact rows, with the full date in its tooltip. */
export function createdLine(record: KeyRecord): { text: string; title: string } {
  const by = record.createdBy.displayName;
  return { text: format(strings.CreatedOnBy, formatShortDay(record.created), by), title: format(strings.CreatedOnBy, formatFullDateTime(record.created), by) };
}

/** The Expires and Last used cells: what they read, their tooltip, and whether the 14-day flag shows. */
export interface DateCellView {
  text: string;
  title: string;
  /** An Active key stopping within 14 days: the cell shows a clock icon named for screen readers. */
  flagged: boolean;
}

/**
 * The Expires cell: "Never" without expiry; a key stopping within 14 days reads how soon ("in 5 days", "tomorrow",
 * "in 3 hours") with the flag, the date in its tooltip; otherwise the date (the day only when folded).
 */
export function expiresView(record: KeyRecord, folded: boolean, now: Date): DateCellView {
  if (!record.expires) {
    return { text: strings.ExpiresNever, title: strings.ExpiresNeverTitle, flagged: false };
  }
  const full = formatFullDateTime(record.expires);
  if (!record.integrity && isExpiringSoon(record, now)) {
    return { text: formatRelative(record.expires, now), title: `${strings.ExpiresSoonFlag}: ${full}`, flagged: true };
  }
  return { text: folded ? formatShortDay(record.expires, now) : formatDateTime(record.expires), title: full, flagged: false };
}

/**
 * The Last used cell: "3 days ago" with the exact time in its tooltip, or "Never". A use stamped a little after
 * `now` (a verifier's clock ahead of the page's) reads "now" rather than "in 2 minutes". When the usage list
 * could not be read (`usageUnknown`), a key without a recorded use reads Unknown: "Never" would invite revoking a
 * key in use.
 */
export function lastUsedView(record: KeyRecord, now: Date, usageUnknown: boolean = false): DateCellView {
  if (!record.lastUsed) {
    return usageUnknown
      ? { text: strings.LastUsedUnknown, title: strings.LastUsedUnknownTitle, flagged: false }
      : { text: strings.LastUsedNever, title: strings.LastUsedNeverTitle, flagged: false };
  }
  const seen = record.lastUsed.getTime() > now.getTime() ? now : record.lastUsed;
  return { text: formatRelative(seen, now), title: format(strings.LastUsedOn, formatFullDateTime(record.lastUsed)), flagged: false };
}

/**
 * Last use on a compact row's second line ("Used 3 days ago", "Never used"): the Last used column is folded away
 * there, and it is what an admin scans a narrow Teams tab for before revoking a stale key.
 */
export function compactLastUsed(record: KeyRecord, now: Date, usageUnknown: boolean = false): { text: string; title: string } {
  const view = lastUsedView(record, now, usageUnknown);
  if (record.lastUsed) return { text: format(strings.CompactUsed, view.text), title: view.title };
  return usageUnknown ? { text: strings.CompactUseUnknown, title: view.title } : { text: strings.FilterNeverUsed, title: view.title };
}
