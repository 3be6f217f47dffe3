import type { KeyRecord, Person } from '../keyRecord.types';
import type { Permission } from '../permission';

/*
 * Deterministic KeyRecord builders for tests and benches (UI, store, verifier). Records hold fake
 * hashes and tails drawn from a seeded generator: never a real key, nothing that verifies.
 */

/** About twenty people, some with accents, non-Latin-1 letters and shared first names, as a tenant has. */
export const FIXTURE_PEOPLE: readonly Person[] = [
  { id: 7, displayName: 'Élodie Martin', email: 'elodie.martin@contoso.com' },
  { id: 11, displayName: 'José Álvarez', email: 'jose.alvarez@contoso.com' },
  { id: 12, displayName: 'Zoë Brontë', email: 'zoe.bronte@contoso.com' },
  { id: 13, displayName: 'Søren Østergaard', email: 'soren.ostergaard@contoso.com' },
  { id: 14, displayName: 'Łukasz Wróbel', email: 'lukasz.wrobel@contoso.com' },
  { id: 15, displayName: 'Ingrid Ångström', email: 'ingrid.angstrom@contoso.com' },
  { id: 16, displayName: 'François Dupré', email: 'francois.dupre@contoso.com' },
  { id: 17, displayName: 'Nguyễn Thị Hương', email: 'huong.nguyen@contoso.com' },
  { id: 18, displayName: 'Adele Vance', email: 'adelev@contoso.com' },
  { id: 19, displayName: 'Alex Wilber', email: 'alexw@contoso.com' },
  { id: 20, displayName: 'Megan Bowen', email: 'meganb@contoso.com' },
  { id: 21, displayName: 'Lee Gu', email: 'leeg@contoso.com' },
  { id: 22, displayName: 'Miriam Graham', email: 'miriamg@contoso.com' },
  { id: 23, displayName: 'Nestor Wilke', email: 'nestorw@contoso.com' },
  { id: 24, displayName: 'Patti Fernandez', email: 'pattif@contoso.com' },
  { id: 25, displayName: 'Pradeep Gupta', email: 'pradeepg@contoso.com' },
  { id: 26, displayName: 'Isaiah Langer', email: 'isaiahl@contoso.com' },
  { id: 27, displayName: 'Johanna Lorenz', email: 'johannal@contoso.com' },
  { id: 28, displayName: 'élodie Roux' },
  { id: 29, displayName: 'Lynne Robbins', email: 'lynner@contoso.com' }
];

const APPS = ['Payroll', 'Café orders', 'Facturation été', 'Power Automate', 'CRM sync', 'Größenrechner', 'Reporting', 'Inventory', 'Señales', 'Teams bot', 'Data export', 'Öffnungszeiten'];
const PURPOSES = ['prod', 'staging', 'nightly job', 'connector', 'test', 'backup', 'partner API', 'dashboard'];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const FIRST_CREATED = Date.UTC(2024, 0, 1);
const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: small, fast, seeded; the same seed always gives the same sequence (records, fuzz inputs). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet.charAt(Math.floor(random() * alphabet.length));
  }
  return out;
}

/** One active Read Only record with fixed values; `overrides` replace any of them. */
export function makeRecord(overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: 1,
    name: 'Payroll connector',
    tail: 'Ab3dEf9hIjK2',
    hash: 'f'.repeat(64),
    permission: 'ReadOnly',
    status: 'Active',
    created: new Date(Date.UTC(2025, 2, 14, 9, 30)),
    createdBy: FIXTURE_PEOPLE[0],
    etag: '"1"',
    ...overrides
  };
}

/**
 * `count` varied records, ids 1..count, the same for the same seed: names with accents, about twenty
 * people, roughly a third revoked (revoked after created, by someone), both permissions, dates over two years.
 */
export function makeRecords(count: number, seed: number = 1): KeyRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const records: KeyRecord[] = [];
  for (let i = 1; i <= count; i++) {
    const created = new Date(FIRST_CREATED + Math.floor(random() * 730 * DAY));
    const revoked = random() < 0.35;
    const permission: Permission = random() < 0.6 ? 'ReadOnly' : 'FullControl';
    const record: KeyRecord = {
      id: i,
      name: `${pick(APPS)} ${pick(PURPOSES)} ${i}`,
      tail: randomText(random, BASE62, 12),
      hash: randomText(random, HEX, 64),
      permission,
      status: revoked ? 'Revoked' : 'Active',
      created,
      createdBy: pick(FIXTURE_PEOPLE),
      etag: `"${1 + Math.floor(random() * 5)}"`
    };
    if (revoked) {
      record.revokedAt = new Date(created.getTime() + 1 + Math.floor(random() * 200 * DAY));
      record.revokedBy = pick(FIXTURE_PEOPLE);
    }
    records.push(record);
  }
  return records;
}
