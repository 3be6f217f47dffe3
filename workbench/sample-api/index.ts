// The sample protected API of the workbench: an in-memory course catalogue on http://localhost:4322
// behind the verifier's node:http middleware, reading the emulator's key list as the app principal.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisSharing, createSharePointVerifier, prometheusText, PROMETHEUS_CONTENT_TYPE, withApiKey } from '../../src/verifier';
import { EMULATED_ADMIN_PRINCIPAL, GRAPH_PATH } from '../emulator';
import type { KeyVerifier } from '../../src/verifier';
import type { ApiKeyRequest, KeyVerifierOptions, VerifierLogger } from '../../src/verifier';
import { nodeSharePoint } from '../emulator/sharePointClient';

export interface SampleApiOptions {
  /** Default 4322; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the workbench is never reachable from another machine. */
  host?: string;
  /** The site that holds the key list, e.g. http://localhost:4321/sites/apikeys. */
  siteUrl: string;
  /** The emulator's bearer token for the app principal. Default 'app-verifier' (Sites.Selected, read). */
  token?: string;
  listTitle?: string;
  /** The Global Administrator principal's login name (verifier configuration). Default: the emulator's. */
  adminPrincipal?: string;
  /** Site collection administrators trusted as Global Administrators (verifier configuration). */
  trustedSiteAdmins?: string[];
  /** Verifier settings, e.g. a shorter poll interval in tests. */
  verifier?: Omit<KeyVerifierOptions, 'store' | 'changes'>;
  logger?: VerifierLogger;
  /** How often to try again while the list is not provisioned yet (the first admin creates it in the page). Default 2000 ms. */
  retryStartMs?: number;
  /** Many instances, one SharePoint load: redis://host:port shared by every instance. */
  redisUrl?: string;
  /**
   * Last used: written to the usage list through the emulator's Microsoft Graph with the same app token (the app's
   * list-level grant). Default on, with the 5-minute window; false: nothing recorded.
   */
  lastUsed?: false | { windowMs?: number; flushIntervalMs?: number };
}

