// Two verifier instances' last-used recorders sharing one real redis-server: N instances, one write per key per window.
import type { KeyUse, KeyUsageWriteResult, KeyUsageWriter } from '../../src/data/KeyUsageStore.types';
import { LastUsedRecorder } from '../../src/verifier/lastUsed';
import { createRedisSharing } from '../../src/verifier/redis';
import type { VerifierSharing } from '../../src/verifier/sharing';
import { FakeClock } from '../../src/verifier/testing/FakeClock';
import { startRedisServer } from './redisServer';
import type { RedisServer } from './redisServer';

const WINDOW = 5 * 60_000;

class CountingWriter implements KeyUsageWriter {
  public readonly writes: KeyUse[] = [];
  public async recordUse(uses: KeyUse[]): Promise<KeyUsageWriteResult> {
    this.writes.push(...uses);
    return { written: uses.length, failed: [], skipped: 0 };
  }
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
}, 20_000);
afterAll(async () => {
  await redis.stop();
});

async function instances(prefix: string, clock: FakeClock, writer: KeyUsageWriter): Promise<{ recorders: LastUsedRecorder[]; sharings: VerifierSharing[] }> {
  const sharings = [createRedisSharing({ url: redis.url, prefix }), createRedisSharing({ url: redis.url, prefix })];
  for (const sharing of sharings) {
    await sharing.start(() => undefined);
  }
  const recorders = sharings.map((sharing) => new LastUsedRecorder({ store: writer, windowMs: WINDOW, flushIntervalMs: 1_000 }, clock, undefined, sharing.lastUsed));
  recorders.forEach((r) => r.start());
  return { recorders, sharings };
}

/** Lets Redis answer: the fake clock moves time, the real event loop carries the commands. */
async function tick(clock: FakeClock, ms: number): Promise<void> {
  await clock.advance(ms);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await clock.advance(0);
}

