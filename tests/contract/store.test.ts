/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The production SharePointKeyStore over real HTTP: against the emulator always, against a tenant when
// AKM_TENANT_* is set. (The explicit jest 29 node environment provides fetch and Web Crypto to PnPjs and the core.)
import { AlreadyRevokedError, ConflictError, hashKey, keyTail, ValidationError } from '../../src/core';
import type { KeyRecord } from '../../src/core';
import { SharePointKeyStore } from '../../src/data';
import { emulatorTarget, tenantConfig, tenantTarget, TENANT_ENV_HELP } from './storeTargets';
import type { StoreTarget } from './storeTargets';

jest.setTimeout(30_000);

function writesIn(target: StoreTarget): number {
  return (target.emulator?.requests ?? []).filter((r) => r.method !== 'GET' && !/\/_api\/contextinfo$/i.test(r.path)).length;
}

/** The behaviour every target must show; emulator-only checks (request log) run where the emulator is. */
function describeStoreBehaviour(targetName: string, makeTarget: () => Promise<StoreTarget>): void {
  describe(`SharePointKeyStore on the ${targetName}`, () => {
    let target: StoreTarget;
    let adele: SharePointKeyStore;
    let alex: SharePointKeyStore;

    beforeAll(async () => {
      target = await makeTarget();
      adele = new SharePointKeyStore(target.admin(), { listTitle: target.listTitle, adminPrincipal: target.adminPrincipal });
      alex = new SharePointKeyStore(target.secondAdmin(), { listTitle: target.listTitle, adminPrincipal: target.adminPrincipal });
    });
    afterAll(async () => {
      await target?.close();
    });

    it('provisions the list, and provisioning again changes nothing and writes nothing', async () => {
      const first = await adele.ensureProvisioned();
      expect(first.changes.length).toBeGreaterThan(0);
      expect(first.schemaVersion).toBe(4);
      await expect(adele.checkProvisioned()).resolves.toBeUndefined();

      if (target.emulator) target.emulator.requests.length = 0;
      const second = await adele.ensureProvisioned();
      expect(second).toEqual({ changes: [], listId: first.listId, schemaVersion: 4, adminPrincipal: first.adminPrincipal });
      expect(writesIn(target)).toBe(0);
    });

    it('creates a key: the caller gets the full key once, the list keeps only its hash and last 12 characters', async () => {
      const before = Date.now();
      const { key, record } = await adele.createKey('  Order sync  ', 'ReadOnly');
      expect(record.name).toBe('Order sync');
      expect(record.permission).toBe('ReadOnly');
      expect(record.status).toBe('Active');
      expect(record.hash).toBe(await hashKey(key));
      expect(record.tail).toBe(keyTail(key));
      expect(record.created.getTime()).toBeGreaterThanOrEqual(before - 2000);
      expect(record.createdBy.id).toBeGreaterThan(0);
      expect(record.createdBy.displayName).not.toBe('');
      expect(JSON.stringify(record)).not.toContain(key);

      const listed = await adele.listKeys();
      expect(listed.map((r) => r.id)).toContain(record.id);
      const found = await alex.findByHash(record.hash);
      expect(found).toEqual(record);
      await expect(alex.findByHash('0'.repeat(64))).resolves.toBeUndefined();
    });

    it('refuses an empty name and an unknown permission before any request', async () => {
      await expect(adele.createKey('   ', 'FullControl')).rejects.toBeInstanceOf(ValidationError);
      await expect(adele.createKey('Fine', 'Admin' as never)).rejects.toMatchObject({ field: 'permission', code: 'permission-invalid' });
    });

    it('renames with the ETag and refuses a stale ETag with the current record', async () => {
      const { record } = await adele.createKey('Before', 'FullControl');
      const renamed = await adele.renameKey(record.id, 'After', record.etag);
      expect(renamed.name).toBe('After');
      expect(renamed.etag).not.toBe(record.etag);
      expect(renamed.permission).toBe('FullControl');

      const stale = alex.renameKey(record.id, 'Stale write', record.etag);
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      const error = (await stale.catch((e: unknown) => e)) as ConflictError;
      expect(error.current?.name).toBe('After');
      // Who won the race, for the message the page shows: the admin whose rename landed.
      expect(error.current?.modifiedBy).toBeDefined();
      expect(error.current?.modifiedBy).toEqual(renamed.modifiedBy);
      expect(error.current?.etag).toBe(renamed.etag);
      expect((await adele.findByHash(record.hash))?.name).toBe('After');
    });

    it('two admins racing on one key: exactly one wins, the other gets ConflictError with the current record, nothing is lost', async () => {
      const { record } = await adele.createKey('Race', 'FullControl');
      const outcomes = await Promise.allSettled([adele.renameKey(record.id, 'Renamed by Adele', record.etag), alex.revokeKey(record.id, record.etag)]);
      const won = outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<KeyRecord>[];
      const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      const conflict = lost[0].reason as ConflictError;
      const now = await adele.findByHash(record.hash);
      expect(conflict.current).toEqual(now);
      expect(now).toEqual(won[0].value);
      // The winner's change is there and the loser's is not.
      if (now?.status === 'Revoked') expect(now.name).toBe('Race');
      else expect(now?.name).toBe('Renamed by Adele');

      const twoRenames = await adele.createKey('Race two', 'ReadOnly');
      const renames = await Promise.allSettled([
        adele.renameKey(twoRenames.record.id, 'Adele', twoRenames.record.etag),
        alex.renameKey(twoRenames.record.id, 'Alex', twoRenames.record.etag)
      ]);
      expect(renames.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const loser = renames.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ConflictError);
      const winner = renames.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<KeyRecord>;
      expect((await adele.findByHash(twoRenames.record.hash))?.name).toBe(winner.value.name);
    });

    it('revokes: who is the signed-in user, when is the server clock; revoking again says who did it', async () => {
      const { record } = await adele.createKey('To revoke', 'ReadOnly');
      const before = Date.now();
      const revoked = await alex.revokeKey(record.id, record.etag);
      const after = Date.now();
      expect(revoked.status).toBe('Revoked');
      expect(revoked.revokedBy?.id).toBeGreaterThan(0);
      if (target.emulator) {
        expect(revoked.revokedBy).toEqual({ id: target.emulator.users.alex.siteUserId, displayName: 'Alex Wilber', email: target.emulator.users.alex.email });
        expect(revoked.createdBy.id).toBe(target.emulator.users.adele.siteUserId);
      }
      expect(revoked.revokedAt?.getTime()).toBeGreaterThanOrEqual(before - 2000);
      expect(revoked.revokedAt?.getTime()).toBeLessThanOrEqual(after + 2000);
      const stored = await adele.findByHash(record.hash);
      expect(stored).toEqual(revoked);
      expect(stored?.permission).toBe('ReadOnly');

      const again = adele.revokeKey(record.id, revoked.etag);
      await expect(again).rejects.toBeInstanceOf(AlreadyRevokedError);
      await expect(again).rejects.toMatchObject({ revokedBy: { id: revoked.revokedBy?.id } });
    });

    it('reports changes since a change token (what the verifier polls)', async () => {
      const token = await adele.currentChangeToken();
      const { record } = await adele.createKey('Watched', 'FullControl');
      await adele.revokeKey(record.id, record.etag);
      const changes = await adele.changesSince(token);
      expect(changes.itemIds).toEqual([record.id]);
      expect(changes.token).not.toBe(token);
      await expect(adele.changesSince(changes.token)).resolves.toEqual({ token: changes.token, itemIds: [] });
    });
  });
}

describeStoreBehaviour('emulator', emulatorTarget);

const tenant = tenantConfig();
if (tenant) {
  describeStoreBehaviour('tenant', async () => tenantTarget(tenant));
} else {
  console.log(`contract: tenant target skipped (${TENANT_ENV_HELP})`);
  describe.skip('SharePointKeyStore on the tenant', () => {
    it('runs when AKM_TENANT_* is set', () => undefined);
  });
}
