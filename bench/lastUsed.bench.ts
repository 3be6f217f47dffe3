// Last used at 1,000 verifications a second over 100 keys: how many usage-list writes the recorder makes, on a
// simulated clock (15 minutes = 900,000 verifications), and the real CPU time of noting a use on the request path.
import type { KeyUse, KeyUsageWriteResult, KeyUsageWriter } from '../src/data/KeyUsageStore.types';
import { LastUsedRecorder } from '../src/verifier/lastUsed';
import { FakeClock } from '../src/verifier/testing/FakeClock';

const KEYS = 100;
const PER_SECOND = 1_000;
const MINUTES = 15;
const WINDOW = 5 * 60_000;

class CountingWriter implements KeyUsageWriter {
  public writes = 0;
  public async recordUse(uses: KeyUse[]): Promise<KeyUsageWriteResult> {
    this.writes += uses.length;
    return { written: uses.length, failed: [], skipped: 0 };
  }
}

async function main(): Promise<void> {
  const clock = new FakeClock();
  const writer = new CountingWriter();
  const recorder = new LastUsedRecorder({ store: writer, windowMs: WINDOW, flushIntervalMs: 1_000 }, clock, undefined);
  recorder.start();
  const tails = Array.from({ length: KEYS }, (_, i) => `tail${String(i).padStart(8, '0')}`);
  let verifications = 0;
  let noteNs = 0n;
  for (let second = 0; second < MINUTES * 60; second++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < PER_SECOND; i++) {
      const key = (second * PER_SECOND + i) % KEYS;
      recorder.note(key, tails[key]);
    }
    noteNs += process.hrtime.bigint() - started;
    verifications += PER_SECOND;
    await clock.advance(1_000);
  }
  await recorder.stop();
  const windows = (MINUTES * 60_000) / WINDOW;
  console.log(`last used: ${KEYS} keys, ${PER_SECOND} verifications/s, ${MINUTES} simulated minutes`);
  console.log(`  verifications            ${verifications.toLocaleString('en-US')}`);
  console.log(`  usage-list writes        ${writer.writes} (incl. the flush on stop)`);
  console.log(`  writes per key per 5 min ${(writer.writes / KEYS / windows).toFixed(2)} (bound: 1, plus the first write and the final flush)`);
  console.log(`  writes per second        ${(writer.writes / (MINUTES * 60)).toFixed(3)}`);
  console.log(`  CPU per verification on the recording path (note): ${(Number(noteNs) / verifications).toFixed(1)} ns`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
