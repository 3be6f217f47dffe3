// SharePointKeyStore against the emulator over HTTP: requests and time to list 100 / 5,000 / 20,000 keys and to
// find one by hash. Prints numbers only; never fails on timing. Run: npx tsx bench/store.bench.ts
import { SharePointKeyStore } from '../src/data';
import { startEmulator } from '../workbench/emulator';
import type { Emulator } from '../workbench/emulator';
import { nodeSharePoint } from '../workbench/emulator/sharePointClient';

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `operation` `runs` times: its median time and the requests one run sends. `check` throws on a wrong answer. */
async function measure<T>(emulator: Emulator, runs: number, operation: () => Promise<T>, check: (result: T) => void): Promise<{ requests: number; ms: number }> {
  const times: number[] = [];
  let requests = 0;
  for (let run = 0; run < runs; run++) {
    emulator.requests.length = 0;
    const started = performance.now();
    const result = await operation();
    times.push(performance.now() - started);
    requests = emulator.requests.length;
    check(result);
  }
  return { requests, ms: median(times) };
}

function row(label: string, { requests, ms }: { requests: number; ms: number }, width: number = 8): string {
  return `store: ${label}${String(requests).padStart(width)}   ${ms.toFixed(1).padStart(9)}`;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const store = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, emulator.users.adele.token));
    await store.ensureProvisioned();
    const hashes: string[] = [];
    console.log('store: operation                     requests   median ms');
    for (const size of [100, 5_000, 20_000]) {
      const missing = size - emulator.state.itemCount();
      hashes.push(...emulator.state.bulkInsertKeys(missing).map((k) => k.hash));
      const listed = await measure(emulator, RUNS, () => store.listKeys(), (records) => {
        if (records.length !== size) throw new Error(`listed ${records.length} of ${size}`);
      });
      console.log(row(`listKeys ${String(size).padStart(6)} keys        `, listed));
    }
    const lookup = await measure(emulator, RUNS * 10, () => store.findByHash(hashes[Math.floor(Math.random() * hashes.length)]), (found) => {
      if (!found) throw new Error('a stored hash was not found');
    });
    console.log(row('findByHash in 20,000 keys   ', lookup));
    await historyCost();
  } finally {
    await emulator.close();
  }
}

/** Keys past version 1.0 (renamed or revoked) cost one version-history read each when listed: 5,000 keys, 10% of them revoked. */
async function historyCost(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const store = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, emulator.users.adele.token));
    await store.ensureProvisioned();
    const inserted = emulator.state.bulkInsertKeys(5_000);
    for (const { id } of inserted.slice(0, 500)) {
      emulator.state.updateItem(id, { Status: 'Revoked', RevokedById: emulator.users.adele.siteUserId }, emulator.users.adele);
    }
    const listed = await measure(emulator, RUNS, () => store.listKeys(), (records) => {
      if (records.filter((r) => r.status === 'Revoked' && r.integrity === undefined).length !== 500) throw new Error('revoked keys were not proven by their history');
    });
    console.log(row('listKeys 5,000 (500 revoked)  ', listed, 6));
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
