import { applyHistory, historyProblem, versionNumberOf } from './keyItemHistory';
import type { KeyItemVersion } from './keyItemHistory';
import type { KeyRecord } from '../core';

const HASH = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);

function version(n: number, overrides: Partial<KeyItemVersion> = {}): KeyItemVersion {
  return {
    VersionId: n * 512,
    VersionLabel: `${n}.0`,
    Created: `2026-01-0${n}T10:00:00Z`,
    CreatedBy: { Id: 11, Title: 'Adele Vance', Email: 'adelev@contoso.com' },
    KeyHash: HASH,
    KeyTail: 'x1Y2z3W4v5U6',
    Permission: 'ReadOnly',
    Status: 'Active',
    ...overrides
  };
}

function record(overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: 7,
    name: 'Order sync',
    tail: 'x1Y2z3W4v5U6',
    hash: HASH,
    permission: 'ReadOnly',
    status: 'Active',
    created: new Date('2026-01-01T10:00:00Z'),
    createdBy: { id: 11, displayName: 'Adele Vance' },
    etag: '"3"',
    ...overrides
  };
}

const megan = { Id: 13, Title: 'Megan Bowen', Email: 'meganb@contoso.com' };

describe('historyProblem', () => {
  it('passes what legitimate writes make: renames, then a revocation in two writes, then a rename of the revoked key', () => {
    const versions = [version(1), version(2), version(3, { Status: 'Revoked' }), version(4, { Status: 'Revoked' }), version(5, { Status: 'Revoked' })];
    expect(historyProblem(versions, record({ status: 'Revoked' }))).toBeUndefined();
  });

  it('reads versions in any order (SharePoint lists the newest first)', () => {
    expect(historyProblem([version(3), version(1), version(2)], record())).toBeUndefined();
    expect(versionNumberOf({ VersionLabel: '4.0' })).toBe(4);
  });

  it('a permission changed after creation: who and when are those of the version that changed it', () => {
    const found = historyProblem([version(1), version(2), version(3, { Permission: 'FullControl', CreatedBy: megan, Created: '2026-02-02T09:30:00Z' })], record({ permission: 'FullControl' }));
    expect(found).toEqual({
      reason: 'permission-changed',
      detail: 'Version 3.0 changed the permission from ReadOnly to FullControl.',
      changedBy: { id: 13, displayName: 'Megan Bowen', email: 'meganb@contoso.com' },
      changedAt: new Date('2026-02-02T09:30:00Z')
    });
  });

  it('a permission changed and changed back is still caught', () => {
    const found = historyProblem([version(1), version(2, { Permission: 'FullControl', CreatedBy: megan }), version(3)], record());
    expect(found).toMatchObject({ reason: 'permission-changed', changedBy: { id: 13 } });
  });

  it('a replaced hash or tail is hash-changed', () => {
    expect(historyProblem([version(1), version(2, { KeyHash: OTHER })], record({ hash: OTHER }))).toMatchObject({ reason: 'hash-changed' });
    expect(historyProblem([version(1), version(2, { KeyTail: 'zzzzzzzzzzzz' })], record())).toMatchObject({ reason: 'hash-changed' });
    // Case is not a change: the store lower-cases hashes.
    expect(historyProblem([version(1, { KeyHash: HASH.toUpperCase() }), version(2)], record())).toBeUndefined();
  });

  it('a revoked key set Active again is revived, with the editor that did it (Editor when CreatedBy is absent)', () => {
    const found = historyProblem(
      [version(1), version(2, { Status: 'Revoked' }), version(3, { Status: 'Active', CreatedBy: undefined, Editor: { LookupId: 18, LookupValue: 'Diego Siciliani' } })],
      record()
    );
    expect(found).toMatchObject({ reason: 'revived', changedBy: { id: 18, displayName: 'Diego Siciliani' }, detail: 'Version 3.0 set the key Active again after version 2.0 revoked it.' });
  });

  it('any non-Active status counts as a revocation that cannot be undone', () => {
    expect(historyProblem([version(1), version(2, { Status: 'revoked' }), version(3)], record())).toMatchObject({ reason: 'revived' });
  });

  it('fails closed on a history it cannot prove: empty, not starting at 1.0, with gaps, unnumbered', () => {
    expect(historyProblem([], record())).toMatchObject({ reason: 'unreadable-history' });
    expect(historyProblem([version(2), version(3)], record())).toMatchObject({ reason: 'unreadable-history' });
    expect(historyProblem([version(1), version(3)], record())).toMatchObject({ reason: 'unreadable-history' });
    expect(historyProblem([{ ...version(1), VersionId: undefined, VersionLabel: undefined }], record())).toMatchObject({ reason: 'unreadable-history' });
  });

  it('a current value that no version shows (changed in place) is caught against the first version', () => {
    expect(historyProblem([version(1), version(2)], record({ permission: 'FullControl' }))).toMatchObject({ reason: 'permission-changed' });
    expect(historyProblem([version(1), version(2)], record({ hash: OTHER }))).toMatchObject({ reason: 'hash-changed' });
  });
});

describe('applyHistory', () => {
  it('takes the permission from the version that created the key, and treats any revocation as final', () => {
    const upgraded = applyHistory(record({ permission: 'FullControl' }), [version(1), version(2, { Permission: 'FullControl', CreatedBy: megan })]);
    expect(upgraded.permission).toBe('ReadOnly');
    expect(upgraded.integrity).toMatchObject({ reason: 'permission-changed' });
    const revived = applyHistory(record(), [version(1), version(2, { Status: 'Revoked' }), version(3, { CreatedBy: megan })]);
    expect(revived.status).toBe('Revoked');
    expect(revived.integrity).toMatchObject({ reason: 'revived' });
  });

  it('leaves a clean record as it is', () => {
    expect(applyHistory(record(), [version(1), version(2)])).toEqual(record());
  });
});
