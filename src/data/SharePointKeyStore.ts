import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import {
  AlreadyRevokedError,
  ConflictError,
  effectiveStatus,
  generateKey,
  NotProvisionedError,
  isPermission,
  revokeRecord,
  rolledKeyExpiry,
  RollIncompleteError,
  unchangeableReason,
  ValidationError,
  validateBroughtForward,
  validateExpiry,
  validateKeyName,
  validateRoll
} from '../core';
import type { KeyHistoryEvent, KeyRecord, LinkedKey, Permission, Person, RollOptions } from '../core';
import type { CreatedKey, KeyChangeFeed, KeyChanges, KeyStore, OtherReplacement, ProvisioningReport, RollResult } from './KeyStore.types';
import { keyHistoryEvents, withReplacements } from './keyHistoryEvents';
import type { KeyHistoryVersion, KeyReplacement } from './keyHistoryEvents';
import { applyHistory, rolledFromOf, versionNumberOf } from './keyItemHistory';
import type { KeyItemVersion } from './keyItemHistory';
import { hasEarlierVersions, toKeyRecord } from './keyItemMapping';
import type { KeyListItem } from './keyItemMapping';
import { checkKeyList, provisionKeyList, readAdminPrincipal } from './keyListProvisioning';
import { checkUsageList, provisionUsageList } from './keyUsageProvisioning';
import { forEachPage } from './itemPages';
import { DEFAULT_LIST_TITLE, ITEM_EXPAND, ITEM_SELECT, PAGE_SIZE } from './keyListSchema';
import { httpStatusOf, sharePointErrorCode, toStoreError } from './sharePointErrors';
import { requireReadEtag } from './writeGuards';
import type { KeyUsageReader, KeyUsageSnapshot, KeyUsageState } from './KeyUsageStore.types';

export interface SharePointKeyStoreOptions {
  /** Title of the hidden list; default 'API Keys'. Used only to find or create the list before it is pinned by id. */
  listTitle?: string;
  /**
   * Login name of the tenant's Global Administrator principal (`c:0t.c|tenant|<id>`, "Company Administrator"). When
   * absent the store reads it from the root site's site collection administrators (a Global Administrator can;
   * the verifier's app cannot, so the verifier is given it).
   */
  adminPrincipal?: string;
  /** Site collection administrators of the key site (login names) who hold the Global Administrator role: not reported as exposures. */
  trustedSiteAdmins?: string[];
  /** Version histories read at once while listing keys. Default 6. */
  historyConcurrency?: number;
  /**
   * The list's id from the tenant setting once provisioned: every call then addresses `lists('<id>')`, so a renamed
   * list keeps working and a list created later under the same title is never picked up.
   */
  listId?: string;
  /**
   * Where listKeys reads last-used times (SharePointKeyUsageReader on the same site), in parallel with the keys.
   * Absent: records come without lastUsed and usageState() is 'not-configured'.
   */
  usage?: KeyUsageReader;
}

interface ChangeItem {
  ChangeToken: { StringValue: string };
  ChangeType: number;
  ItemId: number;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** A key linked from another's history (the key it replaced, or a replacement), as `items` returns it. */
interface LinkedItem {
  Id: number;
  Title?: string | null;
  KeyTail?: string | null;
  Created?: string;
  AuthorId?: number;
  Author?: { Id?: number; Title?: string; EMail?: string } | null;
}

/** More replacements than any admin makes of one key; the history shows at most these. */
const MAX_REPLACEMENTS = 100;

function linkedKey(item: LinkedItem): LinkedKey {
  const key: LinkedKey = { id: item.Id };
  if (item.Title) key.name = item.Title;
  if (item.KeyTail) key.tail = item.KeyTail;
  return key;
}

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
  private readonly _options: SharePointKeyStoreOptions;
  private readonly _listId: string | undefined;
  /** How errors name the list: its title, or its id once pinned (the title may have changed). */
  private readonly _listLabel: string;
  private _currentUser: Promise<Person> | undefined;
  private _adminPrincipal: Promise<string> | undefined;
  private _usageState: KeyUsageState = 'not-configured';

