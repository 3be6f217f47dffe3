// Test double for the page: an in-memory KeyStore that behaves like SharePointKeyStore where the page
// can tell (ETags, conflicts, revocation rules, not-provisioned) and fails on demand. Tests only.
import {
  AlreadyRevokedError,
  ConflictError,
  generateKey,
  NotFoundError,
  NotProvisionedError,
  rolledKeyExpiry,
  RollIncompleteError,
  unchangeableReason,
  validateBroughtForward,
  validateExpiry,
  validateKeyName,
  validateRoll
} from '../../core';
import type { ExpiryPresetDays, KeyHistoryEvent, KeyRecord, Permission, Person, RollOptions } from '../../core';
import type { AdminRoleChecker, AdminRoleResult, CreatedKey, KeyStore, KeyUsageState, ProvisioningReport, RollResult } from '../../data';

export type FakeStoreMethod =
  | 'ensureProvisioned'
  | 'checkProvisioned'
  | 'listKeys'
  | 'createKey'
  | 'renameKey'
  | 'revokeKey'
  | 'findByHash'
  | 'keyHistory'
  | 'bringExpiryForward'
  | 'rollKey'
  /** The second write of a roll (ending the old key): fails the roll after its replacement was made. */
  | 'rollEndOldKey';

export const ADELE: Person = { id: 11, displayName: 'Adele Vance', email: 'adelev@contoso.onmicrosoft.com' };
export const ALEX: Person = { id: 12, displayName: 'Alex Wilber', email: 'alexw@contoso.onmicrosoft.com' };
export const MEGAN: Person = { id: 13, displayName: 'Megan Bowen', email: 'meganb@contoso.onmicrosoft.com' };

let nextHash = 1;

/** A record with sensible defaults; the tail and hash are made up (no real key behind them). */
export function fakeRecord(id: number, overrides: Partial<KeyRecord> = {}): KeyRecord {
  const hash = (nextHash++).toString(16).padStart(64, '0');
  return {
    id,
    name: `Key ${id}`,
    tail: `tail${String(id).padStart(8, '0')}`,
    hash,
    permission: 'ReadOnly',
    status: 'Active',
    created: new Date(Date.UTC(2026, 0, id % 28 || 1, 9, 0, 0)),
    createdBy: ADELE,
    etag: '"1"',
    ...overrides
  };
}

