import { isPermission } from '../core';
import type { KeyIntegrityProblem, KeyRecord, Person } from '../core';

/**
 * One version of a key's list item as `items(id)/versions` returns it (SP.ListItemVersion: VersionId, VersionLabel,
 * IsCurrentVersion, Created, CreatedBy when expanded, and the item's field values by internal name; person fields
 * as {LookupId, LookupValue, Email}). Every field is optional: the analysis fails closed on what is missing.
 */
export interface KeyItemVersion {
  /** 512 × major + minor: 512 is 1.0. */
  VersionId?: number;
  VersionLabel?: string;
  IsCurrentVersion?: boolean;
  Created?: string;
  CreatedBy?: { Id?: number; Title?: string; Email?: string } | null;
  Editor?: { LookupId?: number; LookupValue?: string; Email?: string } | null;
  KeyHash?: string | null;
  KeyTail?: string | null;
  Permission?: string | null;
  Status?: string | null;
  /** Absent or null: no expiry in that version. */
  Expires?: string | null;
  /** Absent (a version written before schema 4) or null: not a rolled key. */
  RolledFromId?: number | null;
}

/** The version's number as a decimal (1.0 → 1), from VersionId or, failing that, VersionLabel; NaN when neither. */
export function versionNumberOf(version: KeyItemVersion): number {
  if (typeof version.VersionId === 'number') {
    return version.VersionId / 512;
  }
  return version.VersionLabel ? Number(version.VersionLabel) : NaN;
}

/** Who wrote a version: its CreatedBy (expanded), else its Editor field. */
export function authorOf(version: KeyItemVersion): Person | undefined {
  if (version.CreatedBy && typeof version.CreatedBy.Id === 'number') {
    const person: Person = { id: version.CreatedBy.Id, displayName: version.CreatedBy.Title || `User ${version.CreatedBy.Id}` };
    if (version.CreatedBy.Email) {
      person.email = version.CreatedBy.Email;
    }
    return person;
  }
  if (version.Editor && typeof version.Editor.LookupId === 'number') {
    const person: Person = { id: version.Editor.LookupId, displayName: version.Editor.LookupValue || `User ${version.Editor.LookupId}` };
    if (version.Editor.Email) {
      person.email = version.Editor.Email;
    }
    return person;
  }
  return undefined;
}

function problem(reason: KeyIntegrityProblem['reason'], detail: string, version?: KeyItemVersion): KeyIntegrityProblem {
  const found: KeyIntegrityProblem = { reason, detail };
  if (version) {
    const by = authorOf(version);
    if (by) {
      found.changedBy = by;
    }
    if (version.Created) {
      found.changedAt = new Date(version.Created);
    }
  }
  return found;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean => (a || '').toLowerCase() === (b || '').toLowerCase();

/** The version's expiry in milliseconds: undefined for none, NaN for a value that is not a date. */
function expiryOf(version: KeyItemVersion): number | undefined {
  return version.Expires === undefined || version.Expires === null || version.Expires === '' ? undefined : new Date(version.Expires).getTime();
}

/** Whether going from `before` to `after` extends the key: an expiry removed, pushed later, or made unreadable. */
function extendsExpiry(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined) {
    return after !== undefined && isNaN(after);
  }
  return after === undefined || isNaN(after) || after > before;
}

const describeExpiry = (version: KeyItemVersion): string => (expiryOf(version) === undefined ? 'none' : String(version.Expires));

/** The key a version says this one replaced; undefined for none (a version from before the column existed reads as none). */
export function rolledFromOf(version: Pick<KeyItemVersion, 'RolledFromId'>): number | undefined {
  return version.RolledFromId === undefined || version.RolledFromId === null ? undefined : version.RolledFromId;
}

const describeRolledFrom = (id: number | undefined): string => (id === undefined ? 'none' : `key ${id}`);

/**
 * What the history says about a key that no legitimate write does: KeyHash, KeyTail or Permission changed after
 * the version that created the key, a revocation undone, an expiry removed or pushed later, RolledFromId changed
 * (the link to the key a rolled key replaced is fixed at creation), or a history that does not start at 1.0 or has gaps
 * (versions deleted). The first problem in time order, or undefined for a clean history.
 */
