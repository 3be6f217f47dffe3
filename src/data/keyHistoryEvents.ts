import { isPermission } from '../core';
import type { KeyHistoryEvent, KeyTamperedEvent } from '../core';
import { authorOf, versionNumberOf } from './keyItemHistory';
import type { KeyItemVersion } from './keyItemHistory';

/** A version as `items(id)/versions?$expand=CreatedBy` returns it, with the columns the history reads besides those the proof reads. */
export interface KeyHistoryVersion extends KeyItemVersion {
  Title?: string | null;
  RevokedAt?: string | null;
  /** Person fields of a version come as {LookupId, LookupValue, Email}; null when empty. */
  RevokedBy?: { LookupId?: number; LookupValue?: string; Email?: string } | null;
  RevokedById?: number | null;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean => (a || '').toLowerCase() === (b || '').toLowerCase();

/** The same fail-closed reading as parseStatus (keyItemMapping.ts): exactly Revoked, or exactly Active with no revocation recorded. */
function isMalformedStatus(version: KeyHistoryVersion): boolean {
  if (version.Status === 'Revoked') {
    return false;
  }
  if (version.Status !== 'Active') {
    return true;
  }
  const revoker = version.RevokedBy && typeof version.RevokedBy.LookupId === 'number';
  return !!version.RevokedAt || !!revoker || (version.RevokedById !== null && version.RevokedById !== undefined);
}

/**
 * A key's history from its list item's versions (any order; SharePoint lists the newest first), oldest first:
 * created, each rename (from, to), the revocation, and every change no legitimate write makes as its own `tampered`
 * entry (permission or key ending changed, a revocation undone, a Status neither exactly Active nor exactly Revoked,
 * versions deleted). Who and when are the version's own (SharePoint's CreatedBy and Created), never a column a
 * writer sets. Versions that change nothing shown (the revocation's second write, RevokedAt) add no entry.
 */
export function keyHistoryEvents(versions: KeyHistoryVersion[]): KeyHistoryEvent[] {
  const ordered = versions.filter((v) => !isNaN(versionNumberOf(v))).sort((a, b) => versionNumberOf(a) - versionNumberOf(b));
  const events: KeyHistoryEvent[] = [];
  let revokedIn: number | undefined;
  let revocationSeen = false;
  ordered.forEach((version, i) => {
    const number = versionNumberOf(version);
    const stamp: { version: number; at?: Date; by?: ReturnType<typeof authorOf> } = { version: number };
    if (version.Created) stamp.at = new Date(version.Created);
    const by = authorOf(version);
    if (by) stamp.by = by;
    const tampered = (reason: KeyTamperedEvent['reason'], from?: string, to?: string): KeyTamperedEvent => {
      const event: KeyTamperedEvent = { kind: 'tampered', reason, ...stamp };
      if (from !== undefined) event.from = from;
      if (to !== undefined) event.to = to;
      return event;
    };
    const previous = i > 0 ? ordered[i - 1] : undefined;
    const previousNumber = previous ? versionNumberOf(previous) : 0;
    // Who deleted versions is not in the history: the entry has no author, only where the gap is.
    if (Number.isInteger(number) && Number.isInteger(previousNumber) && number > previousNumber + 1) {
      events.push({ kind: 'tampered', reason: 'unreadable-history', version: number, from: String(previousNumber + 1), to: String(number - 1) });
    }
    if (!previous) {
      if (number === 1) {
        const created: KeyHistoryEvent = { kind: 'created', name: version.Title || '', ...stamp };
        if (isPermission(version.Permission)) created.permission = version.Permission;
        events.push(created);
      }
    } else if ((version.Title || '') !== (previous.Title || '')) {
      events.push({ kind: 'renamed', from: previous.Title || '', to: version.Title || '', ...stamp });
    }
    if (version.Status === 'Revoked' && !revocationSeen) {
      revocationSeen = true;
      events.push({ kind: 'revoked', ...stamp });
    }
    if (previous && (!same(version.KeyHash, previous.KeyHash) || !same(version.KeyTail, previous.KeyTail))) {
      events.push(tampered('hash-changed', previous.KeyTail || '', version.KeyTail || ''));
    }
    if (previous && version.Permission !== previous.Permission) {
      events.push(tampered('permission-changed', String(previous.Permission ?? ''), String(version.Permission ?? '')));
    }
    if (revokedIn !== undefined && version.Status === 'Active' && previous && previous.Status !== 'Active') {
      events.push(tampered('revived', String(revokedIn)));
    }
    // Flagged where it starts, not again on every later version that keeps it.
    const malformed = isMalformedStatus(version);
    if (malformed && !(previous && isMalformedStatus(previous) && previous.Status === version.Status)) {
      events.push(tampered('malformed-status', undefined, version.Status ?? ''));
    }
    if (revokedIn === undefined && (version.Status !== 'Active' || malformed)) {
      revokedIn = number;
    }
  });
  return events;
}
