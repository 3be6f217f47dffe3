import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import { AlreadyRevokedError, ConflictError, generateKey, isPermission, revokeRecord, ValidationError, validateKeyName } from '../core';
import type { KeyRecord, Permission, Person } from '../core';
import type { CreatedKey, KeyChangeFeed, KeyChanges, KeyStore, ProvisioningReport } from './KeyStore.types';
import { toKeyRecord } from './keyItemMapping';
import type { KeyListItem } from './keyItemMapping';
import { checkKeyList, provisionKeyList } from './keyListProvisioning';
import { DEFAULT_LIST_TITLE, ITEM_EXPAND, ITEM_SELECT, PAGE_SIZE } from './keyListSchema';
import { httpStatusOf, sharePointErrorCode, toStoreError } from './sharePointErrors';

export interface SharePointKeyStoreOptions {
  /** Title of the hidden list; default 'API Keys'. */
  listTitle?: string;
}

interface ChangeItem {
  ChangeToken: { StringValue: string };
  ChangeType: number;
  ItemId: number;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Options of a read the caller may give up on. */
export interface StoreReadOptions {
  /** Aborts the request: PnPjs's fetch rejects with AbortError, and its retry loop neither retries an aborted request nor sends one after its Retry-After wait. */
  signal?: AbortSignal;
}

/** The change token is older than the list's change log keeps (SharePoint Online: about 60 days): start again from the current token. */
export class ChangeTokenExpiredError extends Error {
  public constructor() {
    super('The change token refers to a time before the start of the list\'s change log.');
    this.name = 'ChangeTokenExpiredError';
  }
}

/** SharePoint's TP_E_CHANGE_TOKEN_TOO_EARLY: "The changeToken refers to a time before the start of the current change log." */
const CHANGE_TOKEN_TOO_EARLY = '-2130575172';

/**
 * Every change type a revocation can arrive as: a script may write with SystemUpdate (no new version, no Modified),
 * and a deleted item may come back from the recycle bin (Restore).
 */
const CHANGE_QUERY = { Add: true, Update: true, DeleteObject: true, Restore: true, SystemUpdate: true, Item: true } as const;

/** Puts the caller's AbortSignal on the request (PnPjs's own Timeout behavior only takes milliseconds and never clears its timer). */
function abortWith(signal: AbortSignal | undefined): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    if (signal !== undefined) {
      instance.on.pre(async (url: string, init: RequestInit, result: unknown) => {
        init.signal = signal;
        return [url, init, result];
      });
    }
    return instance;
  };
}

/**
 * The key records in a hidden SharePoint list, through PnPjs. The caller builds the SPFI (SPFx behavior in the
 * web part, SPDefault/MSAL in Node) and adds storeRequestBehaviors() for retries; this class has no branch for
 * any particular host.
 */
export class SharePointKeyStore implements KeyStore, KeyChangeFeed {
  private readonly _sp: SPFI;
  private readonly _listTitle: string;
  private _currentUser: Promise<Person> | undefined;

  public constructor(sp: SPFI, options: SharePointKeyStoreOptions = {}) {
    this._sp = sp;
    this._listTitle = options.listTitle || DEFAULT_LIST_TITLE;
  }

  public ensureProvisioned(): Promise<ProvisioningReport> {
    return provisionKeyList(this._sp, this._listTitle);
  }

  public checkProvisioned(): Promise<void> {
    return checkKeyList(this._list(), this._listTitle);
  }

  /** Every record in pages of 5,000 (SharePoint's maximum) with Author and RevokedBy expanded in the same requests. */
  public async listKeys(): Promise<KeyRecord[]> {
    const records: KeyRecord[] = [];
    try {
      const query = this._list().items.select(...ITEM_SELECT).expand(...ITEM_EXPAND).top(PAGE_SIZE);
      const pages = query[Symbol.asyncIterator]();
      for (;;) {
        const page = await pages.next();
        if (page.done) {
          break;
        }
        for (const item of page.value as KeyListItem[]) {
          records.push(toKeyRecord(item));
        }
      }
    } catch (error) {
      throw this._error(error);
    }
    return records;
  }

  /**
   * Generates a key and stores its hash and tail. Safe under retries: PnPjs re-sends a POST whose answer was lost,
   * and the unique KeyHash index turns a second landing into an error; a fresh key's hash can only be ours, so
   * after any failure the store looks it up and returns the record that landed instead of failing or duplicating.
   */
  public async createKey(name: string, permission: Permission): Promise<CreatedKey> {
    const title = validateKeyName(name);
    if (!isPermission(permission)) {
      throw new ValidationError('permission', 'permission-invalid', 'Choose Read Only or Full Control.');
    }
    const generated = await generateKey();
    let id: number;
    try {
      const added = await this._list().items.add({
        Title: title,
        KeyHash: generated.stored.hash,
        KeyTail: generated.stored.tail,
        Permission: permission,
        Status: 'Active'
      });
      id = (added as { Id: number }).Id;
    } catch (error) {
      const landed = await this._findLanded(generated.stored.hash);
      if (landed) {
        return { record: landed, key: generated.key };
      }
      throw this._error(error);
    }
    return { record: await this._readRecord(id), key: generated.key };
  }

  /** Renames with IF-Match: a key changed by someone else since `etag` raises ConflictError with the current record. */
  public async renameKey(id: number, name: string, etag: string): Promise<KeyRecord> {
    const title = validateKeyName(name);
    try {
      await this._list().items.getById(id).update({ Title: title }, etag);
    } catch (error) {
      throw await this._writeError(error, id);
    }
    return this._readRecord(id);
  }

