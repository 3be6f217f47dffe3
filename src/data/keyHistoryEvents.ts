import { isPermission } from '../core';
import type { KeyHistoryEvent, KeyRolledToEvent, KeyTamperedEvent, LinkedKey } from '../core';
import { authorOf, rolledFromOf, versionNumberOf } from './keyItemHistory';
import type { KeyItemVersion } from './keyItemHistory';

/** A version as `items(id)/versions?$expand=CreatedBy` returns it, with the columns the history reads besides those the proof reads. */
export interface KeyHistoryVersion extends KeyItemVersion {
  Title?: string | null;
  RevokedAt?: string | null;
  /** Person fields of a version come as {LookupId, LookupValue, Email}; null when empty. */
  RevokedBy?: { LookupId?: number; LookupValue?: string; Email?: string } | null;
  RevokedById?: number | null;
}

/** An expiry as a version stores it: undefined for none, NaN for a value that is not a date. */
function expiryOf(version: KeyHistoryVersion): number | undefined {
  return version.Expires === undefined || version.Expires === null || version.Expires === '' ? undefined : new Date(version.Expires).getTime();
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
 * writer sets. Versions that change nothing shown (the revocation's second write, RevokedAt) add no entry. An expiry
 * moved earlier is `expiry-brought-forward`; moved later or removed, `tampered` (expiry-extended). A rolled key's first
 * version adds `rolled-from` (`rolledFrom`: what the store could read of that key; else only its id); RolledFromId
 * changed later is `tampered` (rolled-from-changed).
 */
export function keyHistoryEvents(versions: KeyHistoryVersion[], rolledFrom?: LinkedKey): KeyHistoryEvent[] {
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
        const from = rolledFromOf(version);
        if (from !== undefined) {
          events.push({ kind: 'rolled-from', from: rolledFrom && rolledFrom.id === from ? { ...rolledFrom } : { id: from }, ...stamp });
        }
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
    if (previous) {
      const before = expiryOf(previous);
      const after = expiryOf(version);
      if (before !== after && !(before !== undefined && after !== undefined && isNaN(before) && isNaN(after))) {
        const earlier = after !== undefined && !isNaN(after) && (before === undefined || (!isNaN(before) && after < before));
        if (earlier) {
          events.push({ kind: 'expiry-brought-forward', ...(before !== undefined && !isNaN(before) ? { from: new Date(before) } : {}), to: new Date(after as number), ...stamp });
        } else {
          events.push(tampered('expiry-extended', previous.Expires || '', version.Expires || ''));
        }
      }
      if (rolledFromOf(version) !== rolledFromOf(previous)) {
        const text = (id: number | undefined): string => (id === undefined ? '' : String(id));
        events.push(tampered('rolled-from-changed', text(rolledFromOf(previous)), text(rolledFromOf(version))));
      }
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

/** A replacement of this key, as the store found it (an item whose RolledFromId is this key's id). */
export interface KeyReplacement {
  key: LinkedKey;
  /** When and by whom the replacement was created (its Created and Author). */
  at?: Date;
  by?: KeyRolledToEvent['by'];
}

/**
 * The history with a `rolled-to` entry for each replacement, placed by time among the key's own entries. What became
 * of this key is read from its own versions (revoked in any version, or the earliest expiry any recorded), so the
 * entry says the truth even when the roll's second write failed.
 */
export function withReplacements(events: KeyHistoryEvent[], versions: KeyHistoryVersion[], replacements: KeyReplacement[]): KeyHistoryEvent[] {
  if (replacements.length === 0) {
    return events;
  }
  const ordered = versions.filter((v) => !isNaN(versionNumberOf(v))).sort((a, b) => versionNumberOf(a) - versionNumberOf(b));
  const revoked = ordered.some((v) => v.Status === 'Revoked');
  let ends: number | undefined;
  for (const version of ordered) {
    const expiry = expiryOf(version);
    if (expiry !== undefined && !isNaN(expiry) && (ends === undefined || expiry < ends)) ends = expiry;
  }
  const result = events.slice();
  for (const replacement of replacements.slice().sort((a, b) => (a.at ? a.at.getTime() : 0) - (b.at ? b.at.getTime() : 0))) {
    const at = replacement.at ? replacement.at.getTime() : Infinity;
    // This key's version in force when the replacement was made: the last one recorded before it. SharePoint keeps
    // the second, and the roll's own second write lands in the same second as the replacement: that one comes after.
    const inForce = ordered.filter((v) => !v.Created || new Date(v.Created).getTime() < at);
    const version = inForce.length > 0 ? versionNumberOf(inForce[inForce.length - 1]) : 1;
    const event: KeyRolledToEvent = { kind: 'rolled-to', to: { ...replacement.key }, revoked, version };
    if (!revoked && ends !== undefined) event.ends = new Date(ends);
    if (replacement.at) event.at = replacement.at;
    if (replacement.by) event.by = replacement.by;
    // After every entry recorded before it and before those of the same second (the roll's own second write), but
    // never before the key's creation.
    const floor = result.length > 0 && result[0].kind === 'created' ? 1 : 0;
    let index = result.length;
    while (index > floor) {
      const previousAt = result[index - 1].at;
      if (previousAt === undefined || previousAt.getTime() < at) break;
      index--;
    }
    result.splice(index, 0, event);
  }
  return result;
}
