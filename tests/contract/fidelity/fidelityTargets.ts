// Where the fidelity suite runs: the emulator always, a real tenant too when AKM_TENANT_* is set (the same variables
// as the store contract suite, tests/contract/README.md). Each test sends raw REST (or PnPjs) and asserts the answer,
// so a difference between the emulator and SharePoint Online shows up as the same test failing on one target only.
import * as fs from 'fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { SPFI } from '@pnp/sp';
import { SharePointKeyStore } from '../../../src/data';
import { startEmulator } from '../../../workbench/emulator';
import type { Emulator } from '../../../workbench/emulator';
import { nodeSharePoint } from '../../../workbench/emulator/sharePointClient';
import { tenantConfig, tenantTarget, TENANT_ENV_HELP, TEST_RETRY } from '../storeTargets';
import type { TenantConfig } from '../storeTargets';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

export interface FidelityTarget {
  name: 'emulator' | 'tenant';
  siteUrl: string;
  /** A list provisioned by the product for this file (throwaway on a tenant). */
  listTitle: string;
  /** `_api/web/lists/getByTitle('<listTitle>')`, URL-encoded. */
  listPath: string;
  /** The list's ListItemEntityTypeFullName, for `__metadata.type`. */
  itemType: string;
  /** PnPjs as an administrator (Adele on the emulator, the app principal on a tenant). */
  admin(): SPFI;
  /** Raw REST below the site (`_api/...`) or an absolute URL, as the administrator. */
  request(path: string, options?: RequestOptions): Promise<Answer>;
  /** Raw Microsoft Graph v1.0 as an app-only caller (the verifier's app on the emulator). */
  graphAsApp(path: string): Promise<Answer>;
  emulator?: Emulator;
  close(): Promise<void>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

function sender(siteUrl: string, token: () => Promise<string>): FidelityTarget['request'] {
  return async (path, options = {}) => {
    const url = /^https?:/.test(path) ? path : `${siteUrl}/${path.replace(/^\//, '')}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (!options.anonymous) headers.Authorization = `Bearer ${await token()}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      if (headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
    }
    return answer(await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body }));
  };
}

function appTokens(config: TenantConfig): (resource: string) => Promise<string> {
  const client = new ConfidentialClientApplication({
    auth: {
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      clientId: config.clientId,
      clientCertificate: { thumbprintSha256: config.thumbprintSha256, privateKey: fs.readFileSync(config.certPath, 'utf8') }
    }
  });
  return async (resource) => {
    const result = await client.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    if (!result) throw new Error(`No token for ${resource}.`);
    return result.accessToken;
  };
}

async function withProvisionedList(target: Omit<FidelityTarget, 'itemType'>): Promise<FidelityTarget> {
  await new SharePointKeyStore(target.admin(), { listTitle: target.listTitle }).ensureProvisioned();
  const list = await target.request(`${target.listPath}?$select=ListItemEntityTypeFullName`);
  return { ...target, itemType: list.body.ListItemEntityTypeFullName as string };
}

const listPathOf = (title: string): string => `_api/web/lists/getByTitle('${encodeURIComponent(title.replace(/'/g, "''"))}')`;

export async function emulatorFidelityTarget(): Promise<FidelityTarget> {
  const emulator = await startEmulator({ port: 0 });
  const listTitle = 'API Keys';
  return withProvisionedList({
    name: 'emulator',
    siteUrl: emulator.siteUrl,
    listTitle,
    listPath: listPathOf(listTitle),
    admin: () => nodeSharePoint(emulator.siteUrl, emulator.users.adele.token, TEST_RETRY),
    request: sender(emulator.siteUrl, async () => emulator.users.adele.token),
    graphAsApp: sender(emulator.graphUrl, async () => emulator.users.app.token),
    emulator,
    close: () => emulator.close()
  });
}

export async function tenantFidelityTarget(config: TenantConfig): Promise<FidelityTarget> {
  const store = tenantTarget(config);
  const tokens = appTokens(config);
  const origin = new URL(config.siteUrl).origin;
  return withProvisionedList({
    name: 'tenant',
    siteUrl: config.siteUrl,
    listTitle: store.listTitle,
    listPath: listPathOf(store.listTitle),
    admin: store.admin,
    request: sender(config.siteUrl, () => tokens(origin)),
    graphAsApp: sender('https://graph.microsoft.com/v1.0', () => tokens('https://graph.microsoft.com')),
    close: store.close
  });
}

export interface TargetTests {
  /** The target of the block being run (valid inside tests and hooks). */
  target(): FidelityTarget;
  /** A behaviour asserted on every target. */
  everywhere(name: string, test: (t: FidelityTarget) => Promise<void>, timeoutMs?: number): void;
  /** A behaviour that needs the emulator's direct controls; on a tenant it is listed as skipped with the reason. */
  emulatorOnly(name: string, reason: string, test: (t: FidelityTarget, emulator: Emulator) => Promise<void>, timeoutMs?: number): void;
}

/** One describe block per target: the emulator, then the tenant or a printed line saying why it was skipped. */
export function describeOnTargets(area: string, body: (tests: TargetTests) => void): void {
  const config = tenantConfig();
  const blocks: { name: string; make: () => Promise<FidelityTarget> }[] = [{ name: 'emulator', make: emulatorFidelityTarget }];
  if (config) blocks.push({ name: 'tenant', make: () => tenantFidelityTarget(config) });
  else console.log(`fidelity (${area}): tenant target skipped (${TENANT_ENV_HELP})`);
  for (const block of blocks) {
    describe(`${area} on the ${block.name}`, () => {
      let current: FidelityTarget | undefined;
      beforeAll(async () => {
        current = await block.make();
      }, 60_000);
      afterAll(async () => {
        await current?.close();
      });
      const target = (): FidelityTarget => {
        if (!current) throw new Error('The target did not start.');
        return current;
      };
      body({
        target,
        everywhere: (name, test, timeoutMs) => it(name, () => test(target()), timeoutMs),
        emulatorOnly: (name, reason, test, timeoutMs) => {
          if (block.name === 'emulator') it(name, () => test(target(), target().emulator as Emulator), timeoutMs);
          else it.skip(`${name} (emulator only: ${reason})`, () => undefined);
        }
      });
    });
  }
}

/** SharePoint's error body in minimal metadata: `{"odata.error":{"code","message":{"lang","value"}}}`. */
export function expectODataError(a: Answer, status: number, code: string, message?: RegExp | string): void {
  expect({ status: a.status, code: a.body?.['odata.error']?.code }).toEqual({ status, code });
  expect(a.body).toEqual({ 'odata.error': { code, message: { lang: 'en-US', value: expect.any(String) } } });
  if (message !== undefined) expect(a.body['odata.error'].message.value).toMatch(message);
}

/** Adds an item through REST the way PnPjs items.add does (no __metadata), with a fresh KeyHash. */
export async function addKeyItem(t: FidelityTarget, values: Record<string, unknown> = {}): Promise<{ id: number; etag: string; answer: Answer }> {
  const hash = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  const added = await t.request(`${t.listPath}/items`, { body: { Title: 'Fidelity', KeyHash: hash, KeyTail: hash.slice(-12), Permission: 'ReadOnly', Status: 'Active', ...values } });
  return { id: added.body?.Id as number, etag: added.body?.['odata.etag'] as string, answer: added };
}
