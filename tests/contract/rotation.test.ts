/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Issue 12 point 4 (Roll API Key) and "an expiry may be brought forward", over HTTP against the emulator, through the
// production store and verifier. The verifier gets a clock that can be moved forward (its timers stay real, so the
// change feed polls as in production): a 2-day grace period is checked without waiting two days.
import { ConflictError, RollIncompleteError, ThrottledError, ValidationError } from '../../src/core';
import type { KeyHistoryEvent } from '../../src/core';
import { listDescription, SharePointKeyStore } from '../../src/data';
import type { RollResult } from '../../src/data';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { createSharePointVerifier } from '../../src/verifier';
import { startSampleApi } from '../../workbench/sample-api';
import type { Clock, KeyVerifier } from '../../src/verifier';
import '@pnp/sp/items';
import type { Queryable } from '@pnp/queryable';

jest.setTimeout(30_000);

const RETRY = { retries: 2, interval: 20 };
const DAY = 24 * 60 * 60 * 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const toSecond = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

function storeAs(emulator: Emulator, token: string, options: { trustedSiteAdmins?: string[] } = {}): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, token, RETRY), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL, ...options });
}

const listAs = (emulator: Emulator, token: string) => nodeSharePoint(emulator.siteUrl, token, RETRY).web.lists.getByTitle('API Keys');

/** The real clock, moved forward on demand; timers are real (and unref'd) so the change feed keeps polling. */
class MovableClock implements Clock {
  public offsetMs = 0;
  public now(): number {
    return Date.now() + this.offsetMs;
  }
  public setTimer(callback: () => void, ms: number): unknown {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  }
  public clearTimer(handle: unknown): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}

function verifierFor(emulator: Emulator, clock: Clock): KeyVerifier {
  return createSharePointVerifier({
    siteUrl: emulator.siteUrl,
    sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'),
    adminPrincipal: EMULATED_ADMIN_PRINCIPAL,
    expiryToleranceMs: 0,
    changePollIntervalMs: 100,
    clock
  });
}

/** Polls until the verifier's answer for `key` is `allowed` (the change feed's delay), or gives up after `ms`. */
async function until(verifier: KeyVerifier, key: string, allowed: boolean, ms = 5000): Promise<{ allowed: boolean; cause?: string; status?: number }> {
  const deadline = Date.now() + ms;
  let result = (await verifier.verify(key, 'GET')) as { allowed: boolean; cause?: string; status?: number };
  while (result.allowed !== allowed && Date.now() < deadline) {
    await sleep(50);
    result = (await verifier.verify(key, 'GET')) as { allowed: boolean; cause?: string; status?: number };
  }
  return result;
}

const kinds = (events: KeyHistoryEvent[]): string[] => events.map((e) => (e.kind === 'tampered' ? `tampered:${e.reason}` : e.kind));