  public constructor(sp: SPFI, options: SharePointKeyStoreOptions = {}) {
    this._sp = sp;
    this._listTitle = options.listTitle || DEFAULT_LIST_TITLE;
    this._options = options;
    this._listId = options.listId ? options.listId.toLowerCase() : undefined;
    this._listLabel = this._listId ? `${this._listTitle} (id ${this._listId})` : this._listTitle;
  }

  /**
   * Pinned: repairs the pinned list, found by id under whatever title it has now, and never creates another one
   * (a deleted pinned list is reported, with the way back). Not pinned yet: creates or repairs the list by title.
   */
  public async ensureProvisioned(): Promise<ProvisioningReport> {
    const provision = async (title: string): Promise<ProvisioningReport> => {
      const report = await provisionKeyList(this._sp, title, () => this._admin(), this._options.trustedSiteAdmins || []);
      // The usage list beside it, once the key list is safe; its problems are reported, never thrown.
      const usage = await provisionUsageList(this._sp, () => this._admin());
      return usage.changes.length === 0 && usage.problem === undefined ? report : { ...report, usage };
    };
    if (!this._listId) {
      return provision(this._listTitle);
    }
    let current: { Id: string; Title: string };
    try {
      current = await this._list().select('Id', 'Title')<{ Id: string; Title: string }>();
    } catch (error) {
      throw this._error(error);
    }
    const report = await provision(current.Title);
    if (report.listId.toLowerCase() !== this._listId) {
      throw new NotProvisionedError(
        'wrong-store',
        `The list titled '${current.Title}' changed while it was being set up: the tenant setting pins ${this._listId}, SharePoint answered ${report.listId}.`,
        'Reload the page and run "Set up the key list" again.'
      );
    }
    return report;
  }

  /** The usage list's who-can-write audit (read only): undefined when fine, else what is wrong and the fix. */
  public checkUsageList(): Promise<string | undefined> {
    return checkUsageList(this._sp, () => this._admin());
  }

  /** Includes the who-can-write audit (role assignments and site collection administrators), every call. */
  public checkProvisioned(): Promise<void> {
    return checkKeyList(this._sp, this._list(), this._listLabel, () => this._admin(), this._options.trustedSiteAdmins || []);
  }

  /** The list's id: the pinned one, or the id of the list found by title (for pinning it after the first set-up). */
  public async resolveListId(): Promise<string> {
    if (this._listId) {
      return this._listId;
    }
    try {
      const list = await this._list().select('Id')<{ Id: string }>();
      return list.Id.toLowerCase();
    } catch (error) {
      throw this._error(error);
    }
  }

  /**
   * Every record in pages of 5,000 (SharePoint's maximum) with Author and RevokedBy expanded in the same requests;
   * then the version history of each item past version 1.0 (a few at a time), which decides its permission and
   * whether it was tampered with.
   */
  public async listKeys(): Promise<KeyRecord[]> {
    // Beside the keys' first page, not after it: the usage list costs no extra round trip in time. It never throws.
    const usage: Promise<KeyUsageSnapshot> | undefined = this._options.usage ? this._options.usage.readAll() : undefined;
    const records = await this._listRecords();
    if (usage !== undefined) {
      const snapshot = await usage;
      this._usageState = snapshot.state;
      for (const record of records) {
        const lastUsed = snapshot.lastUsed.get(record.id);
        if (lastUsed !== undefined) {
          record.lastUsed = lastUsed;
        }
      }
    }
    return records;
  }

  /** What the last listKeys learnt of the usage list: 'missing' means "run Set up the key list" (the column says so). */
  public usageState(): KeyUsageState {
    return this._usageState;
  }

