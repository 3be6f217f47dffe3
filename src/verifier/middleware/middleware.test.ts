import '../testing/webCrypto';
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { generateKey } from '../../core';
import { KeyVerifier } from '../KeyVerifier';
import type { VerifierLogger } from '../KeyVerifier.types';
import { FakeClock } from '../testing/FakeClock';
import { FakeKeyStore } from '../testing/FakeKeyStore';
import { apiKeyMiddleware } from './express';
import { withApiKey } from './nodeHttp';
import type { ApiKeyRequest } from './nodeHttp';
import { withApiKeyFunction } from './azureFunctions';
import { trustForwardedFor } from './authenticate';
import type { FunctionHttpRequest, FunctionRefusalResponse } from './azureFunctions';

const sha256 = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

let store: FakeKeyStore;
let verifier: KeyVerifier;
let readOnlyKey: string;
let fullControlKey: string;
let unknownKey: string;
const logLines: string[] = [];
const logger: VerifierLogger = {
  info: (m, f) => logLines.push(`${m} ${JSON.stringify(f)}`),
  warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f)}`)
};

beforeAll(async () => {
  store = new FakeKeyStore();
  verifier = new KeyVerifier({ store, changes: store, clock: new FakeClock() });
  readOnlyKey = (await generateKey()).key;
  fullControlKey = (await generateKey()).key;
  unknownKey = (await generateKey()).key;
  store.add(sha256(readOnlyKey), 'ReadOnly', 'Power BI');
  store.add(sha256(fullControlKey), 'FullControl', 'Sync job');
  await verifier.start();
});

afterAll(() => verifier.stop());

function allKeys(): string[] {
  return [readOnlyKey, fullControlKey, unknownKey];
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
}

interface Answer {
  status: number;
  challenges: string;
  retryAfter: string | null;
  text: string;
}

/** node:http rather than fetch: the jest environment here has no fetch global. */
function call(base: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(`${base}/api/courses?x=1`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const challenge = res.headers['www-authenticate'];
        const retryAfter = res.headers['retry-after'];
        resolve({
          status: res.statusCode ?? 0,
          challenges: Array.isArray(challenge) ? challenge.join(', ') : challenge ?? '',
          retryAfter: retryAfter ?? null,
          text: Buffer.concat(chunks).toString('utf8')
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function expectNoKeyLeaked(answer: Answer): void {
  for (const key of allKeys()) {
    expect(answer.text).not.toContain(key);
    expect(answer.challenges).not.toContain(key);
  }
}

const servers: Array<[string, () => Server]> = [
  [
    'node:http withApiKey',
    () =>
      createServer(
        withApiKey(
          verifier,
          (req: ApiKeyRequest, res) => {
            res.setHeader('Content-Type', 'application/json');
            res.end(JSON.stringify({ method: req.method, apiKey: req.apiKey }));
          },
          { logger }
        )
      )
  ],
  [
    'Express apiKeyMiddleware',
    () => {
      const app = express();
      app.use(apiKeyMiddleware(verifier, { logger }));
      app.all('/api/courses', (req, res) => {
        res.json({ method: req.method, apiKey: req.apiKey });
      });
      return createServer(app);
    }
  ]
];

describe.each(servers)('%s', (_name, makeServer) => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = makeServer();
    base = await listen(server);
  });
  afterAll(() => close(server));

  it('passes a Read Only GET through with the key identity', async () => {
    const answer = await call(base, 'GET', { authorization: `Bearer ${readOnlyKey}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ method: 'GET', apiKey: { id: 1, name: 'Power BI', permission: 'ReadOnly', tail: readOnlyKey.slice(-12) } });
    expectNoKeyLeaked(answer);
  });

  it('passes a Full Control POST sent as x-api-key and as the Basic password', async () => {
    const viaHeader = await call(base, 'POST', { 'x-api-key': fullControlKey });
    const viaBasic = await call(base, 'DELETE', { authorization: `Basic ${Buffer.from(`flow:${fullControlKey}`).toString('base64')}` });
    expect([viaHeader.status, viaBasic.status]).toEqual([200, 200]);
    expect(JSON.parse(viaBasic.text).apiKey.permission).toBe('FullControl');
  });

  it('answers 401 missing with a bare Bearer challenge and a Basic one', async () => {
    const answer = await call(base, 'GET', {});
    expect(answer.status).toBe(401);
    expect(answer.challenges).toBe('Bearer realm="api", Basic realm="api", charset="UTF-8"');
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'missing', message: expect.stringContaining('Authorization: Bearer') } });
  });

  it.each([
    ['a mistyped key', (): Record<string, string> => ({ authorization: `Bearer ${readOnlyKey.slice(0, -1)}${readOnlyKey.endsWith('a') ? 'b' : 'a'}` }), 'malformed'],
    ['a truncated key', (): Record<string, string> => ({ 'x-api-key': readOnlyKey.slice(0, 30) }), 'malformed'],
    ['another kind of token (its message quotes the prefix)', (): Record<string, string> => ({ authorization: 'Bearer ghp_notOurs' }), 'malformed'],
    ['a Bearer header without a token', (): Record<string, string> => ({ authorization: 'Bearer ' }), 'malformed'],
    ['a broken Basic header', (): Record<string, string> => ({ authorization: 'Basic %%%' }), 'malformed'],
    ['an unknown key', (): Record<string, string> => ({ authorization: `Bearer ${unknownKey}` }), 'unknown-or-revoked']
  ])('answers 401 for %s with an invalid_token challenge and no key in the answer', async (_label, headers, code) => {
    const answer = await call(base, 'GET', headers());
    expect(answer.status).toBe(401);
    expect(answer.challenges).toMatch(/^Bearer realm="api", error="invalid_token", error_description="[^"]+", Basic realm="api"/);
    expect(JSON.parse(answer.text).error.code).toBe(code);
    expectNoKeyLeaked(answer);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers 403 insufficient_scope for a Read Only %s', async (method) => {
    const answer = await call(base, method, { authorization: `Bearer ${readOnlyKey}` });
    expect(answer.status).toBe(403);
    expect(answer.challenges).toMatch(/^Bearer realm="api", error="insufficient_scope"/);
    expect(JSON.parse(answer.text).error.code).toBe('read-only-key');
    expectNoKeyLeaked(answer);
  });

  it('answers 503 with Retry-After when keys cannot be checked', async () => {
    store.failure = new Error('store down');
    try {
      // A key never seen before: a cached "no such key" would rightly still answer 401.
      const neverSeen = (await generateKey()).key;
      const answer = await call(base, 'GET', { 'x-api-key': neverSeen });
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(JSON.parse(answer.text).error.code).toBe('unavailable');
      expect(answer.text).not.toContain(neverSeen);
    } finally {
      store.failure = undefined;
    }
  });

  it('never wrote a key to the log, only tails and ids', () => {
    const log = logLines.join('\n');
    expect(log).toContain('API key refused');
    expect(log).toContain(readOnlyKey.slice(-12));
    for (const key of allKeys()) {
      expect(log).not.toContain(key);
    }
  });
});

