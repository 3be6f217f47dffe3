/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The emulator over a socket: identity, the browser's cookie + form digest path (PnPjs RequestDigest),
// verbose OData for fields, persistence across restarts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TimelinePipe } from '@pnp/core';
import { BrowserFetchWithRetry, DefaultParse } from '@pnp/queryable';
import type { Queryable } from '@pnp/queryable';
import { DefaultHeaders, DefaultInit, RequestDigest, spfi } from '@pnp/sp';
import { SharePointKeyStore } from '../../src/data';
import { startEmulator } from './index';

/** What a browser does on its own: send the workbench's identity cookie. */
function Cookie(value: string): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.auth(async (url: URL, init: RequestInit) => {
      init.headers = { ...(init.headers as Record<string, string>), Cookie: value };
      return [url, init];
    });
    return instance;
  };
}

describe('identity', () => {
  it('answers 401 without an identity and with an unknown token', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'demo' });
    try {
      const anonymous = await fetch(`${emulator.siteUrl}/_api/web/currentuser`, { headers: { Accept: 'application/json' } });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      const stranger = await fetch(`${emulator.siteUrl}/_api/web/currentuser`, { headers: { Authorization: 'Bearer nobody' } });
      expect(stranger.status).toBe(401);
      const me = await fetch(`${emulator.siteUrl}/_api/web/currentuser?$select=Id,Title`, { headers: { Cookie: 'theme=dark; wb_user=owner-megan' } });
      expect(await me.json()).toMatchObject({ Id: emulator.users.megan.siteUserId, Title: 'Megan Bowen' });
    } finally {
      await emulator.close();
    }
  });
});

describe('the browser path: cookie identity and form digest', () => {
  it('refuses a cookie-authenticated write without a digest and accepts PnPjs RequestDigest', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'demo' });
    try {
      const add = await fetch(`${emulator.siteUrl}/_api/web/lists/getByTitle('API Keys')/items`, {
        method: 'POST',
        headers: { Cookie: 'wb_user=admin-adele', Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ Title: 'No digest' })
      });
      expect(add.status).toBe(403);
      expect(JSON.stringify(await add.json())).toContain('security validation');

      const browserLike = spfi(emulator.siteUrl).using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry(), DefaultParse(), RequestDigest(), Cookie('wb_user=admin-adele'));
      const store = new SharePointKeyStore(browserLike);
      const before = emulator.state.itemCount();
      const { record } = await store.createKey('With digest', 'ReadOnly');
      expect(record.createdBy.displayName).toBe('Adele Vance');
      expect(emulator.state.itemCount()).toBe(before + 1);
      expect(emulator.requests.some((r) => /\/_api\/contextinfo$/.test(r.path) && r.status === 200)).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});

describe('verbose OData', () => {
  it('answers a field creation sent with odata=verbose in {"d":...}', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      emulator.state.provisionList();
      const response = await fetch(`${emulator.siteUrl}/_api/web/lists/getByTitle('API Keys')/fields`, {
        method: 'POST',
        headers: { Authorization: 'Bearer admin-adele', Accept: 'application/json;odata=verbose', 'Content-Type': 'application/json;odata=verbose' },
        body: JSON.stringify({ __metadata: { type: 'SP.FieldChoice' }, Title: 'Tier', FieldTypeKind: 6, Choices: { results: ['Gold', 'Silver'] } })
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { d: Record<string, unknown> };
      expect(body.d).toMatchObject({ __metadata: { type: 'SP.FieldChoice' }, InternalName: 'Tier', TypeAsString: 'Choice', Choices: { __metadata: { type: 'Collection(Edm.String)' }, results: ['Gold', 'Silver'] } });
      const unique = await fetch(`${emulator.siteUrl}/_api/web/lists/getByTitle('API Keys')/fields/getByInternalNameOrTitle('Tier')`, {
        method: 'POST',
        headers: { Authorization: 'Bearer admin-adele', 'X-HTTP-Method': 'MERGE', 'Content-Type': 'application/json' },
        body: JSON.stringify({ EnforceUniqueValues: true })
      });
      expect(unique.status).toBe(500);
      expect(JSON.stringify(await unique.json())).toContain('This field must be indexed to enforce unique values.');
    } finally {
      await emulator.close();
    }
  });
});

describe('persistence', () => {
  it('keeps the site across a restart, written atomically', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akm-emulator-'));
    const dataFile = path.join(dir, 'site.json');
    try {
      const first = await startEmulator({ port: 0, seed: 'demo', dataFile });
      const demoCount = first.state.itemCount();
      expect(demoCount).toBeGreaterThanOrEqual(20);
      const store = new SharePointKeyStore(
        spfi(first.siteUrl).using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry(), DefaultParse(), (i: Queryable) => {
          i.on.auth(async (url: URL, init: RequestInit) => {
            init.headers = { ...(init.headers as Record<string, string>), Authorization: 'Bearer admin-alex' };
            return [url, init];
          });
          return i;
        })
      );
      const { record } = await store.createKey('Survives restarts', 'FullControl');
      await first.close();
      expect(fs.readdirSync(dir)).toEqual(['site.json']);

      const second = await startEmulator({ port: 0, seed: 'empty', dataFile });
      try {
        expect(second.state.itemCount()).toBe(demoCount + 1);
        const item = second.state.list()?.items.get(record.id);
        expect(item?.values.KeyHash).toBe(record.hash);
        expect(second.state.list()?.hasUniqueRoleAssignments).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults', () => {
  it('adds latency to every answer until cleared, and matches throttling by method and path', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'demo' });
    try {
      const get = (): Promise<Response> => fetch(`${emulator.siteUrl}/_api/web/currentuser`, { headers: { Authorization: 'Bearer admin-adele' } });
      emulator.faults.latency(150);
      let started = Date.now();
      expect((await get()).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      emulator.faults.clear();
      started = Date.now();
      await get();
      expect(Date.now() - started).toBeLessThan(140);

      emulator.faults.set({ status: 429, retryAfterSeconds: 3, times: 1, match: { method: 'GET', pathIncludes: '/CURRENTUSER' } });
      const other = await fetch(`${emulator.siteUrl}/_api/web`, { headers: { Authorization: 'Bearer admin-adele' } });
      expect(other.status).toBe(200);
      const throttled = await get();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      expect((await get()).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