  private async _listRecords(): Promise<KeyRecord[]> {
    const items: KeyListItem[] = [];
    try {
      await forEachPage<KeyListItem>(this._list().items.select(...ITEM_SELECT).expand(...ITEM_EXPAND).top(PAGE_SIZE), (page) => {
        items.push(...page);
      });
    } catch (error) {
      throw this._error(error);
    }
    const records: KeyRecord[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const index = next++;
        records[index] = await this._provenRecord(items[index]);
      }
    };
    const workers: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, this._options.historyConcurrency || 6); i++) {
      workers.push(worker());
    }
    await Promise.all(workers);
    return records;
  }

  /**
   * Generates a key and stores its hash and tail. Safe under retries: PnPjs re-sends a POST whose answer was lost,
   * and the unique KeyHash index turns a second landing into an error; a fresh key's hash can only be ours, so
   * after any failure the store looks it up and returns the record that landed instead of failing or duplicating.
   * `expires` (none: the key works until revoked) must be in the future by this machine's clock; the verifier
   * enforces it with its own. SharePoint keeps it to the second.
   */
  public createKey(name: string, permission: Permission, expires?: Date): Promise<CreatedKey> {
    return this._create(name, permission, expires, undefined);
  }

  private async _create(name: string, permission: Permission, expires: Date | undefined, rolledFromId: number | undefined): Promise<CreatedKey> {
    const title = validateKeyName(name);
    if (!isPermission(permission)) {
      throw new ValidationError('permission', 'permission-invalid', 'Choose Read Only or Full Control.');
    }
    const expiry = validateExpiry(expires, new Date());
    const generated = await generateKey();
    let id: number;
    try {
      const added = await this._list().items.add({
        Title: title,
        KeyHash: generated.stored.hash,
        KeyTail: generated.stored.tail,
        Permission: permission,
        Status: 'Active',
        ...(expiry ? { Expires: expiry.toISOString() } : {}),
        ...(rolledFromId !== undefined ? { RolledFromId: rolledFromId } : {})
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
    const ifMatch = requireReadEtag(id, etag);
    try {
      await this._list().items.getById(id).update({ Title: title }, ifMatch);
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
    const ifMatch = requireReadEtag(id, etag);
    const current = await this._readRecord(id);
    if (current.status === 'Revoked') {
      throw new AlreadyRevokedError(id, current.revokedBy, current.revokedAt);
    }
    if (current.etag !== ifMatch) {
      throw new ConflictError(id, current);
    }
    const me = await this._me();
    const item = this._list().items.getById(id);
    let revokedEtag: string | undefined;
    try {
      const result = await item.update({ Status: 'Revoked', RevokedById: me.id }, ifMatch);
      revokedEtag = result.etag;
    } catch (error) {
      throw await this._writeError(error, id);
    }
    let revokedAt = new Date();
    try {
      const written = await item.select('Modified')<{ Modified: string; 'odata.etag'?: string }>();
      // Modified is the revocation's own server time only while the item is still at the revoking write's ETag;
      // writing with that ETag keeps it so (a rename in between leaves RevokedAt empty rather than wrong).
      if (revokedEtag !== undefined && written['odata.etag'] === revokedEtag) {
        revokedAt = new Date(written.Modified);
        const result = await item.update({ RevokedAt: written.Modified }, requireReadEtag(id, written['odata.etag']));
        revokedEtag = result.etag;
      }
    } catch {
      // The key is revoked already; the record falls back to Modified for its date (see toKeyRecord).
    }
    try {
      // As stored, including who and when it last changed: the same record listKeys and findByHash give.
      return await this._readRecord(id);
    } catch {
      const revoked = revokeRecord(current, me, revokedAt);
      return { ...revoked, modified: revokedAt, modifiedBy: me, etag: revokedEtag || '' };
    }
  }

  /**
   * Reads the key (refused when revoked, expired or tampered, then ConflictError when its ETag moved on), checks the
   * new expiry against the stored one (validateBroughtForward), and MERGEs Expires with IF-Match. The version history
   * proves the move was earlier (keyItemHistory.ts): a later or removed expiry is flagged, never honoured.
   */
  public async bringExpiryForward(id: number, expires: Date, etag: string): Promise<KeyRecord> {
    const ifMatch = requireReadEtag(id, etag);
    const now = new Date();
    // What can be refused without reading (not a date, far in the past) is, before any request.
    validateBroughtForward({ status: 'Active' }, expires, now);
    const current = await this._readRecord(id);
    if (unchangeableReason(current, now)) {
      validateBroughtForward(current, expires, now);
    }
    if (current.etag !== ifMatch) {
      throw new ConflictError(id, current);
    }
    const stored = validateBroughtForward(current, expires, now);
    try {
      await this._list().items.getById(id).update({ Expires: stored.toISOString() }, ifMatch);
    } catch (error) {
      throw await this._writeError(error, id);
    }
    return this._readRecord(id);
  }

  /**
   * Creates the replacement first (same name and permission, the old key's lifetime at creation counted from now,
   * RolledFromId = id), then ends the old key: revoked ('now'), or its expiry brought forward to `oldKeyEnds` (kept
   * when that is later than its own). If that second write fails the result carries `incomplete` and the old key as it
   * stands: the new key is never lost, and the old one keeps working until an admin ends it.
   */
  public async rollKey(id: number, etag: string, options: RollOptions): Promise<RollResult> {
    const ifMatch = requireReadEtag(id, etag);
    const current = await this._readRecord(id);
    const ends = validateRoll(current, options, new Date());
    if (current.etag !== ifMatch) {
      throw new ConflictError(id, current);
    }
    const original = await this._originalExpiry(id);
    const created = await this._create(current.name, current.permission, rolledKeyExpiry({ created: current.created, expires: original }, new Date()), id);
    try {
      let old: KeyRecord;
      if (ends === 'now') {
        old = await this.revokeKey(id, current.etag);
      } else if (current.expires !== undefined && ends.getTime() >= current.expires.getTime()) {
        old = current;
      } else {
        old = await this.bringExpiryForward(id, ends, current.etag);
      }
      return await this._withOtherReplacements({ created, old }, id);
    } catch (error) {
      let old = current;
      try {
        old = await this._readRecord(id);
      } catch {
        // The record as read before the roll: the second write did not land as far as anyone can tell.
      }
      // Another admin may have ended it meanwhile: revoked, or its expiry brought forward at least as far as this roll's
      // end ('now': it has expired already). Then nothing is left to do, and telling the admin it still works would be wrong.
      const endsBy = ends === 'now' ? Date.now() : ends.getTime();
      const ended = effectiveStatus(old, endsBy) !== 'Active';
      return this._withOtherReplacements(ended ? { created, old } : { created, old, incomplete: new RollIncompleteError(id, created.record.id, ends, error) }, id);
    }
  }

  /**
   * Adds the old key's other live replacements (another admin rolled it at the same time): one request through the
   * RolledFromId index. Looked up after the old key's end was written or found, so of two concurrent rollers the later
   * one sees the other's replacement. A failed look-up never fails the roll: the new key must reach the admin.
   */
  private async _withOtherReplacements(rolled: RollResult, oldId: number): Promise<RollResult> {
    let items: KeyListItem[];
    try {
      items = await this._list()
        .items.select(...ITEM_SELECT)
        .expand(...ITEM_EXPAND)
        .filter(`RolledFromId eq ${Math.trunc(oldId)}`)
        .top(MAX_REPLACEMENTS)<KeyListItem[]>();
    } catch {
      return { ...rolled, otherReplacementsUnknown: true };
    }
    const now = Date.now();
    const others: OtherReplacement[] = [];
    for (const item of items) {
      let record: KeyRecord;
      try {
        record = toKeyRecord(item);
      } catch {
        // A malformed item is no live key; the list flags it on its own.
        continue;
      }
      if (record.id !== rolled.created.record.id && effectiveStatus(record, now) === 'Active') {
        others.push({ id: record.id, name: record.name, tail: record.tail, createdBy: record.createdBy, created: record.created });
      }
    }
    return others.length > 0 ? { ...rolled, otherReplacements: others } : rolled;
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
      return items.length > 0 ? await this._provenRecord(items[0], options.signal) : undefined;
    } catch (error) {
      throw this._error(error);
    }
  }

  /**
   * `items(id)/versions?$expand=CreatedBy` (every version with its columns, and who wrote it), then, at the same time,
   * the keys it links to: its replacements (`RolledFromId eq id`, through that column's index) and, for a rolled key,
   * the name and ending of the key it replaced. 2 requests, 3 for a rolled key.
   */
  public async keyHistory(id: number): Promise<KeyHistoryEvent[]> {
    let versions: KeyHistoryVersion[];
    let replacements: KeyReplacement[];
    let rolledFrom: LinkedKey | undefined;
    try {
      versions = await this._list().items.getById(id).versions.expand('CreatedBy')<KeyHistoryVersion[]>();
      const first = versions.filter((v) => versionNumberOf(v) === 1)[0];
      const fromId = first ? rolledFromOf(first) : undefined;
      [replacements, rolledFrom] = await Promise.all([this._replacementsOf(id), fromId === undefined ? Promise.resolve(undefined) : this._linkedKey(fromId)]);
    } catch (error) {
      throw this._error(error, id);
    }
    return withReplacements(keyHistoryEvents(versions, rolledFrom), versions, replacements);
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
    return this._listId ? this._sp.web.lists.getById(this._listId) : this._sp.web.lists.getByTitle(this._listTitle);
  }

  private _error(error: unknown, itemId?: number): unknown {
    return toStoreError(error, { listTitle: this._listLabel, itemId, pinnedListId: this._listId });
  }

  private async _readRecord(id: number): Promise<KeyRecord> {
    try {
      const item = await this._list()
        .items.getById(id)
        .select(...ITEM_SELECT)
        .expand(...ITEM_EXPAND)<KeyListItem>();
      return await this._provenRecord(item);
    } catch (error) {
      throw this._error(error, id);
    }
  }

  /**
   * The record as its version history proves it (keyItemHistory.ts). An item still at version 1.0 has no history
   * to read; a history the caller may not read is a problem on the record, never a silent pass.
   */
  private async _provenRecord(item: KeyListItem, signal?: AbortSignal): Promise<KeyRecord> {
    const record = toKeyRecord(item);
    if (!hasEarlierVersions(item)) {
      return record;
    }
    let versions: KeyItemVersion[];
    try {
      versions = await this._list().items.getById(item.Id).versions.expand('CreatedBy').using(abortWith(signal))<KeyItemVersion[]>();
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 403 || status === 404) {
        return { ...record, integrity: { reason: 'unreadable-history', detail: `The version history could not be read (HTTP ${status}).` } };
      }
      throw this._error(error, item.Id);
    }
    return applyHistory(record, versions);
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

  /** The expiry the key was created with (its version 1.0): the policy a roll copies, even after it was brought forward. */
  private async _originalExpiry(id: number): Promise<Date | undefined> {
    let versions: KeyHistoryVersion[];
    try {
      versions = await this._list().items.getById(id).versions<KeyHistoryVersion[]>();
    } catch (error) {
      throw this._error(error, id);
    }
    const first = versions.filter((v) => versionNumberOf(v) === 1)[0];
    if (!first) {
      // Deleted versions make the record tampered, which validateRoll refused already; never guess a policy.
      throw new ValidationError('expires', 'key-tampered', "This key's first version cannot be read, so its expiry policy is unknown.");
    }
    return first.Expires ? new Date(first.Expires) : undefined;
  }

  /** Items whose RolledFromId is `id`: one request, served by the column's index. */
  private async _replacementsOf(id: number): Promise<KeyReplacement[]> {
    const items = await this._list()
      .items.select('Id', 'Title', 'KeyTail', 'Created', 'AuthorId', 'Author/Id', 'Author/Title', 'Author/EMail')
      .expand('Author')
      .filter(`RolledFromId eq ${Math.trunc(id)}`)
      .top(MAX_REPLACEMENTS)<LinkedItem[]>();
    return items.map((item) => {
      const replacement: KeyReplacement = { key: linkedKey(item) };
      if (item.Created) replacement.at = new Date(item.Created);
      if (item.Author && typeof item.Author.Id === 'number') {
        replacement.by = { id: item.Author.Id, displayName: item.Author.Title || `User ${item.Author.Id}`, ...(item.Author.EMail ? { email: item.Author.EMail } : {}) };
      }
      return replacement;
    });
  }

  /** The name and ending of a key another links to; only its id when it cannot be read (the history still shows the link). */
  private async _linkedKey(id: number): Promise<LinkedKey> {
    try {
      return linkedKey(await this._list().items.getById(id).select('Id', 'Title', 'KeyTail')<LinkedItem>());
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 404 || status === 403) {
        return { id };
      }
      throw error;
    }
  }

  /** After a failed create: the record with this fresh hash, if the POST landed after all. */
  private async _findLanded(hash: string): Promise<KeyRecord | undefined> {
    try {
      return await this.findByHash(hash);
    } catch {
      return undefined;
    }
  }

  /** Read once per store; a failed read is retried next time. */
  private _admin(): Promise<string> {
    if (!this._adminPrincipal) {
      this._adminPrincipal = readAdminPrincipal(this._sp, this._options.adminPrincipal).catch((error: unknown) => {
        this._adminPrincipal = undefined;
        throw error;
      });
    }
    return this._adminPrincipal;
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