describe('Azure Functions withApiKeyFunction', () => {
  function request(method: string, headers: Record<string, string>): FunctionHttpRequest {
    // Like the Fetch API's Headers that Azure Functions passes: case-insensitive get(), null when absent.
    const byName = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    return { method, url: 'https://contoso.azurewebsites.net/api/courses?code=abc', headers: { get: (name) => byName.get(name.toLowerCase()) ?? null } };
  }
  const warnings: unknown[][] = [];
  const context = { warn: (...args: unknown[]) => warnings.push(args) };
  const handler = (req: FunctionHttpRequest, ctx: typeof context) =>
    withApiKeyFunction(verifier, async (_request, _context, apiKey) => ({ status: 200, jsonBody: { apiKey } }))(req, ctx);

  it('runs the handler with the key identity', async () => {
    await expect(handler(request('GET', { authorization: `Bearer ${readOnlyKey}` }), context)).resolves.toEqual({
      status: 200,
      jsonBody: { apiKey: { id: 1, name: 'Power BI', permission: 'ReadOnly', tail: readOnlyKey.slice(-12) } }
    });
  });

  it('answers 403 and 401 itself, with the challenges in one header, and logs through the context', async () => {
    const forbidden = await handler(request('POST', { 'x-api-key': readOnlyKey }), context);
    expect(forbidden).toMatchObject({ status: 403, jsonBody: { error: { code: 'read-only-key' } } });
    const unknown = (await handler(request('GET', { authorization: `Bearer ${unknownKey}` }), context)) as FunctionRefusalResponse;
    expect(unknown.status).toBe(401);
    expect(unknown.headers['WWW-Authenticate']).toMatch(/^Bearer realm="api", error="invalid_token", error_description="[^"]+", Basic realm="api"/);
    expect(JSON.stringify([forbidden, unknown, warnings])).not.toContain(unknownKey);
    expect(JSON.stringify(warnings)).not.toContain(readOnlyKey);
    expect(JSON.stringify(warnings)).toContain('"path":"/api/courses"');
  });
});

