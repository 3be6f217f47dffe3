import './testing/webCrypto';
import { createHash } from 'node:crypto';
import { generateKey } from '../core';
import type { KeyUse, KeyUsageWriteResult, KeyUsageWriter } from '../data/KeyUsageStore.types';
import { UsageListMissingError } from '../data/KeyUsageStore.types';
import { KeyVerifier } from './KeyVerifier';
import type { VerifierLogger } from './KeyVerifier.types';
import { LastUsedRecorder } from './lastUsed';
import { prometheusText } from './metrics';
import { FakeClock } from './testing/FakeClock';
import { FakeKeyStore } from './testing/FakeKeyStore';

const WINDOW = 5 * 60_000;

/** Counts every write it is asked for, as the usage list would receive them. */
class CountingWriter implements KeyUsageWriter {
  public readonly writes: KeyUse[] = [];
  public failNext = 0;
  public missing = false;
  public async recordUse(uses: KeyUse[]): Promise<KeyUsageWriteResult> {
    if (this.missing) {
      throw new UsageListMissingError();
    }
    if (this.failNext > 0) {
      this.failNext--;
      return { written: 0, failed: uses, skipped: 0 };
    }
    this.writes.push(...uses);
    return { written: uses.length, failed: [], skipped: 0 };
  }
  public writesFor(keyId: number): KeyUse[] {
    return this.writes.filter((w) => w.keyId === keyId);
  }
}

function logger(): { lines: string[]; logger: VerifierLogger } {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, logger: { info: write, warn: write } };
}

function recorder(clock: FakeClock, writer: KeyUsageWriter, log?: VerifierLogger): LastUsedRecorder {
  const r = new LastUsedRecorder({ store: writer, windowMs: WINDOW, flushIntervalMs: 1_000 }, clock, log);
  r.start();
  return r;
}

