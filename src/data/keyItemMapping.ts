import { isPermission } from '../core';
import type { KeyRecord, KeyStatus, Person } from '../core';

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
  Modified?: string;
  Author?: ListItemPerson | null;
  RevokedBy?: ListItemPerson | null;
  EditorId?: number | null;
  Editor?: ListItemPerson | null;
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

function status(value: string | null): KeyStatus {
  return value === 'Revoked' ? 'Revoked' : 'Active';
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
  const record: KeyRecord = {
    id: item.Id,
    name: item.Title || '',
    tail: item.KeyTail,
    hash: item.KeyHash.toLowerCase(),
    permission: item.Permission,
    status: status(item.Status),
    created: new Date(item.Created),
    createdBy,
    // Empty when the answer carried none (odata=nometadata): the store then refuses to write (writeGuards.ts).
    etag: item['odata.etag'] || ''
  };
  if (item.Modified) {
    record.modified = new Date(item.Modified);
  }
  const modifiedBy = person(item.EditorId, item.Editor);
  if (modifiedBy) {
    record.modifiedBy = modifiedBy;
  }
  if (record.status === 'Revoked') {
    const revokedAt = item.RevokedAt || item.Modified;
    if (revokedAt) {
      record.revokedAt = new Date(revokedAt);
    }
    const revokedBy = person(item.RevokedById, item.RevokedBy);
    if (revokedBy) {
      record.revokedBy = revokedBy;
    }
  }
  return record;
}