describe('rotation schedules and enforces the old key\'s end', () => {
  let emulator: Emulator;
  let verifier: KeyVerifier;
  const clock = new MovableClock();
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
    clock.offsetMs = 0;
    verifier = verifierFor(emulator, clock);
    await verifier.start();
  });
  afterEach(async () => {
    await verifier.stop();
    await emulator.close();
  });

  it('a 2-day grace: the old key works now and is refused (expired) once the verifier\'s clock passes its end; the new key works', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders sync', 'FullControl', new Date(Date.now() + 30 * DAY));
    await expect(until(verifier, old.key, true)).resolves.toMatchObject({ allowed: true });
    const ends = new Date(Date.now() + 2 * DAY);
    const before = Date.now();
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: ends });
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.created.record).toMatchObject({ name: 'Orders sync', permission: 'FullControl', status: 'Active', rolledFromId: old.record.id });
    // The same 30-day lifetime, counted from the roll (SharePoint keeps the second).
    const lifetime = rolled.created.record.expires!.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(lifetime).toBeLessThanOrEqual(30 * DAY + 5000);
    expect(rolled.old).toMatchObject({ id: old.record.id, status: 'Active', expires: toSecond(ends) });
    expect(rolled.old.integrity).toBeUndefined();

    await expect(until(verifier, rolled.created.key, true)).resolves.toMatchObject({ allowed: true });
    await expect(verifier.verify(old.key, 'GET')).resolves.toMatchObject({ allowed: true });

    clock.offsetMs = ends.getTime() - Date.now() + 1000;
    const refused = await verifier.verify(old.key, 'GET');
    expect(refused).toMatchObject({ allowed: false, status: 401, cause: 'expired' });
    await expect(verifier.verify(rolled.created.key, 'DELETE')).resolves.toMatchObject({ allowed: true });
    // The same outward answer as an unknown key.
    const unknown = await verifier.verify(`${old.key.slice(0, -12)}${'A'.repeat(12)}`, 'GET');
    expect(unknown).toMatchObject({ allowed: false, status: 401 });
  });

  it("'now': the old key is revoked and refused within the change feed's delay; the new key works", async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Reports', 'ReadOnly');
    await expect(until(verifier, old.key, true)).resolves.toMatchObject({ allowed: true });
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.old).toMatchObject({ status: 'Revoked', revokedBy: { displayName: 'Adele Vance' } });
    expect(rolled.created.record.expires).toBeUndefined();
    const started = Date.now();
    await expect(until(verifier, old.key, false)).resolves.toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(until(verifier, rolled.created.key, true)).resolves.toMatchObject({ allowed: true });
  });

  it('both keys are linked in their histories: the new key was rolled from the old one, the old one to the new one', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders sync', 'ReadOnly', new Date(Date.now() + 7 * DAY));
    const ends = new Date(Date.now() + 2 * DAY);
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: ends });
    // Alone: no other replacement to warn of.
    expect(rolled).not.toHaveProperty('otherReplacements');
    expect(rolled).not.toHaveProperty('otherReplacementsUnknown');
    emulator.requests.length = 0;
    const oldHistory = await adele.keyHistory(old.record.id);
    // Versions, then the replacements through the RolledFromId index: no second field on the old item.
    expect(emulator.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(emulator.requests.some((r) => r.query.includes(`RolledFromId eq ${old.record.id}`))).toBe(true);
    expect(kinds(oldHistory)).toEqual(['created', 'rolled-to', 'expiry-brought-forward']);
    expect(oldHistory[1]).toMatchObject({ to: { id: rolled.created.record.id, name: 'Orders sync', tail: rolled.created.record.tail }, revoked: false, ends: toSecond(ends), by: { displayName: 'Adele Vance' } });
    const newHistory = await adele.keyHistory(rolled.created.record.id);
    expect(kinds(newHistory)).toEqual(['created', 'rolled-from']);
    expect(newHistory[1]).toMatchObject({ from: { id: old.record.id, name: 'Orders sync', tail: old.record.tail } });
  });

  it('the policy is the expiry at creation (version 1.0): a key brought forward to 2 days still rolls into a 30-day key', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Shortened then rolled', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    const shortened = await adele.bringExpiryForward(old.record.id, new Date(Date.now() + 2 * DAY), old.record.etag);
    const before = Date.now();
    const rolled = await adele.rollKey(old.record.id, shortened.etag, { oldKeyEnds: 'now' });
    expect(rolled.created.record.expires!.getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(rolled.created.record.expires!.getTime() - Date.now()).toBeLessThanOrEqual(30 * DAY);
  });

  it('a grace end later than the old key\'s own expiry keeps that expiry (no write to the old key)', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const soon = new Date(Date.now() + 1 * DAY);
    const old = await adele.createKey('Short', 'ReadOnly', soon);
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + 5 * DAY) });
    expect(rolled.old).toMatchObject({ expires: toSecond(soon), etag: old.record.etag });
    expect(rolled.created.record.expires!.getTime() - Date.now()).toBeGreaterThan(DAY - 10_000);
  });
});

