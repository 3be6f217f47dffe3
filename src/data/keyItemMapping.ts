import { isPermission } from '../core';
import type { KeyIntegrityProblem, KeyRecord, KeyStatus, Person } from '../core';

/** A list item as the store selects it (see ITEM_SELECT): SharePoint's minimal-metadata JSON. */
export interface KeyListItem {
  'odata.etag'?: string;
  Id: number;
  Title: string | null;
  KeyHash: string | null;
  KeyTail: string | null;
  Permission: string | null;
  Status: string | null;
  Created: string;
  AuthorId: number;
  RevokedAt: string | null;
  RevokedById: number | null;
  /** Absent on a list provisioned before schema 3 was upgraded: no expiry. */
  Expires?: string | null;
  /** Absent on a list provisioned before schema 4 was upgraded; null: the key was generated, not rolled. */
  RolledFromId?: number | null;
  Modified?: string;
  Author?: ListItemPerson | null;
  RevokedBy?: ListItemPerson | null;
  EditorId?: number | null;
  Editor?: ListItemPerson | null;
  /** SharePoint's version label of the current version, e.g. "1.0": an item still at 1.0 has no history to read. */
  OData__UIVersionString?: string | null;
}

export interface ListItemPerson {
  Id?: number;
  Title?: string;
  EMail?: string;
}

/** Thrown when an item cannot be a key record (a column emptied or edited by hand in SharePoint). */
export class InvalidKeyItemError extends Error {
  public constructor(public readonly itemId: number, detail: string) {
    super(`List item ${itemId} is not a valid API key record: ${detail}`);
    this.name = 'InvalidKeyItemError';
    Object.setPrototypeOf(this, InvalidKeyItemError.prototype);
  }
}

function person(id: number | null | undefined, expanded: ListItemPerson | null | undefined): Person | undefined {
  const personId = typeof id === 'number' ? id : expanded && typeof expanded.Id === 'number' ? expanded.Id : undefined;
  if (personId === undefined) {
    return undefined;
  }
  const result: Person = { id: personId, displayName: expanded && expanded.Title ? expanded.Title : `User ${personId}` };
  if (expanded && expanded.EMail) {
    result.email = expanded.EMail;
  }
  return result;
}

/**
 * Status, parsed fail-closed: exactly 'Active' with no revocation recorded, or exactly 'Revoked'. Anything else
 * (empty, another case, trailing space, Active with RevokedAt or RevokedBy set) is a record no legitimate write
 * makes: it counts as revoked and carries the problem, so the verifier refuses it and the page flags the row.
 */
export function parseStatus(item: Pick<KeyListItem, 'Status' | 'RevokedAt' | 'RevokedById'>): { status: KeyStatus; problem?: KeyIntegrityProblem } {
  if (item.Status === 'Revoked') {
    return { status: 'Revoked' };
  }
  if (item.Status === 'Active') {
    if (item.RevokedAt === null || item.RevokedAt === undefined) {
      if (item.RevokedById === null || item.RevokedById === undefined) {
        return { status: 'Active' };
      }
    }
    return { status: 'Revoked', problem: { reason: 'malformed-status', detail: 'Status is Active but a revocation date or revoker is recorded.' } };
  }
  return { status: 'Revoked', problem: { reason: 'malformed-status', detail: `Status is ${item.Status === null || item.Status === undefined ? 'empty' : JSON.stringify(item.Status)}, neither exactly Active nor exactly Revoked.` } };
}

/** Whether the item has versions before the current one (an item still at 1.0 needs no history read). */
export function hasEarlierVersions(item: Pick<KeyListItem, 'OData__UIVersionString'>): boolean {
  return item.OData__UIVersionString !== '1.0';
}

/**
 * The one place list items become KeyRecords. Revocation date: RevokedAt, which the store sets from the
 * server's clock; a revoked item whose RevokedAt write never landed falls back to Modified (the revocation's
 * own server time, since a revoked key is never edited again except for its name).
 */
export function toKeyRecord(item: KeyListItem): KeyRecord {
  if (!item.KeyHash || !item.KeyTail) {
    throw new InvalidKeyItemError(item.Id, 'KeyHash or KeyTail is empty.');
  }
  if (!isPermission(item.Permission)) {
    throw new InvalidKeyItemError(item.Id, `Permission '${String(item.Permission)}' is neither ReadOnly nor FullControl.`);
  }
  const createdBy = person(item.AuthorId, item.Author) || { id: item.AuthorId, displayName: `User ${item.AuthorId}` };
  const parsed = parseStatus(item);
  const record: KeyRecord = {
    id: item.Id,
    name: item.Title || '',
    tail: item.KeyTail,
    hash: item.KeyHash.toLowerCase(),
    permission: item.Permission,
    status: parsed.status,
    created: new Date(item.Created),
    createdBy,
    // Empty when the answer carried none (odata=nometadata): the store then refuses to write (writeGuards.ts).
    etag: item['odata.etag'] || ''
  };
  if (item.Expires) {
    const expires = new Date(item.Expires);
    if (isNaN(expires.getTime())) {
      throw new InvalidKeyItemError(item.Id, `Expires '${item.Expires}' is not a date.`);
    }
    record.expires = expires;
  }
  if (typeof item.RolledFromId === 'number') {
    record.rolledFromId = item.RolledFromId;
  }
  if (item.Modified) {
    record.modified = new Date(item.Modified);
  }
  const modifiedBy = person(item.EditorId, item.Editor);
  if (modifiedBy) {
    record.modifiedBy = modifiedBy;
  }
  if (record.status === 'Revoked') {
    // A malformed Status has no revocation of its own to date: only what the item recorded is shown.
    const revokedAt = parsed.problem ? item.RevokedAt : item.RevokedAt || item.Modified;
    if (revokedAt) {
      record.revokedAt = new Date(revokedAt);
    }
    const revokedBy = person(item.RevokedById, item.RevokedBy);
    if (revokedBy) {
      record.revokedBy = revokedBy;
    }
  }
  if (parsed.problem) {
    // The last writer is the one who left the Status as it is.
    record.integrity = { ...parsed.problem, ...(modifiedBy ? { changedBy: modifiedBy } : {}), ...(record.modified ? { changedAt: record.modified } : {}) };
  }
  return record;
}