  /**
   * Revokes with IF-Match. Who: the signed-in user's site user id (/web/currentuser). When: the server's clock,
   * taken from the item's Modified right after the revoking write and stored in RevokedAt with a second write
   * (SharePoint sets no column to "now" on request; the browser's clock is not trusted for an audit record).
   */
  public async revokeKey(id: number, etag: string): Promise<KeyRecord> {
    const current = await this._readRecord(id);
    if (current.status === 'Revoked') {
      throw new AlreadyRevokedError(id, current.revokedBy, current.revokedAt);
    }
    if (etag !== '*' && current.etag !== etag) {
      throw new ConflictError(id, current);
    }
    const me = await this._me();
    const item = this._list().items.getById(id);
    let revokedEtag: string | undefined;
    try {
      const result = await item.update({ Status: 'Revoked', RevokedById: me.id }, etag);
      revokedEtag = result.etag;
    } catch (error) {
      throw await this._writeError(error, id);
    }
    let revokedAt = new Date();
    try {
      const written = await item.select('Modified')<{ Modified: string }>();
      revokedAt = new Date(written.Modified);
      // Only this write ever sets RevokedAt, so it needs no ETag: a rename in between must not block it.
      const result = await item.update({ RevokedAt: written.Modified }, '*');
      revokedEtag = result.etag;
    } catch {
      // The key is revoked already; the record falls back to Modified for its date (see toKeyRecord).
    }
    try {
      // As stored, including who and when it last changed: the same record listKeys and findByHash give.
      return await this._readRecord(id);
    } catch {
      const revoked = revokeRecord(current, me, revokedAt);
      return { ...revoked, modified: revokedAt, modifiedBy: me, etag: revokedEtag || '*' };
    }
  }

  /** One request through the KeyHash index ($filter eq, $top 1): works past the list view threshold. */
  public async findByHash(hash: string, options: StoreReadOptions = {}): Promise<KeyRecord | undefined> {
    const normalized = hash.toLowerCase();
    if (!HASH_PATTERN.test(normalized)) {
      return undefined;
    }
    try {
      const items = await this._list()
        .items.select(...ITEM_SELECT)
        .expand(...ITEM_EXPAND)
        .filter(`KeyHash eq '${normalized}'`)
        .top(1)
        .using(abortWith(options.signal))<KeyListItem[]>();
      return items.length > 0 ? toKeyRecord(items[0]) : undefined;
    } catch (error) {
      throw this._error(error);
    }
  }

  public async currentChangeToken(options: StoreReadOptions = {}): Promise<string> {
    try {
      const list = await this._list()
        .select('CurrentChangeToken')
        .using(abortWith(options.signal))<{ CurrentChangeToken: { StringValue: string } }>();
      return list.CurrentChangeToken.StringValue;
    } catch (error) {
      throw this._error(error);
    }
  }

  /** Throws ChangeTokenExpiredError for a token older than the change log. */
  public async changesSince(token: string, options: StoreReadOptions = {}): Promise<KeyChanges> {
    let changes: ChangeItem[];
    try {
      changes = (await this._list()
        .using(abortWith(options.signal))
        .getChanges({ ...CHANGE_QUERY, ChangeTokenStart: { StringValue: token } })) as ChangeItem[];
    } catch (error) {
      if (sharePointErrorCode(error).indexOf(CHANGE_TOKEN_TOO_EARLY) === 0) {
        throw new ChangeTokenExpiredError();
      }
      throw this._error(error);
    }
    const itemIds: number[] = [];
    for (const change of changes) {
      if (itemIds.indexOf(change.ItemId) < 0) {
        itemIds.push(change.ItemId);
      }
    }
    return { token: changes.length > 0 ? changes[changes.length - 1].ChangeToken.StringValue : token, itemIds };
  }

  private _list(): IList {
    return this._sp.web.lists.getByTitle(this._listTitle);
  }

  private _error(error: unknown, itemId?: number): unknown {
    return toStoreError(error, { listTitle: this._listTitle, itemId });
  }

  private async _readRecord(id: number): Promise<KeyRecord> {
    try {
      const item = await this._list()
        .items.getById(id)
        .select(...ITEM_SELECT)
        .expand(...ITEM_EXPAND)<KeyListItem>();
      return toKeyRecord(item);
    } catch (error) {
      throw this._error(error, id);
    }
  }

  /** 412 becomes ConflictError with the record as it is now; the rest maps as usual. */
  private async _writeError(error: unknown, id: number): Promise<unknown> {
    if (httpStatusOf(error) !== 412) {
      return this._error(error, id);
    }
    let current: KeyRecord | undefined;
    try {
      current = await this._readRecord(id);
    } catch {
      current = undefined;
    }
    return new ConflictError(id, current);
  }

  /** After a failed create: the record with this fresh hash, if the POST landed after all. */
  private async _findLanded(hash: string): Promise<KeyRecord | undefined> {
    try {
      return await this.findByHash(hash);
    } catch {
      return undefined;
    }
  }

  private _me(): Promise<Person> {
    if (!this._currentUser) {
      this._currentUser = this._sp.web.currentUser.select('Id', 'Title', 'Email')<{ Id: number; Title: string; Email: string }>().then(
        (user) => {
          const person: Person = { id: user.Id, displayName: user.Title };
          if (user.Email) {
            person.email = user.Email;
          }
          return person;
        },
        (error: unknown) => {
          this._currentUser = undefined;
          throw this._error(error);
        }
      );
    }
    return this._currentUser;
  }
}