describe('a roll checks before it writes, and never loses the new key', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
  });
  afterEach(() => emulator.close());

  it('a stale ETag, a grace beyond 7 days and a revoked key are refused with nothing written', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders', 'ReadOnly');
    const renamed = await storeAs(emulator, 'admin-alex').renameKey(old.record.id, 'Orders (EU)', old.record.etag);
    const revoked = await adele.createKey('Gone', 'ReadOnly');
    await adele.revokeKey(revoked.record.id, revoked.record.etag);
    const goneNow = (await adele.listKeys()).find((r) => r.id === revoked.record.id)!;
    emulator.requests.length = 0;
    const conflict = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).current).toMatchObject({ name: 'Orders (EU)', etag: renamed.etag });
    await expect(adele.rollKey(old.record.id, renamed.etag, { oldKeyEnds: new Date(Date.now() + 8 * DAY) })).rejects.toMatchObject({ field: 'oldKeyEnds', code: 'grace-too-long' });
    await expect(adele.rollKey(goneNow.id, goneNow.etag, { oldKeyEnds: 'now' })).rejects.toMatchObject({ code: 'key-revoked' });
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect((await adele.listKeys()).length).toBe(2);
  });

  it('the look-up of other replacements failing never fails the roll: the new key is returned, complete, with otherReplacementsUnknown', async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'FullControl');
    const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele', RETRY).using((instance: Queryable) => {
      instance.on.pre(async (url, init, result) => {
        if (/RolledFromId(\+| )eq/.test(decodeURIComponent(url))) throw new Error('network down');
        return [url, init, result];
      });
      return instance;
    });
    const rolled = await new SharePointKeyStore(sp, { adminPrincipal: EMULATED_ADMIN_PRINCIPAL }).rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.created.key).toMatch(/^akm_/);
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.old).toMatchObject({ status: 'Revoked' });
    expect(rolled.otherReplacementsUnknown).toBe(true);
    expect(rolled).not.toHaveProperty('otherReplacements');
  });

  it('the second write throttled to the end: the new key is returned with incomplete, the old key still active and untouched', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders', 'FullControl');
    emulator.faults.set({ status: 429, retryAfterSeconds: 0, match: { method: 'POST', pathIncludes: `items(${old.record.id})` } });
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    emulator.faults.clear();
    expect(rolled.created.key).toMatch(/^akm_/);
    expect(rolled.incomplete).toBeInstanceOf(RollIncompleteError);
    expect(rolled.incomplete).toMatchObject({ oldKeyId: old.record.id, newKeyId: rolled.created.record.id, oldKeyEnds: 'now' });
    expect(rolled.incomplete!.reason).toBeInstanceOf(ThrottledError);
    expect(rolled.incomplete!.message).not.toContain(rolled.created.key);
    expect(rolled.old).toMatchObject({ status: 'Active', etag: old.record.etag });
    const listed = await adele.listKeys();
    expect(listed.map((r) => [r.id, r.status, r.rolledFromId])).toEqual([
      [old.record.id, 'Active', undefined],
      [rolled.created.record.id, 'Active', old.record.id]
    ]);
    const history = await adele.keyHistory(old.record.id);
    expect(history[history.length - 1]).toMatchObject({ kind: 'rolled-to', revoked: false });
    expect(history[history.length - 1]).not.toHaveProperty('ends');
  });
});

describe('an expiry may be brought forward, never pushed back', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
  });
  afterEach(() => emulator.close());

  it('earlier (or a first expiry) with IF-Match: stored to the second, clean, and in the history with from, to, who', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const { record } = await adele.createKey('Quarterly', 'ReadOnly', new Date(Date.now() + 90 * DAY));
    const sooner = new Date(Date.now() + 7 * DAY + 123);
    const changed = await adele.bringExpiryForward(record.id, sooner, record.etag);
    expect(changed).toMatchObject({ expires: toSecond(sooner), status: 'Active' });
    expect(changed.integrity).toBeUndefined();
    expect(changed.etag).not.toBe(record.etag);
    const merge = emulator.requests.filter((r) => r.xHttpMethod === 'MERGE' && r.path.includes(`items(${record.id})`));
    expect(merge.length).toBe(1);
    expect(merge[0].ifMatch).toBe(record.etag);
    const forever = await adele.createKey('Forever', 'ReadOnly');
    const bounded = await storeAs(emulator, 'admin-alex').bringExpiryForward(forever.record.id, sooner, forever.record.etag);
    expect(bounded.expires).toEqual(toSecond(sooner));
    const history = await adele.keyHistory(record.id);
    expect(history[1]).toMatchObject({ kind: 'expiry-brought-forward', to: toSecond(sooner), by: { displayName: 'Adele Vance' } });
    expect((history[1] as { from: Date }).from.getTime()).toBe(record.expires!.getTime());
    expect((await adele.keyHistory(forever.record.id))[1]).toMatchObject({ kind: 'expiry-brought-forward', by: { displayName: 'Alex Wilber' } });
    expect((await adele.keyHistory(forever.record.id))[1]).not.toHaveProperty('from');
  });

  it('now ends the key at once; later, the same, a stale ETag, no ETag and a revoked key are refused, nothing overwritten', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const { record } = await adele.createKey('Ending', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    emulator.requests.length = 0;
    await expect(adele.bringExpiryForward(record.id, new Date(Date.now() + 60 * DAY), record.etag)).rejects.toMatchObject({ code: 'expiry-not-earlier' });
    await expect(adele.bringExpiryForward(record.id, record.expires!, record.etag)).rejects.toMatchObject({ code: 'expiry-not-earlier' });
    await expect(adele.bringExpiryForward(record.id, new Date(Date.now() - 10 * 60 * 1000), record.etag)).rejects.toBeInstanceOf(ValidationError);
    await expect(adele.bringExpiryForward(record.id, new Date(Date.now() + DAY), '')).rejects.toMatchObject({ name: 'MissingEtagError' });
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const renamed = await adele.renameKey(record.id, 'Ending soon', record.etag);
    await expect(adele.bringExpiryForward(record.id, new Date(Date.now() + DAY), record.etag)).rejects.toMatchObject({ kind: 'conflict', current: { name: 'Ending soon' } });
    const ended = await adele.bringExpiryForward(record.id, new Date(), renamed.etag);
    expect(ended.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    const revoked = await adele.createKey('Revoked', 'ReadOnly');
    const gone = await adele.revokeKey(revoked.record.id, revoked.record.etag);
    await expect(adele.bringExpiryForward(gone.id, new Date(Date.now() + DAY), gone.etag)).rejects.toMatchObject({ code: 'key-revoked' });
  });
});

