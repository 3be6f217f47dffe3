import './testing/webCrypto';
import { createHash } from 'node:crypto';
import { checkKeyFormat, generateKey } from '../core';
import { seededRandom } from '../core/testing/recordFixtures';
import { KeyVerifier } from './KeyVerifier';
import { authenticate } from './middleware/authenticate';
import { extractApiKey } from './middleware/extractApiKey';
import type { VerifyResult } from './KeyVerifier.types';
import { FakeClock } from './testing/FakeClock';
import { FakeKeyStore } from './testing/FakeKeyStore';

const RUNS = 100_000;
const SEED = Number(process.env.AKM_FUZZ_SEED ?? 20261129);


const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NASTY = ['\u0000', '\n', '\r', ' ', '\t', '_', '-', '+', '/', '=', ':', '"', '%', '\u00e9', '\u0430', '\u200b', '\ufeff', '\ud83d\udd11', '\ud800', 'ａ', 'Ａ'];
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'TRACE', ''];

// 100,000 verifications take about 5 s here, more on a loaded machine: the limit is for a hang, not for speed.
jest.setTimeout(60_000);

describe(`fuzz: ${RUNS} random and mutated keys (seed ${SEED})`, () => {
  it('never crashes, never allows, and never asks the store about a malformed key', async () => {
    const random = seededRandom(SEED);
    const int = (n: number): number => Math.floor(random() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)];
    const charFrom = (): string => (random() < 0.7 ? BASE62[int(62)] : random() < 0.5 ? pick(NASTY) : String.fromCodePoint(int(0x2ffff)));

    const store = new FakeKeyStore();
    // One client sends all of it on a clock that never moves: the limits (tested on their own in underAttack.test.ts)
    // are lifted so every key reaches the checks.
    const unlimited = { limit: 1e9, perMs: 1_000 };
    const verifier = new KeyVerifier({ store, changes: store, clock: new FakeClock(), refusalLimit: unlimited, lookupRate: unlimited, clientLookupRate: unlimited });
    const realKeys: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { key } = await generateKey();
      realKeys.push(key);
      store.add(createHash('sha256').update(key).digest('hex'), i % 2 ? 'ReadOnly' : 'FullControl');
    }
    // Well-formed keys that were never issued: they must reach the store and be refused there.
    const neverIssued: string[] = [];
    for (let i = 0; i < 200; i++) {
      neverIssued.push((await generateKey()).key);
    }
    await verifier.start();

    const mutations: Array<(key: string) => string> = [
      (k) => {
        const i = int(k.length);
        return k.slice(0, i) + charFrom() + k.slice(i + 1);
      },
      (k) => {
        const i = int(k.length);
        return k.slice(0, i) + k.slice(i + 1);
      },
      (k) => {
        const i = int(k.length + 1);
        return k.slice(0, i) + charFrom() + k.slice(i);
      },
      (k) => {
        const i = int(k.length - 1);
        return k.slice(0, i) + k[i + 1] + k[i] + k.slice(i + 2);
      },
      (k) => k.slice(0, int(k.length)),
      (k) => pick(['AKM_', 'akm-', 'akm', 'sk_', 'ghp_', 'akm__', '']) + k.slice(4),
      (k) => (random() < 0.5 ? k.toUpperCase() : k.toLowerCase()),
      (k) => pick([' ', '\n', '\t', '\u00a0', '"']) + k + pick(['', ' ', '\r\n', ',']),
      (k) => k + k.slice(4)
    ];
    const generators: Array<() => string> = [
      () => Array.from({ length: int(80) }, charFrom).join(''),
      () => `akm_${Array.from({ length: 49 }, () => BASE62[int(62)]).join('')}`,
      () => pick(neverIssued),
      () => pick(mutations)(pick(realKeys)),
      () => pick(mutations)(pick(mutations)(pick(realKeys)))
    ];

    let wellFormed = 0;
    let tried = 0;
    for (let run = 0; run < RUNS; run++) {
      const presented = pick(generators)();
      if (realKeys.indexOf(presented) !== -1) {
        // A mutation that gave back the key itself (swapping two equal characters): not a forgery.
        continue;
      }
      tried++;
      const lookupsBefore = store.calls.findByHash;
      const method = pick(METHODS);
      let result: VerifyResult;
      let malformed: boolean;
      if (run % 10 === 0) {
        // Through the middleware's extraction, which trims the header value as HTTP does.
        const header = `Bearer ${presented}`;
        const extracted = extractApiKey((name) => (name === 'authorization' ? header : undefined));
        if (extracted.kind === 'key' && realKeys.indexOf(extracted.key) !== -1) {
          continue;
        }
        malformed = extracted.kind !== 'key' || !checkKeyFormat(extracted.key).ok;
        result = await authenticate(verifier, (name) => (name === 'authorization' ? header : undefined), method);
      } else {
        malformed = !checkKeyFormat(presented).ok;
        result = await verifier.verify(presented, method);
      }
      if (result.allowed) {
        throw new Error(`run ${run} (seed ${SEED}) was allowed`);
      }
      if (malformed) {
        if (store.calls.findByHash !== lookupsBefore) {
          throw new Error(`run ${run} (seed ${SEED}): a malformed key reached the store`);
        }
        expect(result.status).toBe(401);
      } else {
        wellFormed++;
      }
    }
    await verifier.stop();
    expect(tried).toBeGreaterThan(RUNS * 0.99);
    // Only never-issued keys pass the format check (a random or mutated string does about once in 2^32);
    // each is looked up once, then answered from the negative cache.
    expect(wellFormed).toBeGreaterThan(RUNS / 10);
    expect(store.calls.findByHash).toBeLessThanOrEqual(neverIssued.length + 5);
    expect(store.calls.findByHash).toBeGreaterThan(0);
  });
});