describe('LastUsedRecorder', () => {
  test('the first use after a quiet period is written at the next tick, with its exact time', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    await clock.advance(300);
    r.note(7, 'tail00000007');
    const first = clock.now();
    await clock.advance(400);
    r.note(7, 'tail00000007');
    await clock.advance(300);
    expect(writer.writes).toEqual([{ keyId: 7, tail: 'tail00000007', lastUsed: new Date(first) }]);
    await r.stop();
  });

  test('later uses are dated by the flush tick they fall in: at most one flush interval early, never late', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    r.note(8, 't');
    await clock.advance(1_000);
    await clock.advance(WINDOW - 1_500);
    r.note(8, 't');
    const latest = clock.now();
    await clock.advance(2_000);
    const written = writer.writes[1].lastUsed.getTime();
    expect(latest - written).toBeGreaterThanOrEqual(0);
    expect(latest - written).toBeLessThan(1_000);
    await r.stop();
  });

  test('N uses within a window make one write; the latest is written when the window ends', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    r.note(1, 'a');
    await clock.advance(1_000);
    expect(writer.writes).toHaveLength(1);
    let latest = 0;
    for (let i = 0; i < 1_000; i++) {
      await clock.advance(WINDOW / 1_000 - 1);
      r.note(1, 'a');
      latest = clock.now();
    }
    // 999 s into the window... still one write; the window ends at the first write + 5 min.
    expect(writer.writes).toHaveLength(1);
    await clock.advance(WINDOW);
    expect(writer.writes).toHaveLength(2);
    expect(latest - writer.writes[1].lastUsed.getTime()).toBeLessThan(1_000);
    // Nothing new: no third write however long it stays quiet.
    await clock.advance(3 * WINDOW);
    expect(writer.writes).toHaveLength(2);
    await r.stop();
  });

  test('a use after a quiet window is written promptly again', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    r.note(3, 't');
    await clock.advance(1_000);
    await clock.advance(2 * WINDOW);
    r.note(3, 't');
    const at = clock.now();
    await clock.advance(1_000);
    expect(writer.writesFor(3).map((w) => w.lastUsed.getTime())).toEqual([writer.writes[0].lastUsed.getTime(), at]);
    await r.stop();
  });

  test('1,000 verifications a second for 15 minutes on 100 keys: at most one write per key per 5 minutes', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    for (let second = 0; second < 15 * 60; second++) {
      for (let i = 0; i < 1_000; i++) {
        r.note(i % 100, `t${i % 100}`);
      }
      await clock.advance(1_000);
    }
    for (let key = 0; key < 100; key++) {
      const times = writer.writesFor(key).map((w) => w.lastUsed.getTime());
      // Written at the first tick, then once per window: 0, 5, 10 and 15 minutes.
      expect(times.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < times.length; i++) {
        expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(WINDOW - 1_000);
      }
    }
    expect(writer.writes.length).toBeLessThanOrEqual(400);
    await r.stop();
  });

  test('stop() writes what is pending, inside the window too', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const r = recorder(clock, writer);
    r.note(5, 'x');
    await clock.advance(1_000);
    await clock.advance(10_000);
    r.note(5, 'x');
    const at = clock.now();
    await r.stop();
    expect(writer.writesFor(5).map((w) => w.lastUsed.getTime())).toHaveLength(2);
    expect(at - writer.writes[1].lastUsed.getTime()).toBeLessThan(1_000);
  });

  test('a failed write is retried in the next window, never sooner, and counted', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    const log = logger();
    const r = recorder(clock, writer, log.logger);
    writer.failNext = 1;
    r.note(9, 'abc');
    await clock.advance(1_000);
    expect(r.stats()).toMatchObject({ writes: 0, writeFailures: 1, pending: 1 });
    await clock.advance(WINDOW - 2_000);
    expect(writer.writes).toHaveLength(0);
    await clock.advance(2_000);
    expect(writer.writes).toHaveLength(1);
    expect(r.stats()).toMatchObject({ writes: 1, writeFailures: 1, pending: 0 });
    expect(log.lines.join('\n')).toContain('9 (…abc)');
    await r.stop();
  });

  test('a missing usage list is reported once, and noting uses never throws', async () => {
    const clock = new FakeClock();
    const writer = new CountingWriter();
    writer.missing = true;
    const log = logger();
    const r = recorder(clock, writer, log.logger);
    for (let i = 0; i < 3; i++) {
      r.note(1, 'a');
      await clock.advance(WINDOW + 1_000);
    }
    expect(log.lines.filter((l) => l.includes('usage list missing: run set-up in the page'))).toHaveLength(1);
    await r.stop();
  });
});

describe('KeyVerifier with lastUsed', () => {
  const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

  test('1,000 verifications of one key in a window cost one write, through the fast path and the slow one', async () => {
    const clock = new FakeClock();
    const store = new FakeKeyStore();
    const writer = new CountingWriter();
    const verifier = new KeyVerifier({ store, changes: store, clock, lastUsed: { store: writer } });
    const { key } = await generateKey();
    const id = store.add(sha256(key), 'FullControl').id;
    await verifier.start();
    for (let i = 0; i < 1_000; i++) {
      expect((await verifier.verify(key, 'GET')).allowed).toBe(true);
    }
    await clock.advance(1_000);
    expect(writer.writes).toEqual([{ keyId: id, tail: key.slice(-12), lastUsed: expect.any(Date) }]);
    for (let i = 0; i < 1_000; i++) {
      verifier.verifyCached(key, 'GET');
      await clock.advance(100);
    }
    expect(writer.writes).toHaveLength(1);
    await clock.advance(WINDOW);
    expect(writer.writes).toHaveLength(2);
    expect(prometheusText(verifier.metrics())).toContain('akm_verifier_last_used_writes_total 2');
    await verifier.stop();
  });

  test('a refused key is never recorded', async () => {
    const clock = new FakeClock();
    const store = new FakeKeyStore();
    const writer = new CountingWriter();
    const verifier = new KeyVerifier({ store, changes: store, clock, lastUsed: { store: writer } });
    const { key } = await generateKey();
    store.add(sha256(key), 'ReadOnly');
    await verifier.start();
    expect((await verifier.verify(key, 'POST')).allowed).toBe(false);
    await clock.advance(2_000);
    await verifier.stop();
    expect(writer.writes).toHaveLength(0);
  });
});
