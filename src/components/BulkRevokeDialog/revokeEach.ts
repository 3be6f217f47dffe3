import type { KeyRecord } from '../../core';
import type { KeyStore } from '../../data';

export interface RevokeFailure {
  record: KeyRecord;
  error: unknown;
}

export interface RevokeEachResult {
  /** The records as stored after their revocation. */
  revoked: KeyRecord[];
  /** The keys left as they were, each with why. */
  failed: RevokeFailure[];
}

/**
 * Revokes each key with its own ETag, one after the other: SharePoint throttles bursts, and a key
 * someone else changed meanwhile is refused (ConflictError) while the others still go through.
 * `onRevoked` sees each success at once, so the list shows it even if a later key fails.
 */
export async function revokeEach(
  store: Pick<KeyStore, 'revokeKey'>,
  records: readonly KeyRecord[],
  onProgress: (done: number) => void,
  onRevoked: (record: KeyRecord) => void
): Promise<RevokeEachResult> {
  const result: RevokeEachResult = { revoked: [], failed: [] };
  for (let i = 0; i < records.length; i++) {
    onProgress(i);
    try {
      const stored = await store.revokeKey(records[i].id, records[i].etag);
      result.revoked.push(stored);
      onRevoked(stored);
    } catch (error) {
      result.failed.push({ record: records[i], error });
    }
  }
  onProgress(records.length);
  return result;
}