export interface SampleApi {
  url: string;
  verifier: KeyVerifier;
  /** Resolves once the verifier trusts the list (it answers 503 until then). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Course {
  id: number;
  title: string;
  createdByKey: string;
}

const MAX_BODY_BYTES = 10 * 1024;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) {
    res.setHeader(name, value);
  }
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RangeError('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/** The catalogue's routes; every request reaching here carries an allowed key. */
function courseRoutes(courses: Course[]): (req: ApiKeyRequest, res: ServerResponse) => Promise<void> {
  let nextId = courses.length + 1;
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const one = /^\/api\/courses\/(\d+)$/.exec(path);
    const key = { name: req.apiKey.name, permission: req.apiKey.permission };
    if (path === '/api/courses') {
      if (req.method === 'GET' || req.method === 'HEAD') {
        send(res, 200, { courses, key });
      } else if (req.method === 'POST') {
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          send(res, 400, { error: { code: 'bad-request', message: 'The body must be JSON of at most 10 KB, like {"title":"..."}.' } });
          return;
        }
        const title = (body as { title?: unknown }).title;
        if (typeof title !== 'string' || title.trim() === '' || title.length > 200) {
          send(res, 400, { error: { code: 'bad-request', message: 'title must be a non-empty string of at most 200 characters.' } });
          return;
        }
        const course: Course = { id: nextId++, title: title.trim(), createdByKey: req.apiKey.name };
        courses.push(course);
        send(res, 201, course, { Location: `/api/courses/${course.id}` });
      } else if (req.method === 'OPTIONS') {
        send(res, 204, undefined, { Allow: 'GET, HEAD, POST, OPTIONS' });
      } else {
        send(res, 405, { error: { code: 'method-not-allowed', message: 'Use GET or POST.' } }, { Allow: 'GET, HEAD, POST, OPTIONS' });
      }
      return;
    }
    if (one !== null) {
      const index = courses.findIndex((c) => c.id === Number(one[1]));
      if (index === -1) {
        send(res, 404, { error: { code: 'not-found', message: `Course ${one[1]} does not exist.` } });
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        send(res, 200, courses[index]);
      } else if (req.method === 'DELETE') {
        courses.splice(index, 1);
        send(res, 204);
      } else if (req.method === 'OPTIONS') {
        send(res, 204, undefined, { Allow: 'GET, HEAD, DELETE, OPTIONS' });
      } else {
        send(res, 405, { error: { code: 'method-not-allowed', message: 'Use GET or DELETE.' } }, { Allow: 'GET, HEAD, DELETE, OPTIONS' });
      }
      return;
    }
    send(res, 404, { error: { code: 'not-found', message: 'Try GET /api/courses.' } });
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Starts the API; the verifier keeps trying to start until the list exists and is safe. */
export async function startSampleApi(options: SampleApiOptions): Promise<SampleApi> {
  const logger = options.logger;
  // The production wiring, with the emulator's bearer token where production uses the app's certificate.
  const verifier = createSharePointVerifier({
    changePollIntervalMs: 1_000,
    ...options.verifier,
    siteUrl: options.siteUrl,
    listTitle: options.listTitle,
    adminPrincipal: options.adminPrincipal ?? EMULATED_ADMIN_PRINCIPAL,
    trustedSiteAdmins: options.trustedSiteAdmins,
    // Fewer attempts than the page's store: the verifier's own timeout and outage grace take over sooner.
    sp: nodeSharePoint(options.siteUrl, options.token ?? 'app-verifier', { retries: 3, interval: 100 }),
    sharing: options.redisUrl === undefined ? undefined : createRedisSharing({ url: options.redisUrl }),
    recordLastUsed:
      options.lastUsed === false
        ? false
        : { graphUrl: `${new URL(options.siteUrl).origin}${GRAPH_PATH}`, token: async () => options.token ?? 'app-verifier', ...(options.lastUsed ?? {}) },
    logger
  });
  const courses: Course[] = [
    { id: 1, title: 'Onboarding for new administrators', createdByKey: 'seed' },
    { id: 2, title: 'Security basics: handling API keys', createdByKey: 'seed' }
  ];
  const protectedRoutes = withApiKey(verifier, courseRoutes(courses), { logger });
  let state = 'starting';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && req.method === 'GET') {
      // Counts and times only (no key, tail, client or path): safe to scrape; restrict it to your network in production.
      res.statusCode = 200;
      res.setHeader('Content-Type', PROMETHEUS_CONTENT_TYPE);
      res.end(prometheusText(verifier.metrics()));
      return;
    }
    if (path === '/' || path === '/health') {
      send(res, 200, {
        name: 'Sample protected API (workbench)',
        verifier: state,
        routes: ['GET /metrics (Prometheus)', 'GET /api/courses', 'GET /api/courses/{id}', 'POST /api/courses {"title":"..."}', 'DELETE /api/courses/{id}'],
        send: ['Authorization: Bearer <key>', 'x-api-key: <key>', 'HTTP Basic, any user name, the key as password']
      });
      return;
    }
    protectedRoutes(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4322, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  let closed = false;
  const ready = (async (): Promise<void> => {
    let reported = '';
    while (!closed) {
      try {
        await verifier.start();
        if (closed) {
          await verifier.stop();
          return;
        }
        state = 'running';
        logger?.info('sample API: verifier trusts the key list', {});
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        state = `waiting for the key list: ${message}`;
        if (message !== reported) {
          logger?.warn('sample API: answering 503 until the key list can be trusted', { reason: message });
          reported = message;
        }
        await delay(options.retryStartMs ?? 2_000);
      }
    }
  })();
  return {
    url: `http://${address.address === '::' ? 'localhost' : address.address}:${address.port}`,
    verifier,
    ready,
    close: async () => {
      closed = true;
      await verifier.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    }
  };
}

// `npx tsx workbench/sample-api/index.ts`: the API alone, against a workbench already running on 4321
// (AKM_SITE_URL points elsewhere; AKM_PORT, 0 for a free one; AKM_REDIS_URL to share one SharePoint load
// among instances). With AKM_READY_LINE=1 it prints one JSON line once the verifier runs (tests read it).
if (require.main === module) {
  const siteUrl = process.env.AKM_SITE_URL ?? 'http://localhost:4321/sites/apikeys';
  const readyLine = process.env.AKM_READY_LINE === '1';
  startSampleApi({
    siteUrl,
    port: process.env.AKM_PORT === undefined ? undefined : Number(process.env.AKM_PORT),
    redisUrl: process.env.AKM_REDIS_URL || undefined,
    retryStartMs: readyLine ? 200 : undefined,
    logger: readyLine ? undefined : console
  }).then(
    async (api) => {
      // Ctrl+C or a container's SIGTERM: stop the verifier first, so the last uses it has noted are written
      // (KeyVerifier.stop flushes them) before the process ends; without a handler Node exits at once.
      const shutDown = (): void => {
        api.close().then(
          () => process.exit(0),
          () => process.exit(1)
        );
      };
      process.once('SIGINT', shutDown);
      process.once('SIGTERM', shutDown);
      if (readyLine) {
        await api.ready;
        process.stdout.write(`${JSON.stringify({ ready: true, url: api.url, pid: process.pid })}\n`);
        return;
      }
      console.log(`Sample API on ${api.url}/api/courses (keys read from ${siteUrl} as app-verifier)`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    }
  );
}