function nextEtag(etag: string): string {
  const version = Number(etag.replace(/"/g, '')) || 1;
  return `"${version + 1}"`;
}

export class FakeKeyStore implements KeyStore {
  public readonly calls: Record<FakeStoreMethod, number> = {
    ensureProvisioned: 0,
    checkProvisioned: 0,
    listKeys: 0,
    createKey: 0,
    renameKey: 0,
    revokeKey: 0,
    findByHash: 0,
    keyHistory: 0,
    bringExpiryForward: 0,
    rollKey: 0,
    rollEndOldKey: 0
  };
  public provisioned: boolean = true;
  /** What the last listKeys learned of the usage list (last used): 'ok' unless a test says otherwise. */
  public usage: KeyUsageState = 'ok';
  /** What every read and provisioning run reports while set: an exposed, foreign or wrong list that "Create the list" cannot fix. */
  public distrusted: NotProvisionedError | undefined = undefined;
  /** Every full key this store ever handed out, so a test can assert none of them reached the DOM. */
  public readonly issuedKeys: string[] = [];
  private readonly _records: Map<number, KeyRecord> = new Map();
  /** Each key's history as the fake's own writes made it (a seeded record starts with its creation). */
  private readonly _histories: Map<number, KeyHistoryEvent[]> = new Map();
  private readonly _failures: Map<FakeStoreMethod, Error[]> = new Map();
  /** Each key's expiry at creation (its version 1.0), the policy a roll copies. */
  private readonly _originalExpiries: Map<number, Date | undefined> = new Map();
  private readonly _gates: Map<FakeStoreMethod, Promise<void>> = new Map();
  private _nextId: number;

  public constructor(records: KeyRecord[] = [], public currentUser: Person = ADELE) {
    records.forEach((r) => {
      this._records.set(r.id, r);
      this._histories.set(r.id, [{ kind: 'created', version: 1, name: r.name, permission: r.permission, at: r.created, by: r.createdBy }]);
    });
    this._nextId = records.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  }

  public usageState(): KeyUsageState {
    return this.usage;
  }

  public get records(): KeyRecord[] {
    return Array.from(this._records.values());
  }

  /** The next call of `method` fails with `error` (queue several by calling again). */
  public failNext(method: FakeStoreMethod, error: Error): void {
    const queue = this._failures.get(method) || [];
    queue.push(error);
    this._failures.set(method, queue);
  }

  /** Holds every call of `method` until the returned function is called. */
  public hold(method: FakeStoreMethod): () => void {
    let release: () => void = () => undefined;
    this._gates.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this._gates.delete(method);
      release();
    };
  }

  /** Another admin's change, made behind the page's back: the item's ETag moves on. */
  public changeBehindTheScenes(id: number, change: Partial<KeyRecord>): KeyRecord {
    const current = this._require(id);
    const changed = { ...current, ...change, etag: nextEtag(current.etag) };
    this._records.set(id, changed);
    return changed;
  }

  public async ensureProvisioned(): Promise<ProvisioningReport> {
    await this._enter('ensureProvisioned');
    if (this.distrusted) {
      throw this.distrusted;
    }
    const changes = this.provisioned ? [] : ['Created the hidden list API Keys'];
    this.provisioned = true;
    return { changes, listId: 'fake-list', schemaVersion: 1 };
  }

  public async checkProvisioned(): Promise<void> {
    await this._enter('checkProvisioned');
    this._assertProvisioned();
  }

  public async listKeys(): Promise<KeyRecord[]> {
    await this._enter('listKeys');
    this._assertProvisioned();
    return this.records.map((r) => ({ ...r }));
  }

  /** The tenant setting's default expiry, as TenantKeyStore reads it. */
  public defaultExpiry: ExpiryPresetDays | undefined;

  public async defaultExpiryDays(): Promise<ExpiryPresetDays | undefined> {
    return this.defaultExpiry;
  }

  public async createKey(name: string, permission: Permission, expires?: Date): Promise<CreatedKey> {
    await this._enter('createKey');
    return this._create(name, permission, expires, undefined);
  }

  private async _create(name: string, permission: Permission, expires: Date | undefined, rolledFromId: number | undefined): Promise<CreatedKey> {
    this._assertProvisioned();
    const expiry = validateExpiry(expires, new Date());
    const generated = await generateKey();
    const record: KeyRecord = {
      id: this._nextId++,
      name: validateKeyName(name),
      tail: generated.stored.tail,
      hash: generated.stored.hash,
      permission,
      status: 'Active',
      created: new Date(),
      createdBy: this.currentUser,
      etag: '"1"',
      ...(expiry ? { expires: expiry } : {}),
      ...(rolledFromId !== undefined ? { rolledFromId } : {})
    };
    this._records.set(record.id, record);
    this._originalExpiries.set(record.id, expiry);
    const history: KeyHistoryEvent[] = [{ kind: 'created', version: 1, name: record.name, permission, at: record.created, by: this.currentUser }];
    if (rolledFromId !== undefined) {
      const from = this._records.get(rolledFromId);
      history.push({ kind: 'rolled-from', version: 1, from: { id: rolledFromId, ...(from ? { name: from.name, tail: from.tail } : {}) }, at: record.created, by: this.currentUser });
    }
    this._histories.set(record.id, history);
    this.issuedKeys.push(generated.key);
    return { record: { ...record }, key: generated.key };
  }

  public async renameKey(id: number, name: string, etag: string): Promise<KeyRecord> {
    await this._enter('renameKey');
    const current = this._require(id);
    if (current.etag !== etag) {
      throw new ConflictError(id, { ...current });
    }
    const renamed = { ...current, name: validateKeyName(name), etag: nextEtag(current.etag) };
    this._records.set(id, renamed);
    this._record(id, { kind: 'renamed', version: 0, from: current.name, to: renamed.name, at: new Date(), by: this.currentUser });
    return { ...renamed };
  }

  public async revokeKey(id: number, etag: string): Promise<KeyRecord> {
    await this._enter('revokeKey');
    return this._revoke(id, etag);
  }

  private _revoke(id: number, etag: string): KeyRecord {
    const current = this._require(id);
    if (current.etag !== etag) {
      throw new ConflictError(id, { ...current });
    }
    if (current.status === 'Revoked') {
      throw new AlreadyRevokedError(id, current.revokedBy, current.revokedAt);
    }
    const revoked: KeyRecord = { ...current, status: 'Revoked', revokedAt: new Date(), revokedBy: this.currentUser, etag: nextEtag(current.etag) };
    this._records.set(id, revoked);
    this._record(id, { kind: 'revoked', version: 0, at: revoked.revokedAt, by: this.currentUser });
    return { ...revoked };
  }

  public async bringExpiryForward(id: number, expires: Date, etag: string): Promise<KeyRecord> {
    await this._enter('bringExpiryForward');
    return this._bringForward(id, expires, etag);
  }

  /** Like SharePointKeyStore: the replacement first, then the old key ended; a failed second write is returned as `incomplete`. */
  public async rollKey(id: number, etag: string, options: RollOptions): Promise<RollResult> {
    await this._enter('rollKey');
    const current = this._require(id);
    const ends = validateRoll(current, options, new Date());
    if (current.etag !== etag) {
      throw new ConflictError(id, { ...current });
    }
    // A seeded record's creation is not known here: its expiry stands for the one it was created with.
    const original = this._originalExpiries.has(id) ? this._originalExpiries.get(id) : current.expires;
    const created = await this._create(current.name, current.permission, rolledKeyExpiry({ created: current.created, expires: original }, new Date()), id);
    try {
      await this._enter('rollEndOldKey');
      let old: KeyRecord;
      if (ends === 'now') {
        old = this._revoke(id, current.etag);
      } else if (current.expires !== undefined && ends.getTime() >= current.expires.getTime()) {
        old = { ...current };
      } else {
        old = this._bringForward(id, ends, current.etag);
      }
      this._record(id, { kind: 'rolled-to', version: 0, to: { id: created.record.id, name: created.record.name, tail: created.record.tail }, revoked: ends === 'now', ...(ends !== 'now' ? { ends: old.expires } : {}), at: created.record.created, by: this.currentUser });
      return this._withOtherReplacements({ created, old }, id);
    } catch (error) {
      return this._withOtherReplacements({ created, old: { ...this._require(id) }, incomplete: new RollIncompleteError(id, created.record.id, ends, error) }, id);
    }
  }

  /** As the SharePoint store: the old key's other live replacements (a seeded record with rolledFromId stands for another admin's roll in flight). */
  private _withOtherReplacements(rolled: RollResult, oldId: number): RollResult {
    const now = Date.now();
    const others = this.records
      .filter((r) => r.rolledFromId === oldId && r.id !== rolled.created.record.id && r.status === 'Active' && (!r.expires || r.expires.getTime() > now))
      .map((r) => ({ id: r.id, name: r.name, tail: r.tail, createdBy: r.createdBy, created: r.created }));
    return others.length > 0 ? { ...rolled, otherReplacements: others } : rolled;
  }

  public async findByHash(hash: string): Promise<KeyRecord | undefined> {
    await this._enter('findByHash');
    return this.records.filter((r) => r.hash === hash)[0];
  }

  public async keyHistory(id: number): Promise<KeyHistoryEvent[]> {
    await this._enter('keyHistory');
    this._require(id);
    return (this._histories.get(id) || []).map((e) => ({ ...e }));
  }

  private _bringForward(id: number, expires: Date, etag: string): KeyRecord {
    const now = new Date();
    const current = this._require(id);
    if (unchangeableReason(current, now)) {
      validateBroughtForward(current, expires, now);
    }
    if (current.etag !== etag) {
      throw new ConflictError(id, { ...current });
    }
    const stored = validateBroughtForward(current, expires, now);
    const changed: KeyRecord = { ...current, expires: stored, etag: nextEtag(current.etag) };
    this._records.set(id, changed);
    this._record(id, { kind: 'expiry-brought-forward', version: 0, ...(current.expires ? { from: current.expires } : {}), to: stored, at: now, by: this.currentUser });
    return { ...changed };
  }

  /** Replaces a key's history (for entries the fake's own writes never make, such as tampering). */
  public setHistory(id: number, events: KeyHistoryEvent[]): void {
    this._histories.set(id, events);
  }

  private _record(id: number, event: KeyHistoryEvent): void {
    const history = this._histories.get(id) || [];
    history.push({ ...event, version: history.length + 1 });
    this._histories.set(id, history);
  }

  private async _enter(method: FakeStoreMethod): Promise<void> {
    this.calls[method] += 1;
    const gate = this._gates.get(method);
    if (gate) {
      await gate;
    }
    const failure = (this._failures.get(method) || []).shift();
    if (failure) {
      throw failure;
    }
  }

  private _assertProvisioned(): void {
    if (this.distrusted) {
      throw this.distrusted;
    }
    if (!this.provisioned) {
      throw new NotProvisionedError('missing-list', "List 'API Keys' does not exist at this site.", 'A Global Administrator creates it from this page.');
    }
  }

  private _require(id: number): KeyRecord {
    const record = this._records.get(id);
    if (!record) {
      throw new NotFoundError(id);
    }
    return record;
  }
}

/** Answers the role check with a fixed result, or holds it until released. */
export class FakeAdminRoleChecker implements AdminRoleChecker {
  public calls: number = 0;
  public constructor(public result: AdminRoleResult = { isGlobalAdmin: true }) {}

  public async check(): Promise<AdminRoleResult> {
    this.calls += 1;
    return this.result;
  }
}
