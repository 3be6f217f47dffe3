// SharePointKeyStore against the emulator over HTTP: requests and time to list 100 / 5,000 / 20,000 keys and to
// find one by hash. Prints numbers only; never fails on timing. Run: npx tsx bench/store.bench.ts
import { SharePointKeyStore } from '../src/data';
import { startEmulator } from '../workbench/emulator';
import { nodeSharePoint } from '../workbench/emulator/sharePointClient';

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
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
      const times: number[] = [];
      let requests = 0;
      for (let run = 0; run < RUNS; run++) {
        emulator.requests.length = 0;
        const started = performance.now();
        const records = await store.listKeys();
        times.push(performance.now() - started);
        requests = emulator.requests.length;
        if (records.length !== size) throw new Error(`listed ${records.length} of ${size}`);
      }
      console.log(`store: listKeys ${String(size).padStart(6)} keys        ${String(requests).padStart(8)}   ${median(times).toFixed(1).padStart(9)}`);
    }
    const times: number[] = [];
    let requests = 0;
    for (let run = 0; run < RUNS * 10; run++) {
      const hash = hashes[Math.floor(Math.random() * hashes.length)];
      emulator.requests.length = 0;
      const started = performance.now();
      const found = await store.findByHash(hash);
      times.push(performance.now() - started);
      requests = emulator.requests.length;
      if (!found) throw new Error('a stored hash was not found');
    }
    console.log(`store: findByHash in 20,000 keys   ${String(requests).padStart(8)}   ${median(times).toFixed(1).padStart(9)}`);
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
    const times: number[] = [];
    let requests = 0;
    for (let run = 0; run < RUNS; run++) {
      emulator.requests.length = 0;
      const started = performance.now();
      const records = await store.listKeys();
      times.push(performance.now() - started);
      requests = emulator.requests.length;
      if (records.filter((r) => r.status === 'Revoked' && r.integrity === undefined).length !== 500) throw new Error('revoked keys were not proven by their history');
    }
    console.log(`store: listKeys 5,000 (500 revoked)  ${String(requests).padStart(6)}   ${median(times).toFixed(1).padStart(9)}`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
