// Prints how long the overview's search + filter + sort takes over 10,000 keys (target: well under
// one 16 ms frame). Numbers only: it never fails on timing. Run: npx tsx bench/query.bench.ts
import { performance } from 'node:perf_hooks';
import { peopleIn, queryKeys, renameRecord } from '../src/core';
import type { KeyQuery, KeyRecord } from '../src/core';
import { makeRecords } from '../src/core/testing/recordFixtures';

const RECORDS = 10_000;
const RUNS = Number(process.env.AKM_BENCH_RUNS ?? 200);
const WARMUP = 20;

function percentile(sortedMs: readonly number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

function time(action: () => unknown): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function measure(records: readonly KeyRecord[], query: KeyQuery): { median: number; p95: number; max: number; shown: number } {
  let shown = 0;
  for (let i = 0; i < WARMUP; i++) {
    shown = queryKeys(records, query).length;
  }
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(time(() => queryKeys(records, query)));
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1], shown };
}

const records = makeRecords(RECORDS, 20261129);
const creators = peopleIn(records, 'createdBy');
const revokers = peopleIn(records, 'revokedBy');

const scenarios: Array<[string, KeyQuery]> = [
  ['no query (input order)', {}],
  ['search "elodie"', { search: 'elodie' }],
  ['search "cafe prod" (two terms, accents)', { search: 'Café PROD' }],
  ['sort by name asc', { sort: { column: 'name' } }],
  ['sort by name desc', { sort: { column: 'name', descending: true } }],
  ['sort by created desc', { sort: { column: 'created', descending: true } }],
  ['sort by revokedBy asc (undefined last)', { sort: { column: 'revokedBy' } }],
  [
    'search + 4 filters + sort by name',
    {
      search: 'sync',
      filters: { status: ['Active'], permission: ['ReadOnly', 'FullControl'], createdBy: creators.slice(0, 8).map((p) => p.id), created: { from: new Date(Date.UTC(2024, 3, 1)) } },
      sort: { column: 'name' }
    }
  ],
  [
    'revoked by 3 people in 2025, sort by revokedAt desc',
    {
      filters: { revokedBy: revokers.slice(0, 3).map((p) => p.id), revokedAt: { from: new Date(Date.UTC(2025, 0, 1)), to: new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999)) } },
      sort: { column: 'revokedAt', descending: true }
    }
  ],
  ['search "e" (matches most) + sort by createdBy desc', { search: 'e', sort: { column: 'createdBy', descending: true } }]
];

console.log(`queryKeys over ${RECORDS} records, ${RUNS} runs each after ${WARMUP} warm-up runs (Node ${process.version})`);
// A fresh set of record objects: the first search pays for normalizing every record once.
const cold = makeRecords(RECORDS, 7);
console.log(`first search on fresh records (builds the normalized-text cache): ${time(() => queryKeys(cold, { search: 'elodie' })).toFixed(2)} ms`);
console.log(`first sort by name of a new list (collates every name): ${time(() => queryKeys(cold, { sort: { column: 'name' } })).toFixed(2)} ms`);
// After a rename the store hands back a new array with one new name: only that name is collated.
const afterRename = cold.map((record, i) => (i === 4321 ? renameRecord(record, 'Renamed connector (prod)') : record));
console.log(`first sort by name after a rename (new array, one new name): ${time(() => queryKeys(afterRename, { sort: { column: 'name' } })).toFixed(2)} ms`);
console.log(`first search after that rename (one record re-normalized): ${time(() => queryKeys(afterRename, { search: 'renamed' })).toFixed(2)} ms`);
console.log('');
console.log(`${'scenario'.padEnd(56)} ${'shown'.padStart(6)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
let worstP95 = 0;
for (const [label, query] of scenarios) {
  const result = measure(records, query);
  worstP95 = Math.max(worstP95, result.p95);
  console.log(
    `${label.padEnd(56)} ${String(result.shown).padStart(6)} ${result.median.toFixed(3).padStart(10)} ${result.p95.toFixed(3).padStart(8)} ${result.max.toFixed(3).padStart(8)}`
  );
}

// What the admin sees after each rename: the store returns a new array with one new name, and the
// list sorted by name is shown again. Building the new array is outside the timing.
let current: KeyRecord[] = records;
const afterRenames: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const at = (i * 7919) % current.length;
  current = current.map((record, j) => (j === at ? renameRecord(record, `Connector ${i} renamed`) : record));
  const next = current;
  afterRenames.push(time(() => queryKeys(next, { sort: { column: 'name' } })));
}
afterRenames.sort((a, b) => a - b);
const renameP95 = percentile(afterRenames, 95);
worstP95 = Math.max(worstP95, renameP95);
console.log(
  `${'rename one key, then sort the new array by name'.padEnd(56)} ${String(current.length).padStart(6)} ${percentile(afterRenames, 50)
    .toFixed(3)
    .padStart(10)} ${renameP95.toFixed(3).padStart(8)} ${afterRenames[afterRenames.length - 1].toFixed(3).padStart(8)}`
);
console.log('');
console.log(`worst p95: ${worstP95.toFixed(3)} ms (one frame is 16 ms)`);
