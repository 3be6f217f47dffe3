import { effectiveStatus, isExpiringSoon } from './expiry';
import type { EffectiveKeyStatus, KeyRecord } from './keyRecord.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Lifecycle order, what a Status sort follows in every language: working keys first, then those that stopped by date, then by an admin. */
const STATUS_RANK: Record<EffectiveKeyStatus, number> = { Active: 0, Expired: 1, Revoked: 2 };

export function statusRank(status: EffectiveKeyStatus): number {
  return STATUS_RANK[status];
}

/** Quick choices of the Expires filter; each is decided against the page's `now`, so it stays right as time passes. */
export type ExpiresQuickFilter = 'soon' | 'expired' | 'never';

/** Quick choices of the Last used filter. */
export type LastUsedQuickFilter = 'unused-30' | 'unused-90' | 'never';

/** The days behind each "Not used for N days" choice. */
export const UNUSED_FOR_DAYS: Record<Exclude<LastUsedQuickFilter, 'never'>, number> = { 'unused-30': 30, 'unused-90': 90 };

/** Whether a key matches an Expires quick choice at `now`: within 14 days (still working), past its expiry (and not revoked), or without expiry. */
export function matchesExpiresQuick(record: Pick<KeyRecord, 'status' | 'expires'>, quick: ExpiresQuickFilter, now: number): boolean {
  switch (quick) {
    case 'soon':
      return isExpiringSoon(record, now);
    case 'expired':
      return effectiveStatus(record, now) === 'Expired';
    default:
      return record.expires === undefined;
  }
}

/**
 * Whether no verifier has accepted the key for `days` days at `now`. A key never used counts from its creation: one
 * made yesterday is not stale yet, one made a year ago and never used is the first to revoke.
 */
export function isUnusedFor(record: Pick<KeyRecord, 'lastUsed' | 'created'>, days: number, now: number): boolean {
  const since = record.lastUsed !== undefined ? record.lastUsed : record.created;
  return now - since.getTime() >= days * DAY_MS;
}

export function matchesLastUsedQuick(record: Pick<KeyRecord, 'lastUsed' | 'created'>, quick: LastUsedQuickFilter, now: number): boolean {
  return quick === 'never' ? record.lastUsed === undefined : isUnusedFor(record, UNUSED_FOR_DAYS[quick], now);
}

/** An Expires sort value: "never" is later than any date, so it follows every date ascending and leads descending. */
export function expiresSortValue(record: Pick<KeyRecord, 'expires'>): number {
  return record.expires === undefined ? Number.POSITIVE_INFINITY : record.expires.getTime();
}

/** A Last used sort value: "never" is older than any use, so ascending (oldest first) starts with the keys nobody uses. */
export function lastUsedSortValue(record: Pick<KeyRecord, 'lastUsed'>): number {
  return record.lastUsed === undefined ? Number.NEGATIVE_INFINITY : record.lastUsed.getTime();
}

/**
 * How far the browser's clock runs behind SharePoint's, in milliseconds (0 when it does not), judged from the times
 * SharePoint itself stamped on the records (Created, Modified, RevokedAt are server times; the lastused list's
 * times come from the verifiers' clocks and are left out). A stamp later than the browser's now proves the browser
 * is behind by at least that much; a browser ahead cannot be told apart from a quiet list, and errs the safe way
 * (a key reads Expired a little early, never Active after the verifiers refuse it).
 */
export function clockLagBehindServer(records: readonly Pick<KeyRecord, 'created' | 'modified' | 'revokedAt'>[], localNow: number): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const created = record.created.getTime();
    if (created > newest) newest = created;
    if (record.modified !== undefined && record.modified.getTime() > newest) newest = record.modified.getTime();
    if (record.revokedAt !== undefined && record.revokedAt.getTime() > newest) newest = record.revokedAt.getTime();
  }
  return newest > localNow ? newest - localNow : 0;
}

/** The instant the page treats as now: the browser's clock, moved forward by what it was found to lag behind SharePoint's. */
export function pageNow(localNow: number, lagBehindServer: number): Date {
  return new Date(localNow + Math.max(0, lagBehindServer));
}
