import type { KeyRecord } from '../core';
import type { VerifyResult } from './KeyVerifier.types';

/** What the verifier keeps of a record: enough to decide, nothing more (no hash, no people). */
export type CachedKey = Pick<KeyRecord, 'id' | 'name' | 'permission' | 'status' | 'tail'>;

export interface CacheEntry {
  /** undefined: the store had no record for this hash. */
  key: CachedKey | undefined;
  expiresAt: number;
  /** When the store was asked (the start of the lookup): a recent lookup proves freshness as a change-log read does. */
  checkedAt: number;
  /** Used since it last reached the old end of the queue (second-chance eviction). */
  used: boolean;
  /** Answers for a read (GET, HEAD, OPTIONS) and for a write, decided once when cached: a hit allocates nothing. */
  read?: VerifyResult;
  write?: VerifyResult;
}

/**
 * Answers by key hash: found records and "no such key" kept apart, each bounded and evicting roughly
 * the least recently used (second chance, or "clock": a hit only sets a flag, and an entry that reaches
 * the old end of the Map's insertion order with the flag set is moved back instead of dropped, which
 * keeps a hit to one Map read). Found records are also indexed by item id, because the change log names
 * items, not hashes.
 */
export class VerificationCache {
  private readonly found = new Map<string, CacheEntry>();
  private readonly absent = new Map<string, CacheEntry>();
  private readonly hashById = new Map<number, string>();

  public constructor(private readonly maxEntries: number) {}

  public get(hash: string): CacheEntry | undefined {
    const entry = this.found.get(hash) ?? this.absent.get(hash);
    if (entry !== undefined) {
      entry.used = true;
    }
    return entry;
  }

  public set(hash: string, key: CachedKey | undefined, expiresAt: number, checkedAt: number): CacheEntry {
    this.delete(hash);
    if (key === undefined) {
      const absent: CacheEntry = { key, expiresAt, checkedAt, used: false };
      this.absent.set(hash, absent);
      this.trim(this.absent);
      return absent;
    }
    const previousHash = this.hashById.get(key.id);
    if (previousHash !== undefined && previousHash !== hash) {
      this.found.delete(previousHash);
    }
    const entry: CacheEntry = { key, expiresAt, checkedAt, used: false };
    this.found.set(hash, entry);
    this.hashById.set(key.id, hash);
    this.trim(this.found);
    return entry;
  }

  /** Drops the answers for these list items; returns how many were cached. */
  public evictItems(ids: readonly number[]): number {
    let evicted = 0;
    for (const id of ids) {
      const hash = this.hashById.get(id);
      if (hash !== undefined) {
        this.found.delete(hash);
        this.hashById.delete(id);
        evicted++;
      }
    }
    return evicted;
  }

  /** Any change may be a new key that a cached "no such key" answer now wrongly refuses. */
  public clearAbsent(): void {
    this.absent.clear();
  }

  public clear(): void {
    this.found.clear();
    this.absent.clear();
    this.hashById.clear();
  }

  public get size(): { found: number; absent: number } {
    return { found: this.found.size, absent: this.absent.size };
  }

  private delete(hash: string): void {
    const entry = this.found.get(hash);
    if (entry?.key !== undefined) {
      this.hashById.delete(entry.key.id);
    }
    this.found.delete(hash);
    this.absent.delete(hash);
  }

  private trim(map: Map<string, CacheEntry>): void {
    while (map.size > this.maxEntries) {
      const [oldest, entry] = map.entries().next().value as [string, CacheEntry];
      map.delete(oldest);
      if (entry.used) {
        entry.used = false;
        map.set(oldest, entry);
      } else if (entry.key !== undefined && this.hashById.get(entry.key.id) === oldest) {
        this.hashById.delete(entry.key.id);
      }
    }
  }
}
