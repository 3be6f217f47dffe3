import { ConflictError, ThrottledError } from '../../core';
import { FakeKeyStore, fakeRecord } from '../__tests__/FakeKeyStore';
import { revokeEach } from './revokeEach';

describe('revokeEach', () => {
  test('revokes each key with its own ETag and reports every success as it lands', async () => {
    const store = new FakeKeyStore([fakeRecord(1, { etag: '"4"' }), fakeRecord(2, { etag: '"7"' })]);
    const calls: Array<[number, string]> = [];
    const original = store.revokeKey.bind(store);
    store.revokeKey = (id, etag) => {
      calls.push([id, etag]);
      return original(id, etag);
    };
    const seen: number[] = [];
    const progress: number[] = [];
    const result = await revokeEach(store, store.records, (done) => progress.push(done), (record) => seen.push(record.id));
    expect(calls).toEqual([
      [1, '"4"'],
      [2, '"7"']
    ]);
    expect(result.revoked.map((r) => [r.id, r.status])).toEqual([
      [1, 'Revoked'],
      [2, 'Revoked']
    ]);
    expect(result.failed).toEqual([]);
    expect(seen).toEqual([1, 2]);
    expect(progress).toEqual([0, 1, 2]);
  });

  test('a failure in the middle leaves that key as it was and still revokes the rest', async () => {
    const records = [fakeRecord(1), fakeRecord(2), fakeRecord(3)];
    const store = new FakeKeyStore(records);
    // Key 2 was renamed by someone else since the page read it: its ETag no longer matches.
    await store.renameKey(2, 'Renamed meanwhile', records[1].etag);
    const throttled = new ThrottledError(30);
    store.failNext('revokeKey', throttled);
    const result = await revokeEach(store, records, () => undefined, () => undefined);
    expect(result.revoked.map((r) => r.id)).toEqual([3]);
    expect(result.failed.map((f) => f.record.id)).toEqual([1, 2]);
    expect(result.failed[0].error).toBe(throttled);
    expect(result.failed[1].error).toBeInstanceOf(ConflictError);
    expect(store.records.map((r) => [r.id, r.status])).toEqual([
      [1, 'Active'],
      [2, 'Active'],
      [3, 'Revoked']
    ]);
  });
});