describe('tampering with a rolled key or its end, by anyone short of Global Administrator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
  });
  afterEach(() => emulator.close());

  it('a site owner (owner-megan) cannot set RolledFromId or push an expiry later: SharePoint answers 404 (the list is hidden from her)', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders', 'ReadOnly', new Date(Date.now() + 7 * DAY));
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + DAY) });
    const megan = listAs(emulator, 'owner-megan');
    await expect(megan.items.getById(rolled.created.record.id).update({ RolledFromId: 999 })).rejects.toMatchObject({ status: 404 });
    await expect(megan.items.getById(old.record.id).update({ Expires: new Date(Date.now() + 365 * DAY).toISOString() })).rejects.toMatchObject({ status: 404 });
    const listed = await adele.listKeys();
    expect(listed.every((r) => r.integrity === undefined)).toBe(true);
  });

  it('a site collection administrator (siteadmin-diego) can write, but the history check flags it and the verifier refuses the key', async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders', 'ReadOnly', new Date(Date.now() + 7 * DAY));
    const ends = new Date(Date.now() + DAY);
    const rolled = await adele.rollKey(old.record.id, old.record.etag, { oldKeyEnds: ends });
    const generated = await adele.createKey('Generated', 'ReadOnly');
    emulator.state.setSiteAdmin(emulator.users.diego, true);
    const diego = listAs(emulator, 'siteadmin-diego');
    await diego.items.getById(old.record.id).update({ Expires: new Date(Date.now() + 365 * DAY).toISOString() });
    await diego.items.getById(rolled.created.record.id).update({ RolledFromId: generated.record.id });
    await diego.items.getById(generated.record.id).update({ RolledFromId: old.record.id });
    const trusted = storeAs(emulator, 'admin-adele', { trustedSiteAdmins: [emulator.users.diego.loginName] });
    const listed = await trusted.listKeys();
    const byId = (id: number) => listed.find((r) => r.id === id)!;
    expect(byId(old.record.id)).toMatchObject({ expires: toSecond(ends), integrity: { reason: 'expiry-extended', changedBy: { displayName: 'Diego Siciliani' } } });
    expect(byId(rolled.created.record.id)).toMatchObject({ rolledFromId: old.record.id, integrity: { reason: 'rolled-from-changed', changedBy: { displayName: 'Diego Siciliani' } } });
    expect(byId(generated.record.id)).toMatchObject({ integrity: { reason: 'rolled-from-changed' } });
    expect(byId(generated.record.id).rolledFromId).toBeUndefined();
    expect(kinds(await trusted.keyHistory(rolled.created.record.id))).toEqual(['created', 'rolled-from', 'tampered:rolled-from-changed']);

    const verifier = createSharePointVerifier({
      siteUrl: emulator.siteUrl,
      sp: nodeSharePoint(emulator.siteUrl, 'app-verifier'),
      adminPrincipal: EMULATED_ADMIN_PRINCIPAL,
      trustedSiteAdmins: [emulator.users.diego.loginName]
    });
    await verifier.start();
    try {
      await expect(verifier.verify(rolled.created.key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'tampered' });
      await expect(verifier.verify(old.key, 'GET')).resolves.toMatchObject({ allowed: false, status: 401, cause: 'tampered' });
    } finally {
      await verifier.stop();
    }
  });
});