export function historyProblem(versions: KeyItemVersion[], current: Pick<KeyRecord, 'hash' | 'permission' | 'expires' | 'rolledFromId'>): KeyIntegrityProblem | undefined {
  const ordered = versions.slice().sort((a, b) => versionNumberOf(a) - versionNumberOf(b));
  if (ordered.length === 0 || ordered.some((v) => !Number.isInteger(versionNumberOf(v)))) {
    return problem('unreadable-history', 'The version history could not be read.');
  }
  if (versionNumberOf(ordered[0]) !== 1) {
    return problem('unreadable-history', `The versions before ${versionNumberOf(ordered[0])}.0 were deleted, so the key's original permission cannot be proven.`);
  }
  let revokedIn: KeyItemVersion | undefined;
  for (let i = 0; i < ordered.length; i++) {
    const version = ordered[i];
    if (i > 0) {
      const previous = ordered[i - 1];
      const label = `${versionNumberOf(version)}.0`;
      if (versionNumberOf(version) !== versionNumberOf(previous) + 1) {
        return problem('unreadable-history', `Versions ${versionNumberOf(previous) + 1}.0 to ${versionNumberOf(version) - 1}.0 were deleted.`, version);
      }
      if (!same(version.KeyHash, previous.KeyHash) || !same(version.KeyTail, previous.KeyTail)) {
        return problem('hash-changed', `Version ${label} replaced the key's hash or last characters (…${previous.KeyTail || ''} → …${version.KeyTail || ''}).`, version);
      }
      if (version.Permission !== previous.Permission) {
        return problem('permission-changed', `Version ${label} changed the permission from ${String(previous.Permission)} to ${String(version.Permission)}.`, version);
      }
      if (rolledFromOf(version) !== rolledFromOf(previous)) {
        return problem(
          'rolled-from-changed',
          `Version ${label} changed the key this one replaced from ${describeRolledFrom(rolledFromOf(previous))} to ${describeRolledFrom(rolledFromOf(version))}; that link is fixed when the key is rolled.`,
          version
        );
      }
      if (extendsExpiry(expiryOf(previous), expiryOf(version))) {
        return problem('expiry-extended', `Version ${label} changed the expiry from ${describeExpiry(previous)} to ${describeExpiry(version)}; an expiry can only be brought forward.`, version);
      }
      if (revokedIn && version.Status === 'Active') {
        return problem('revived', `Version ${label} set the key Active again after version ${versionNumberOf(revokedIn)}.0 revoked it.`, version);
      }
    }
    if (!revokedIn && version.Status !== 'Active') {
      revokedIn = version;
    }
  }
  const first = ordered[0];
  if (!same(first.KeyHash, current.hash)) {
    return problem('hash-changed', "The key's hash differs from the one its first version recorded.");
  }
  if (first.Permission !== current.permission) {
    return problem('permission-changed', `The permission is ${current.permission}, but the key was created ${String(first.Permission)}.`);
  }
  const last = ordered[ordered.length - 1];
  if (rolledFromOf(last) !== current.rolledFromId) {
    return problem('rolled-from-changed', `The key this one replaced is ${describeRolledFrom(current.rolledFromId)}, but the latest version recorded ${describeRolledFrom(rolledFromOf(last))}.`);
  }
  const lastExpiry = expiryOf(last);
  if (extendsExpiry(lastExpiry, current.expires === undefined ? undefined : current.expires.getTime())) {
    // The item's value differs from its newest version: changed in place, without a version (a system update).
    return problem('expiry-extended', `The expiry is ${current.expires ? current.expires.toISOString() : 'none'}, but the latest version recorded ${describeExpiry(last)}.`);
  }
  return undefined;
}

/**
 * The record as its history proves it: the permission of the version that created it, revoked if any version was,
 * expiring at the earliest expiry any version recorded, and `integrity` set when the history shows tampering (a problem found in the item itself is kept otherwise).
 */
export function applyHistory(record: KeyRecord, versions: KeyItemVersion[]): KeyRecord {
  const found = historyProblem(versions, record);
  const ordered = versions.slice().sort((a, b) => versionNumberOf(a) - versionNumberOf(b));
  const result: KeyRecord = { ...record };
  const first = ordered[0];
  if (first && isPermission(first.Permission)) {
    result.permission = first.Permission;
  }
  // The link the key was created with; a later change is flagged above and never re-points it.
  if (first) {
    const rolledFrom = rolledFromOf(first);
    if (rolledFrom === undefined) {
      delete result.rolledFromId;
    } else {
      result.rolledFromId = rolledFrom;
    }
  }
  if (ordered.some((v) => v.Status !== 'Active')) {
    result.status = 'Revoked';
  }
  // Fail closed: an expiry pushed later or removed does not buy the key time (an unreadable one is already flagged).
  for (const version of ordered) {
    const expiry = expiryOf(version);
    if (expiry !== undefined && !isNaN(expiry) && (result.expires === undefined || expiry < result.expires.getTime())) {
      result.expires = new Date(expiry);
    }
  }
  if (found) {
    result.integrity = found;
  }
  return result;
}
