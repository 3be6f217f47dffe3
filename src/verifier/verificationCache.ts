import type { KeyRecord } from '../core';
import type { VerifyResult } from './KeyVerifier.types';

/**
 * What the verifier keeps of a record: enough to decide, nothing more (no hash, no people). `integrity` set: refused.
 * `expiresAt`: the record's expiry in milliseconds, a number so that it survives JSON (the shared Redis cache).
 */
export type CachedKey = Pick<KeyRecord, 'id' | 'name' | 'permission' | 'status' | 'tail' | 'integrity'> & { expiresAt?: number };

export interface CacheEntry {
  /** undefined: the store had no record for this hash. */
  key: CachedKey | undefined;
  expiresAt: number;
  /** When the store was asked (the start of the lookup): a recent lookup proves freshness as a change-log read does. */
  checkedAt: number;
  /** Used since it last reached the old end of the queue (second-chance eviction). */
  used: boolean;
  /** The SHA-256 hex this entry is stored under; the fast path compares it after finding the entry by tail. */
  digest: string;
  /** False once the entry left the cache: the tail index may still point to it for a moment. */
  live: boolean;
  /** The presented key's last 12 characters, when the entry is in the tail index. */
  fastTail?: string;
  /** Answers for a read (GET, HEAD, OPTIONS) and for a write, decided once when cached: a hit builds no result. */
  read?: VerifyResult;
  write?: VerifyResult;
  /** Past this time (the key's expiry plus the tolerance) the decisions above are stale: the fast path declines. */
  allowedUntil?: number;
}

/**
 * Answers by key hash: found records and "no such key" kept apart, each bounded and evicting roughly
 * the least recently used (second chance, or "clock": a hit only sets a flag, and an entry that reaches
 * the old end of the Map's insertion order with the flag set is moved back instead of dropped, which
 * keeps a hit to one Map read). Found records are also indexed by item id, because the change log names
 * items, not hashes, and by the key's tail for the fast path: looking up a 12-character string costs a
 * fraction of looking up a fresh 32-byte digest, and the digest is then compared, so a hit still proves
 * the whole key.
 */
export class VerificationCache {
  private readonly found = new Map<string, CacheEntry>();
  private readonly absent = new Map<string, CacheEntry>();
  private readonly hashById = new Map<number, string>();
  private readonly byTail = new Map<string, CacheEntry>();

  public constructor(private readonly maxEntries: number) {}

  public get(hash: string): CacheEntry | undefined {
    const entry = this.found.get(hash) ?? this.absent.get(hash);
    if (entry !== undefined) {
      entry.used = true;
    }
    return entry;
  }

  /** The live found entry indexed under this tail, if any (the caller compares the digest). */
  public byKeyTail(tail: string): CacheEntry | undefined {
    const entry = this.byTail.get(tail);
    if (entry === undefined || !entry.live) {
      return undefined;
    }
    entry.used = true;
    return entry;
  }

  /** Indexes a found entry by the presented key's tail (a later key with the same tail replaces it: the digest check keeps that safe). */
  public indexTail(entry: CacheEntry, tail: string): void {
    if (!entry.live || entry.key === undefined) {
      return;
    }
    const previous = this.byTail.get(tail);
    if (previous !== undefined && previous !== entry) {
      previous.fastTail = undefined;
    }
    entry.fastTail = tail;
    this.byTail.set(tail, entry);
  }

  public set(hash: string, key: CachedKey | undefined, expiresAt: number, checkedAt: number): CacheEntry {
    this.delete(hash);
    if (key === undefined) {
      const absent: CacheEntry = { key, expiresAt, checkedAt, used: false, digest: hash, live: true };
      this.absent.set(hash, absent);
      this.trim(this.absent);
      return absent;
    }
    const previousHash = this.hashById.get(key.id);
    if (previousHash !== undefined && previousHash !== hash) {
      this.retire(this.found.get(previousHash));
      this.found.delete(previousHash);
    }
    const entry: CacheEntry = { key, expiresAt, checkedAt, used: false, digest: hash, live: true };
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
        this.retire(this.found.get(hash));
        this.found.delete(hash);
        this.hashById.delete(id);
        evicted++;
      }
    }
    return evicted;
  }

  /** Any change may be a new key that a cached "no such key" answer now wrongly refuses. */
  public clearAbsent(): void {
    this.absent.forEach((entry) => this.retire(entry));
    this.absent.clear();
  }

  public clear(): void {
    this.found.forEach((entry) => this.retire(entry));
    this.absent.forEach((entry) => this.retire(entry));
    this.byTail.clear();
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
    this.retire(entry);
    this.retire(this.absent.get(hash));
    this.found.delete(hash);
    this.absent.delete(hash);
  }

  private retire(entry: CacheEntry | undefined): void {
    if (entry === undefined) {
      return;
    }
    entry.live = false;
    if (entry.fastTail !== undefined && this.byTail.get(entry.fastTail) === entry) {
      this.byTail.delete(entry.fastTail);
    }
    entry.fastTail = undefined;
  }

  private trim(map: Map<string, CacheEntry>): void {
    while (map.size > this.maxEntries) {
      const [oldest, entry] = map.entries().next().value as [string, CacheEntry];
      map.delete(oldest);
      if (entry.used) {
        entry.used = false;
        map.set(oldest, entry);
      } else {
        this.retire(entry);
        if (entry.key !== undefined && this.hashById.get(entry.key.id) === oldest) {
          this.hashById.delete(entry.key.id);
        }
      }
    }
  }
}