test('two instances using the same keys make one write per key per window in all, with the latest use of either', async () => {
  const clock = new FakeClock();
  const writer = new CountingWriter();
  const { recorders, sharings } = await instances(`akm-test-${Date.now()}:`, clock, writer);
  // 30 s of both instances using keys 1 and 2 (the fake clock drives the ticks; Redis's lease runs on its own
  // clock and lasts the 5-minute window): alone, each instance would write each key once, two writes per key.
  let latest = 0;
  for (let second = 0; second < 30; second++) {
    recorders[second % 2].note(1, 'tail-one');
    recorders[(second + 1) % 2].note(2, 'tail-two');
    latest = clock.now();
    await tick(clock, 1_000);
  }
  const perKey = (id: number): number => writer.writes.filter((w) => w.keyId === id).length;
  // Within one window (Redis's lease lasts 5 real minutes): each key written once, by one of the two instances.
  expect(perKey(1)).toBe(1);
  expect(perKey(2)).toBe(1);
  // Stopping inside the window: each instance writes its keys' latest use reported so far unless a time as late is
  // written already (one write per stopping instance at most), so no use waits for the key's next use.
  for (const r of recorders) {
    await r.stop();
  }
  for (const id of [1, 2]) {
    expect(perKey(id)).toBeLessThanOrEqual(1 + recorders.length);
    const times = writer.writes.filter((w) => w.keyId === id).map((w) => w.lastUsed.getTime());
    // Strictly later each time: a stopping instance never writes what is written already.
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(new Set(times).size).toBe(times.length);
    // Dated by the flush tick the use fell in (at most one flush interval early).
    expect(Math.max(...times)).toBeGreaterThanOrEqual(latest - 1_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(latest);
  }
  for (const s of sharings) {
    await s.stop();
  }
}, 30_000);

test("an instance stopping while another holds the key's window writes its later use itself (not left until the key's next use)", async () => {
  const clock = new FakeClock();
  const writer = new CountingWriter();
  const { recorders, sharings } = await instances(`akm-test-s-${Date.now()}:`, clock, writer);
  const [holder, stopping] = recorders;
  holder.note(5, 'tail-five');
  await tick(clock, 1_000);
  expect(writer.writes.map((w) => [w.keyId, w.lastUsed.getTime()])).toEqual([[5, clock.now() - 1_000]]);
  // A minute later the other instance accepts the key: the holder's window (5 minutes) makes it wait.
  await tick(clock, 60_000);
  stopping.note(5, 'tail-five');
  const usedAt = clock.now();
  await tick(clock, 1_000);
  expect(writer.writes).toHaveLength(1);
  // It stops (scale-in, deploy) while the holder, with nothing pending for the key, would never claim it again.
  await stopping.stop();
  expect(writer.writes.map((w) => [w.keyId, w.lastUsed.getTime()])).toEqual([
    [5, usedAt - 61_000],
    [5, usedAt]
  ]);
  expect(stopping.stats()).toMatchObject({ writes: 1, pending: 0 });
  // What it wrote is known to all: the holder's own stop, and its later claims of older uses, write nothing more.
  expect(await sharings[0].lastUsed!.claim(5, 'tail-five', usedAt - 30_000, WINDOW)).toEqual({ action: 'done' });
  await holder.stop();
  expect(writer.writes).toHaveLength(2);
  for (const s of sharings) {
    await s.stop();
  }
}, 30_000);

test('after the window, the instance that claims it writes the latest use any instance reported', async () => {
  const clock = new FakeClock();
  const writer = new CountingWriter();
  const windowMs = 400;
  const prefix = `akm-test-w-${Date.now()}:`;
  const sharings = [createRedisSharing({ url: redis.url, prefix }), createRedisSharing({ url: redis.url, prefix })];
  for (const sharing of sharings) {
    await sharing.start(() => undefined);
  }
  const [a, b] = sharings.map((s) => s.lastUsed!);
  const first = await a.claim(4, 't', 1_000, windowMs);
  expect(first).toEqual({ action: 'write', lastUsed: 1_000 });
  await a.written(4, 1_000);
  // B's later use inside A's window: wait, and its time is kept.
  const waiting = await b.claim(4, 't', 2_000, windowMs);
  expect(waiting.action).toBe('wait');
  // A's own older use is covered by what was written.
  expect(await a.claim(4, 't', 900, windowMs)).toEqual({ action: 'done' });
  await new Promise((resolve) => setTimeout(resolve, windowMs + 50));
  // A claims the next window with an older use than B's: it writes B's, the maximum.
  expect(await a.claim(4, 't', 1_500, windowMs)).toEqual({ action: 'write', lastUsed: 2_000 });
  await a.written(4, 2_000);
  expect(await b.claim(4, 't', 2_000, windowMs)).toEqual({ action: 'done' });
  for (const s of sharings) {
    await s.stop();
  }
  expect(writer.writes).toHaveLength(0);
  expect(clock.now()).toBeGreaterThan(0);
});

test('two KeyVerifier instances sharing Redis: one write per key per window for both, however many verifications', async () => {
  await import('../../src/verifier/testing/webCrypto');
  const { createHash } = await import('node:crypto');
  const { generateKey } = await import('../../src/core');
  const { KeyVerifier } = await import('../../src/verifier');
  const { FakeKeyStore } = await import('../../src/verifier/testing/FakeKeyStore');
  const clock = new FakeClock();
  const store = new FakeKeyStore();
  const writer = new CountingWriter();
  const prefix = `akm-test-v-${Date.now()}:`;
  const { key } = await generateKey();
  const id = store.add(createHash('sha256').update(key, 'utf8').digest('hex'), 'FullControl').id;
  const verifiers = [0, 1].map(
    () => new KeyVerifier({ store, changes: store, clock, provisioningCheckIntervalMs: 0, sharing: createRedisSharing({ url: redis.url, prefix }), lastUsed: { store: writer, windowMs: WINDOW } })
  );
  for (const verifier of verifiers) {
    await verifier.start();
  }
  for (let second = 0; second < 20; second++) {
    for (let i = 0; i < 50; i++) {
      expect((await verifiers[i % 2].verify(key, 'GET')).allowed).toBe(true);
    }
    await tick(clock, 1_000);
  }
  expect(writer.writes.filter((w) => w.keyId === id)).toHaveLength(1);
  expect(verifiers[0].metrics().lastUsedWrites + verifiers[1].metrics().lastUsedWrites).toBe(1);
  for (const verifier of verifiers) {
    await verifier.stop();
  }
}, 30_000);
