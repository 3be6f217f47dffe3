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

describe('expiry in the history: it may only be brought forward', () => {
  const MARCH = '2026-03-01T00:00:00Z';
  const FEBRUARY = '2026-02-01T00:00:00Z';
  const APRIL = '2026-04-01T00:00:00Z';

  it('passes an expiry kept, set where there was none, or brought forward', () => {
    expect(historyProblem([version(1, { Expires: MARCH }), version(2, { Expires: MARCH })], record({ expires: new Date(MARCH) }))).toBeUndefined();
    expect(historyProblem([version(1), version(2, { Expires: MARCH })], record({ expires: new Date(MARCH) }))).toBeUndefined();
    expect(historyProblem([version(1, { Expires: MARCH }), version(2, { Expires: FEBRUARY })], record({ expires: new Date(FEBRUARY) }))).toBeUndefined();
  });

  it('flags an expiry pushed later, naming the version, who and when', () => {
    const found = historyProblem([version(1, { Expires: MARCH }), version(2, { Expires: APRIL, CreatedBy: megan })], record({ expires: new Date(APRIL) }));
    expect(found).toMatchObject({ reason: 'expiry-extended', changedBy: { id: 13, displayName: 'Megan Bowen' }, changedAt: new Date('2026-01-02T10:00:00Z') });
    expect(found!.detail).toContain('2.0');
  });

  it('flags an expiry removed (null or absent) or made unreadable', () => {
    for (const removed of [null, undefined, '', 'never']) {
      expect(historyProblem([version(1, { Expires: MARCH }), version(2, { Expires: removed })], record())).toMatchObject({ reason: 'expiry-extended' });
    }
    expect(historyProblem([version(1), version(2, { Expires: 'never' })], record())).toMatchObject({ reason: 'expiry-extended' });
  });

  it('flags an item whose expiry was changed in place, later than its newest version says (a system update)', () => {
    expect(historyProblem([version(1, { Expires: MARCH })], record({ expires: new Date(APRIL) }))).toMatchObject({ reason: 'expiry-extended' });
    expect(historyProblem([version(1, { Expires: MARCH })], record())).toMatchObject({ reason: 'expiry-extended' });
  });

  it('applyHistory keeps the earliest expiry any version recorded, so tampering never buys the key time', () => {
    const applied = applyHistory(record({ expires: new Date(APRIL) }), [version(1, { Expires: MARCH }), version(2, { Expires: APRIL })]);
    expect(applied.expires).toEqual(new Date(MARCH));
    expect(applied.integrity).toMatchObject({ reason: 'expiry-extended' });
    const removed = applyHistory(record(), [version(1, { Expires: MARCH }), version(2, { Expires: null })]);
    expect(removed.expires).toEqual(new Date(MARCH));
    expect(applyHistory(record(), [version(1), version(2)]).expires).toBeUndefined();
  });
});

describe('historyProblem: expiry and the rolled-from link (issue 12 points 1 and 4)', () => {
  const later = '2026-09-01T00:00:00Z';
  const earlier = '2026-06-01T00:00:00Z';

  it('an expiry brought forward (earlier, or set where there was none) is clean, and the earliest holds', () => {
    expect(historyProblem([version(1, { Expires: later }), version(2, { Expires: earlier })], record({ expires: new Date(earlier) }))).toBeUndefined();
    expect(historyProblem([version(1, { Expires: null }), version(2, { Expires: earlier })], record({ expires: new Date(earlier) }))).toBeUndefined();
    expect(applyHistory(record({ expires: new Date(earlier) }), [version(1, { Expires: later }), version(2, { Expires: earlier })]).expires).toEqual(new Date(earlier));
  });

  it.each([
    ['pushed later', later],
    ['removed', null]
  ])('an expiry %s is flagged expiry-extended with who, and the earlier expiry still holds', (_label, value) => {
    const versions = [version(1, { Expires: earlier }), version(2, { Expires: value, CreatedBy: megan })];
    const current = record({ ...(value ? { expires: new Date(value) } : {}) });
    const proven = applyHistory(current, versions);
    expect(proven.integrity).toMatchObject({ reason: 'expiry-extended', changedBy: { displayName: 'Megan Bowen' } });
    expect(proven.expires).toEqual(new Date(earlier));
  });

  it('RolledFromId kept from creation is clean (null and absent both mean none, as before schema 4)', () => {
    expect(historyProblem([version(1, { RolledFromId: 4 }), version(2, { RolledFromId: 4, Status: 'Revoked' })], record({ rolledFromId: 4, status: 'Revoked' }))).toBeUndefined();
    expect(historyProblem([version(1), version(2, { RolledFromId: null })], record())).toBeUndefined();
    expect(applyHistory(record({ rolledFromId: 4 }), [version(1, { RolledFromId: 4 }), version(2, { RolledFromId: 4 })]).rolledFromId).toBe(4);
  });

  it.each([
    ['set on a generated key', undefined, 9],
    ['re-pointed', 4, 9],
    ['cleared', 4, null]
  ])('RolledFromId %s after creation is flagged rolled-from-changed with who; the link stays the one it was created with', (_label, first, then) => {
    const versions = [version(1, { RolledFromId: first }), version(2, { RolledFromId: then, CreatedBy: megan })];
    const current = record({ ...(typeof then === 'number' ? { rolledFromId: then } : {}) });
    const proven = applyHistory(current, versions);
    expect(proven.integrity).toMatchObject({ reason: 'rolled-from-changed', changedBy: { displayName: 'Megan Bowen' } });
    expect(proven.rolledFromId).toBe(first);
  });

  it('changed in place without a version (the item differs from its latest version) is flagged too', () => {
    expect(historyProblem([version(1), version(2)], record({ rolledFromId: 3 }))).toMatchObject({ reason: 'rolled-from-changed' });
  });
});
