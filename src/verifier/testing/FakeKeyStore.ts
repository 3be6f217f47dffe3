import { NotProvisionedError } from '../../core';
import type { KeyRecord, Permission } from '../../core';
import type { KeyChanges, StoreReadOptions } from '../../data';
import type { VerifierChangeFeed, VerifierKeyStore } from '../KeyVerifier.types';

/** An in-memory key list with a change log, counting every call and failing on demand. */
export class FakeKeyStore implements VerifierKeyStore, VerifierChangeFeed {
  public readonly calls = { findByHash: 0, checkProvisioned: 0, currentChangeToken: 0, changesSince: 0 };
  /** When set, every call fails with it (a store outage). */
  public failure: Error | undefined;
  /** When set, only the change log fails with it. */
  public feedFailure: Error | undefined;
  /** When set, checkProvisioned fails with it. */
  public provisioningFailure: NotProvisionedError | undefined;
  /** Every abort signal the verifier passed, in call order (a timed-out call must have been aborted). */
  public readonly signals: AbortSignal[] = [];
  /** Resolved before each findByHash answers; lets a test hold lookups in flight. */
  public lookupGate: Promise<void> | undefined;

  private readonly records = new Map<string, KeyRecord>();
  private readonly log: number[] = [];

  public add(hash: string, permission: Permission, name: string = 'Integration'): KeyRecord {
    const id = this.records.size + 1;
    const record: KeyRecord = {
      id,
      name,
      tail: hash.slice(-12),
      hash,
      permission,
      status: 'Active',
      created: new Date(Date.UTC(2026, 0, 1)),
      createdBy: { id: 7, displayName: 'Adele Vance' },
      etag: '"1"'
    };
    this.records.set(hash, record);
    this.log.push(id);
    return record;
  }

  public revoke(id: number): void {
    for (const record of this.records.values()) {
      if (record.id === id) {
        record.status = 'Revoked';
        record.revokedAt = new Date(Date.UTC(2026, 0, 2));
        record.revokedBy = { id: 7, displayName: 'Adele Vance' };
        this.log.push(id);
      }
    }
  }

  public async checkProvisioned(): Promise<void> {
    this.calls.checkProvisioned++;
    this.throwIfFailing();
    if (this.provisioningFailure) {
      throw this.provisioningFailure;
    }
  }

  public async findByHash(hash: string, options: StoreReadOptions = {}): Promise<KeyRecord | undefined> {
    this.calls.findByHash++;
    this.remember(options);
    if (this.lookupGate) {
      await this.lookupGate;
    }
    this.throwIfFailing();
    const record = this.records.get(hash);
    return record === undefined ? undefined : { ...record };
  }

  public async currentChangeToken(options: StoreReadOptions = {}): Promise<string> {
    this.calls.currentChangeToken++;
    this.remember(options);
    this.throwIfFailing();
    return String(this.log.length);
  }

  public async changesSince(token: string, options: StoreReadOptions = {}): Promise<KeyChanges> {
    this.calls.changesSince++;
    this.remember(options);
    this.throwIfFailing();
    if (this.feedFailure) {
      throw this.feedFailure;
    }
    return { token: String(this.log.length), itemIds: this.log.slice(Number(token)) };
  }

  private remember(options: StoreReadOptions): void {
    if (options.signal !== undefined) {
      this.signals.push(options.signal);
    }
  }

  private throwIfFailing(): void {
    if (this.failure) {
      throw this.failure;
    }
  }
}

export function inheritedPermissions(): NotProvisionedError {
  return new NotProvisionedError('inherited-permissions', 'The API key list inherits its site permissions.', 'Break inheritance on the list.');
}
