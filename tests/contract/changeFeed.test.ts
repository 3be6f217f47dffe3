/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The change feed over HTTP against the emulator (issue 9, point 3): system updates are seen, an expired
// token fails with SharePoint's -2130575172 and the verifier resyncs, a time-only token (PnPjs's
// createChangeToken) answers the changes since that time.
import { createChangeToken } from '@pnp/sp';
import { ChangeTokenExpiredError, SharePointKeyStore } from '../../src/data';
import { KeyVerifier } from '../../src/verifier';
import type { VerifyResult } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, startEmulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';

jest.setTimeout(60_000);

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let admin: SharePointKeyStore;
let app: SharePointKeyStore;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele', { retries: 2 }), {});
  app = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'app-verifier', { retries: 2 }), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
  await admin.ensureProvisioned();
});

afterAll(async () => {
  await emulator.close();
});

it('reports a revocation written as a system update (a script), which Add/Update/DeleteObject alone would miss', async () => {
  const { record } = await admin.createKey('Revoked by a script', 'FullControl');
  const token = await app.currentChangeToken();
  emulator.state.systemUpdateItem(record.id, { Status: 'Revoked' });
  const changes = await app.changesSince(token);
  expect(changes.itemIds).toEqual([record.id]);
  await expect(app.findByHash(record.hash)).resolves.toMatchObject({ status: 'Revoked' });
});

it("answers a token older than the change log with -2130575172, which the store reports as ChangeTokenExpiredError", async () => {
  const token = await app.currentChangeToken();
  emulator.changeLog.expireTokens();
  await expect(app.changesSince(token)).rejects.toBeInstanceOf(ChangeTokenExpiredError);
  const raw = await fetch(`${emulator.siteUrl}/_api/web/lists/getbytitle('API%20Keys')/getchanges`, {
    method: 'POST',
    headers: { Authorization: 'Bearer app-verifier', Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: { Item: true, Update: true, ChangeTokenStart: { StringValue: token } } })
  });
  expect(await raw.text()).toContain('-2130575172');
  // A fresh token works again.
  await expect(app.changesSince(await app.currentChangeToken())).resolves.toMatchObject({ itemIds: [] });
});

it('answers a time-only token (change number -1) with the changes since that time', async () => {
  const before = await admin.createKey('Before the time', 'ReadOnly');
  await sleep(20);
  const list = emulator.state.list();
  const since = createChangeToken('list', list!.id, new Date()).StringValue;
  await sleep(20);
  const after = await admin.createKey('After the time', 'ReadOnly');
  const changes = await app.changesSince(since);
  expect(changes.itemIds).toContain(after.record.id);
  expect(changes.itemIds).not.toContain(before.record.id);
});

it('a verifier whose token expired starts again from the current token and still sees later revocations', async () => {
  const verifier = new KeyVerifier({ store: app, changes: app, changePollIntervalMs: 200 });
  await verifier.start();
  try {
    const { key, record } = await admin.createKey('Across a resync', 'FullControl');
    await expect(verifier.verify(key, 'GET')).resolves.toMatchObject({ allowed: true });
    emulator.changeLog.expireTokens();
    let resynced = false;
    for (let i = 0; i < 50 && !resynced; i++) {
      await sleep(100);
      resynced = verifier.metrics().resyncs > 0;
    }
    expect(resynced).toBe(true);
    await admin.revokeKey(record.id, record.etag);
    let result: VerifyResult = await verifier.verify(key, 'GET');
    for (let i = 0; i < 100 && result.allowed; i++) {
      await sleep(50);
      result = await verifier.verify(key, 'GET');
    }
    expect(result).toMatchObject({ allowed: false, status: 401, cause: 'revoked' });
  } finally {
    await verifier.stop();
  }
});