describe('schema 4: RolledFromId', () => {
  it('a list from schema 3 is reported by the check and upgraded by provisioning (column indexed), keys kept; a second run changes nothing', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const store = storeAs(emulator, 'admin-adele');
      await store.ensureProvisioned();
      const before = await store.createKey('Before the upgrade', 'ReadOnly');
      emulator.state.removeField('RolledFromId');
      emulator.state.list()!.description = listDescription(3);
      await expect(store.checkProvisioned()).rejects.toMatchObject({ reason: 'missing-column' });
      // A verifier of this release fails closed until the list is upgraded (hence: upgrade the list, then the verifiers).
      const early = verifierFor(emulator, new MovableClock());
      await expect(early.start()).rejects.toMatchObject({ reason: 'missing-column' });
      await early.stop();
      const report = await store.ensureProvisioned();
      expect(report.changes).toEqual(['Added the column RolledFromId (Number).', 'Indexed the column RolledFromId.', 'Recorded schema version 4.']);
      await expect(store.checkProvisioned()).resolves.toBeUndefined();
      expect((await store.ensureProvisioned()).changes).toEqual([]);
      const listed = await store.listKeys();
      expect(listed.map((r) => [r.id, r.rolledFromId, r.integrity])).toEqual([[before.record.id, undefined, undefined]]);
      const rolled = await store.rollKey(before.record.id, before.record.etag, { oldKeyEnds: 'now' });
      expect(rolled.created.record.rolledFromId).toBe(before.record.id);
    } finally {
      await emulator.close();
    }
  });
});