describe('clients and the brute-force limit through the middleware', () => {
  it('trustForwardedFor takes the hop the trusted proxy appended, never what the client wrote further left', () => {
    const header = (value: string | undefined) => (name: string) => (name === 'x-forwarded-for' ? value : undefined);
    expect(trustForwardedFor(1)(header('203.0.113.7, 198.51.100.2'), '10.0.0.1')).toBe('198.51.100.2');
    expect(trustForwardedFor(2)(header('203.0.113.7, 198.51.100.2'), '10.0.0.1')).toBe('203.0.113.7');
    expect(trustForwardedFor(2)(header('198.51.100.2'), '10.0.0.1')).toBe('10.0.0.1');
    expect(trustForwardedFor(1)(header(undefined), '10.0.0.1')).toBe('10.0.0.1');
    expect(() => trustForwardedFor(0)).toThrow(RangeError);
  });

  it('answers 429 with Retry-After to a client past its refusal limit, identified by the trusted proxy hop, without a lookup', async () => {
    const limitedStore = new FakeKeyStore();
    const limited = new KeyVerifier({ store: limitedStore, changes: limitedStore, clock: new FakeClock(), refusalLimit: { limit: 3, perMs: 60_000 } });
    await limited.start();
    const server = createServer(withApiKey(limited, (_req, res) => {
      res.end('ok');
    }, { clientOf: trustForwardedFor(1) }));
    const base = await listen(server);
    try {
      const from = (address: string, key: string): Promise<Answer> =>
        new Promise<Answer>((resolve, reject) => {
          const req = httpRequest(`${base}/api/courses`, { method: 'GET', headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': `10.9.9.9, ${address}` } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, challenges: '', retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, text: Buffer.concat(chunks).toString('utf8') })
            );
          });
          req.on('error', reject);
          req.end();
        });
      for (let i = 0; i < 3; i++) {
        await expect(from('203.0.113.50', (await generateKey()).key)).resolves.toMatchObject({ status: 401 });
      }
      const lookups = limitedStore.calls.findByHash;
      const blocked = await from('203.0.113.50', (await generateKey()).key);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(blocked.text).error.code).toBe('rate-limited');
      await expect(from('203.0.113.50', 'Bearer-not-a-key')).resolves.toMatchObject({ status: 429 });
      expect(limitedStore.calls.findByHash).toBe(lookups);
      // The same proxy, another client behind it.
      await expect(from('203.0.113.51', (await generateKey()).key)).resolves.toMatchObject({ status: 401 });
      expect(limited.metrics().refusedByCause).toMatchObject({ unknown: 4, 'too-many-refusals': 2 });
    } finally {
      await limited.stop();
      await close(server);
    }
  });
});