describe('the sample API over HTTP: a rolled-out key is refused, its replacement works', () => {
  it('with a grace period the old key answers 200 until its end, then 401 like a revoked key; rolled "now" it is refused within the change feed', async () => {
    const emulator = await startEmulator({ port: 0 });
    const logged: string[] = [];
    const logger = { info: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`), warn: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`) };
    const api = await startSampleApi({ port: 0, siteUrl: emulator.siteUrl, retryStartMs: 100, adminPrincipal: EMULATED_ADMIN_PRINCIPAL, verifier: { expiryToleranceMs: 0, changePollIntervalMs: 100 }, logger, lastUsed: false });
    const get = async (key: string): Promise<{ status: number; body: string }> => {
      const response = await fetch(`${api.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } });
      return { status: response.status, body: await response.text() };
    };
    try {
      const adele = storeAs(emulator, 'admin-adele');
      await adele.ensureProvisioned();
      await api.ready;

      const graced = await adele.createKey('Rolled with grace', 'ReadOnly');
      expect((await get(graced.key)).status).toBe(200);
      // SharePoint keeps the second: the old key ends 2 to 3 seconds from now.
      const ends = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
      const rolled = await adele.rollKey(graced.record.id, graced.record.etag, { oldKeyEnds: ends });
      expect(rolled.incomplete).toBeUndefined();
      expect((await get(graced.key)).status).toBe(200);
      expect((await get(rolled.created.key)).status).toBe(200);
      await sleep(Math.max(0, ends.getTime() - Date.now()));
      const afterEnd = await get(graced.key);
      expect(afterEnd.status).toBe(401);
      expect(JSON.parse(afterEnd.body)).toMatchObject({ error: { code: 'unknown-or-revoked' } });
      expect((await get(rolled.created.key)).status).toBe(200);
      expect(logged.some((line) => line.includes('"cause":"expired"'))).toBe(true);

      const now = await adele.createKey('Rolled now', 'FullControl');
      expect((await get(now.key)).status).toBe(200);
      const replaced = await adele.rollKey(now.record.id, now.record.etag, { oldKeyEnds: 'now' });
      const deadline = Date.now() + 5000;
      let status = (await get(now.key)).status;
      while (status !== 401 && Date.now() < deadline) {
        await sleep(100);
        status = (await get(now.key)).status;
      }
      expect(status).toBe(401);
      expect((await get(replaced.created.key)).status).toBe(200);
      expect(logged.some((line) => line.includes('"cause":"revoked"'))).toBe(true);
      expect(logged.join('\n')).not.toContain(now.key);
      expect(logged.join('\n')).not.toContain(replaced.created.key);
    } finally {
      await api.close();
      await emulator.close();
    }
  });
});

/**
 * The roller's SharePoint client: `otherAdmin` runs once, right after the roll's first write (the POST that creates
 * the replacement, the only one carrying RolledFromId) is answered and before the store sees that answer. So another
 * Global Administrator's write lands exactly between "the new key exists" and "the old key's end is written".
 */
function rollerWithInterleavedWrite(emulator: Emulator, otherAdmin: () => Promise<unknown>): SharePointKeyStore {
  let armed = false;
  let done = false;
  const sp = nodeSharePoint(emulator.siteUrl, 'admin-adele', RETRY).using((instance: Queryable) => {
    instance.on.pre(async (url, init, result) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      if (!done && init.method === 'POST' && /\/items$/i.test(new URL(url).pathname) && headers['X-HTTP-Method'] === undefined && String(init.body).includes('RolledFromId')) {
        armed = true;
      }
      return [url, init, result];
    });
    instance.on.post(async (url, result) => {
      if (armed && !done) {
        done = true;
        await otherAdmin();
      }
      return [url, result];
    });
    return instance;
  });
  return new SharePointKeyStore(sp, { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
}

describe("another admin's write between the roll's two writes (revoke, rename, bring the expiry forward)", () => {
  let emulator: Emulator;
  let verifier: KeyVerifier;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    await storeAs(emulator, 'admin-adele').ensureProvisioned();
    verifier = verifierFor(emulator, new MovableClock());
    await verifier.start();
  });
  afterEach(async () => {
    await verifier.stop();
    await emulator.close();
  });

  /** Adele's writes to the old item after the replacement was created (the interleaved write is Alex's). */
  const adeleWritesTo = (id: number): number => emulator.requests.filter((r) => r.user === 'admin-adele' && r.method === 'POST' && r.path.includes(`items(${id})`)).length;

  /** The replacement as stored: active, same name and permission, linked to the old key, its own history consistent. */
  async function expectReplacement(rolled: RollResult, old: { id: number; name: string; tail: string; permission: string }): Promise<void> {
    expect(rolled.created.key).toMatch(/^akm_/);
    const stored = (await storeAs(emulator, 'admin-adele').listKeys()).filter((r) => r.rolledFromId === old.id);
    expect(stored.map((r) => [r.id, r.status, r.name, r.permission, r.integrity])).toEqual([[rolled.created.record.id, 'Active', old.name, old.permission, undefined]]);
    const history = await storeAs(emulator, 'admin-adele').keyHistory(rolled.created.record.id);
    expect(kinds(history)).toEqual(['created', 'rolled-from']);
    expect(history[1]).toMatchObject({ from: { id: old.id, tail: old.tail } });
    await expect(until(verifier, rolled.created.key, true)).resolves.toMatchObject({ allowed: true });
  }

  it("revoked by Alex, rolled 'now': the roll is complete, the revocation is Alex's (not repeated), the new key kept", async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'FullControl');
    const alex = storeAs(emulator, 'admin-alex');
    const roller = rollerWithInterleavedWrite(emulator, () => alex.revokeKey(old.record.id, old.record.etag));
    const from = emulator.requests.length;
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.old).toMatchObject({ id: old.record.id, status: 'Revoked', revokedBy: { displayName: 'Alex Wilber' } });
    expect(emulator.requests.slice(from).filter((r) => r.user === 'admin-adele' && r.method === 'POST' && r.path.includes(`items(${old.record.id})`))).toEqual([]);
    await expectReplacement(rolled, old.record);
    const history = await alex.keyHistory(old.record.id);
    expect(kinds(history).sort()).toEqual(['created', 'revoked', 'rolled-to']);
    expect(history.find((e) => e.kind === 'revoked')).toMatchObject({ by: { displayName: 'Alex Wilber' } });
    expect(history.find((e) => e.kind === 'rolled-to')).toMatchObject({ to: { id: rolled.created.record.id }, revoked: true, by: { displayName: 'Adele Vance' } });
    await expect(until(verifier, old.key, false)).resolves.toMatchObject({ allowed: false, cause: 'revoked' });
  });

  it('revoked by Alex, rolled with a 2-day grace: complete, the old key revoked (sooner than asked), no expiry written over it', async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').revokeKey(old.record.id, old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + 2 * DAY) });
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.old).toMatchObject({ status: 'Revoked', expires: toSecond(old.record.expires!), revokedBy: { displayName: 'Alex Wilber' } });
    expect(adeleWritesTo(old.record.id)).toBe(0);
    await expectReplacement(rolled, old.record);
    expect((await storeAs(emulator, 'admin-adele').keyHistory(old.record.id)).find((e) => e.kind === 'rolled-to')).toMatchObject({ revoked: true });
  });

  it("renamed by Alex, rolled 'now': the ETag conflict is reported (incomplete, ConflictError with Alex's name), nothing overwritten; the admin can then revoke it", async () => {
    const adele = storeAs(emulator, 'admin-adele');
    const old = await adele.createKey('Orders', 'FullControl');
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').renameKey(old.record.id, 'Orders (EU)', old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.incomplete).toBeInstanceOf(RollIncompleteError);
    expect(rolled.incomplete).toMatchObject({ oldKeyId: old.record.id, newKeyId: rolled.created.record.id, oldKeyEnds: 'now' });
    expect(rolled.incomplete!.reason).toBeInstanceOf(ConflictError);
    expect((rolled.incomplete!.reason as ConflictError).current).toMatchObject({ name: 'Orders (EU)', status: 'Active' });
    expect(rolled.incomplete!.message).not.toContain(rolled.created.key);
    expect(rolled.old).toMatchObject({ status: 'Active', name: 'Orders (EU)' });
    expect(rolled.old.etag).not.toBe(old.record.etag);
    await expectReplacement(rolled, old.record);
    const history = await adele.keyHistory(old.record.id);
    expect(kinds(history).sort()).toEqual(['created', 'renamed', 'rolled-to']);
    const rolledTo = history.find((e) => e.kind === 'rolled-to')!;
    expect(rolledTo).toMatchObject({ revoked: false });
    expect(rolledTo).not.toHaveProperty('ends');
    await expect(until(verifier, old.key, true)).resolves.toMatchObject({ allowed: true });
    // What the warning tells the admin to do works with the record it returned.
    await expect(adele.revokeKey(old.record.id, rolled.old.etag)).resolves.toMatchObject({ status: 'Revoked', name: 'Orders (EU)' });
    await expect(until(verifier, old.key, false)).resolves.toMatchObject({ allowed: false, cause: 'revoked' });
  });

  it('renamed by Alex, rolled with a 2-day grace: incomplete with the conflict, the old expiry unchanged', async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').renameKey(old.record.id, 'Orders (EU)', old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + 2 * DAY) });
    expect(rolled.incomplete!.reason).toBeInstanceOf(ConflictError);
    expect(rolled.old).toMatchObject({ status: 'Active', name: 'Orders (EU)', expires: toSecond(old.record.expires!) });
    expect(adeleWritesTo(old.record.id)).toBe(0);
    await expectReplacement(rolled, old.record);
  });

  it('expiry brought forward by Alex to before the grace end: complete, the earlier end kept (never pushed later)', async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    const alexEnd = new Date(Date.now() + 1 * DAY);
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').bringExpiryForward(old.record.id, alexEnd, old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + 2 * DAY) });
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.old).toMatchObject({ status: 'Active', expires: toSecond(alexEnd) });
    expect(rolled.old.integrity).toBeUndefined();
    expect(adeleWritesTo(old.record.id)).toBe(0);
    await expectReplacement(rolled, old.record);
    expect((await storeAs(emulator, 'admin-adele').keyHistory(old.record.id)).find((e) => e.kind === 'rolled-to')).toMatchObject({ revoked: false, ends: toSecond(alexEnd) });
  });

  it('expiry brought forward by Alex to after the grace end: incomplete with the conflict, Alex\'s expiry stands', async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'ReadOnly', new Date(Date.now() + 30 * DAY));
    const alexEnd = new Date(Date.now() + 5 * DAY);
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').bringExpiryForward(old.record.id, alexEnd, old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: new Date(Date.now() + 2 * DAY) });
    expect(rolled.incomplete!.reason).toBeInstanceOf(ConflictError);
    expect(rolled.old).toMatchObject({ status: 'Active', expires: toSecond(alexEnd) });
    expect(adeleWritesTo(old.record.id)).toBe(0);
    await expectReplacement(rolled, old.record);
  });

  it("expiry brought forward by Alex to a later time, rolled 'now': incomplete (the old key still works until then)", async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'FullControl');
    const alexEnd = new Date(Date.now() + 1 * DAY);
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').bringExpiryForward(old.record.id, alexEnd, old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.incomplete!.reason).toBeInstanceOf(ConflictError);
    expect(rolled.old).toMatchObject({ status: 'Active', expires: toSecond(alexEnd) });
    await expectReplacement(rolled, old.record);
    await expect(until(verifier, old.key, true)).resolves.toMatchObject({ allowed: true });
  });

  it("rolled by Alex at the same time: two replacements, both linked in the old key's history, the old key revoked once (by Alex), each admin told of the other's replacement", async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'FullControl');
    let alexRoll: RollResult | undefined;
    const roller = rollerWithInterleavedWrite(emulator, async () => {
      alexRoll = await storeAs(emulator, 'admin-alex').rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    });
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(alexRoll!.incomplete).toBeUndefined();
    expect(rolled.incomplete).toBeUndefined();
    // Adele's result says who ended the old key: not her.
    expect(rolled.old).toMatchObject({ status: 'Revoked', revokedBy: { displayName: 'Alex Wilber' } });
    expect(adeleWritesTo(old.record.id)).toBe(0);
    // Each admin is told of the other's replacement: Adele's existed when Alex looked, Alex's when Adele looked.
    const adeleKey = rolled.created.record;
    const alexKey = alexRoll!.created.record;
    expect(rolled.otherReplacements).toEqual([{ id: alexKey.id, name: 'Orders', tail: alexKey.tail, createdBy: expect.objectContaining({ displayName: 'Alex Wilber' }), created: alexKey.created }]);
    expect(alexRoll!.otherReplacements).toEqual([{ id: adeleKey.id, name: 'Orders', tail: adeleKey.tail, createdBy: expect.objectContaining({ displayName: 'Adele Vance' }), created: adeleKey.created }]);
    expect(rolled.otherReplacementsUnknown).toBeUndefined();
    // The look-up goes through the RolledFromId index, never a read of the whole list.
    const lookups = emulator.requests.filter((r) => r.method === 'GET' && /\/items$/i.test(r.path) && r.query.includes(`RolledFromId eq ${old.record.id}`));
    expect(lookups.map((r) => r.user).sort()).toEqual(['admin-adele', 'admin-alex']);
    const replacements = (await storeAs(emulator, 'admin-adele').listKeys()).filter((r) => r.rolledFromId === old.record.id);
    expect(replacements.map((r) => [r.id, r.status, r.integrity]).sort()).toEqual(
      [
        [rolled.created.record.id, 'Active', undefined],
        [alexRoll!.created.record.id, 'Active', undefined]
      ].sort()
    );
    const history = await storeAs(emulator, 'admin-adele').keyHistory(old.record.id);
    const rolledTo = history.filter((e) => e.kind === 'rolled-to');
    expect(rolledTo.map((e) => (e.kind === 'rolled-to' ? e.to.id : 0)).sort()).toEqual([rolled.created.record.id, alexRoll!.created.record.id].sort());
    expect(rolledTo.every((e) => e.kind === 'rolled-to' && e.revoked)).toBe(true);
    expect(history.filter((e) => e.kind === 'revoked')).toHaveLength(1);
    for (const key of [rolled.created.key, alexRoll!.created.key]) {
      await expect(until(verifier, key, true)).resolves.toMatchObject({ allowed: true });
    }
    await expect(until(verifier, old.key, false)).resolves.toMatchObject({ allowed: false, cause: 'revoked' });
  });

  it("expiry brought forward by Alex to now, rolled 'now': complete, the old key ended already (not reported as still working)", async () => {
    const old = await storeAs(emulator, 'admin-adele').createKey('Orders', 'FullControl', new Date(Date.now() + 30 * DAY));
    const roller = rollerWithInterleavedWrite(emulator, () => storeAs(emulator, 'admin-alex').bringExpiryForward(old.record.id, new Date(), old.record.etag));
    const rolled = await roller.rollKey(old.record.id, old.record.etag, { oldKeyEnds: 'now' });
    expect(rolled.incomplete).toBeUndefined();
    expect(rolled.old).toMatchObject({ status: 'Active' });
    expect(rolled.old.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(adeleWritesTo(old.record.id)).toBe(0);
    await expectReplacement(rolled, old.record);
    await expect(until(verifier, old.key, false)).resolves.toMatchObject({ allowed: false, cause: 'expired' });
  });
});
