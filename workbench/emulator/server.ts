// The HTTP front: identity, faults, routing to the SharePoint and Graph handlers, odata.error answers.
// Sources for what is answered here:
// - POST /_api/contextinfo → FormDigestValue, FormDigestTimeoutSeconds; cookie-authenticated writes need X-RequestDigest
//   (https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/complete-basic-operations-using-sharepoint-rest-endpoints#writing-data-by-using-the-rest-interface;
//   PnPjs RequestDigest behavior: pnp/pnpjs packages/sp/behaviors/request-digest.ts reads the top-level fields).
// - GET /_api/web/currentUser (SP.User: Email, Id, IsHiddenInUI, IsSiteAdmin, LoginName, PrincipalType, Title,
//   UserPrincipalName): https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-visio/jj245893(v=office.15)
//   and the properties listed in gist ktskumar/e36cbca58ce9d539f7f2660f8a30a9e4; PnPjs `sp.web.currentUser`
//   (pnp/pnpjs packages/sp/site-users/web.ts). GET /_api/web/associatedOwnerGroup (SP.Group): PnPjs
//   `sp.web.associatedOwnerGroup` (packages/sp/site-groups/web.ts).
// - Paths are case-insensitive and query strings arrive URL-encoded (`%24select=Id%2CTitle`) (DESIGN.md, Wire facts).
// - 429/503 with Retry-After in seconds: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
import { randomBytes, randomUUID } from 'crypto';
import type * as http from 'http';
import type { Reply, RequestContext, SiteData } from './exchange';
import type { Faults } from './faults';
import { handleGraph } from './graph';
import { OWNERS_GROUP, tokenOf, usesCookie } from './identity';
import type { EmulatorUser } from './identity';
import { handleLists } from './lists';
import { ODataError, splitList } from './odata';

export const SITE_PATH = '/sites/apikeys';
export const GRAPH_PATH = '/graph/v1.0';
const MAX_LOGGED_REQUESTS = 100_000;

export interface RequestLogEntry {
  method: string;
  /** Decoded path, e.g. /sites/apikeys/_api/web/lists/getByTitle('API Keys')/items. */
  path: string;
  /** Decoded query string. */
  query: string;
  /** The caller's token, or undefined when none was sent. */
  user: string | undefined;
  /** HTTP status; 0 when the response was dropped on purpose. */
  status: number;
  /** X-HTTP-Method of a tunnelled POST (MERGE, DELETE). */
  xHttpMethod?: string;
  /** The IF-Match header, when sent. */
  ifMatch?: string;
}

export interface ServerParts {
  base: Omit<SiteData, 'siteUrl'>;
  faults: Faults;
  requests: RequestLogEntry[];
  digests: Set<string>;
}

/** Whether a request is the emulator's (SharePoint site or Graph) rather than the workbench's own files. */
export function isEmulatorPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0].toLowerCase();
  return path.indexOf(`${SITE_PATH}/_api`) === 0 || path.indexOf(GRAPH_PATH) === 0;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function userJson(siteUrl: string, user: EmulatorUser, select: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    Id: user.siteUserId,
    IsHiddenInUI: false,
    LoginName: user.loginName,
    Title: user.displayName,
    PrincipalType: user.role === 'app-reader' ? 1 : 1,
    Email: user.email,
    IsSiteAdmin: user.isSiteAdmin,
    UserPrincipalName: user.email || null
  };
  const body: Record<string, unknown> = { 'odata.type': 'SP.User', 'odata.id': `${siteUrl}/_api/Web/GetUserById(${user.siteUserId})`, 'odata.editLink': `Web/GetUserById(${user.siteUserId})` };
  for (const name of select.length > 0 ? select : Object.keys(all)) {
    const key = Object.keys(all).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.User'.`);
    body[key] = all[key];
  }
  return body;
}

function handleSharePoint(ctx: RequestContext, digests: Set<string>): Reply {
  const path = ctx.apiPath;
  const lower = path.toLowerCase();
  if (lower === '/contextinfo' && ctx.method === 'POST') {
    const value = `0x${randomBytes(64).toString('hex').toUpperCase()},${new Date().toUTCString()}`;
    digests.add(value);
    return {
      status: 200,
      body: {
        'odata.metadata': `${ctx.site.siteUrl}/_api/$metadata#SP.ContextWebInformation`,
        FormDigestTimeoutSeconds: 1800,
        FormDigestValue: value,
        LibraryVersion: '16.0.25000.12005',
        SiteFullUrl: ctx.site.siteUrl,
        SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
        WebFullUrl: ctx.site.siteUrl
      }
    };
  }
  if (lower === '/web/currentuser' && ctx.method === 'GET') return { status: 200, body: userJson(ctx.site.siteUrl, ctx.user, splitList(ctx.query.get('$select'))) };
  if (lower === '/web/associatedownergroup' && ctx.method === 'GET') {
    return { status: 200, body: { 'odata.type': 'SP.Group', 'odata.id': `${ctx.site.siteUrl}/_api/Web/SiteGroups/GetById(${OWNERS_GROUP.Id})`, ...OWNERS_GROUP } };
  }
  if ((lower === '/web' || lower === '/web/') && ctx.method === 'GET') {
    return { status: 200, body: { 'odata.type': 'SP.Web', Id: '7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d', Title: 'API Keys', Url: ctx.site.siteUrl, ServerRelativeUrl: SITE_PATH } };
  }
  if (lower === '/web/lists' || lower.indexOf('/web/lists/') === 0 || lower.indexOf('/web/lists(') === 0) return handleLists(ctx, path.slice('/web/lists'.length));
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${path.replace(/^\//, '')}.`);
}

function errorReply(error: ODataError, verbose: boolean): Reply {
  const body = verbose ? { error: { code: error.code, message: { lang: 'en-US', value: error.message } } } : error.body();
  return { status: error.status, body };
}

function send(res: http.ServerResponse, reply: Reply, verbose: boolean, graph: boolean): void {
  const headers: Record<string, string> = { ...reply.headers };
  // Every SharePoint Online answer carries its correlation id as SPRequestGuid (and request-id), the id support
  // looks a request up by (pnp/pnpcore BatchRequest.SPRequestGuidHeader); Graph answers carry request-id
  // (https://learn.microsoft.com/en-us/graph/errors). The page puts it behind "Copy details".
  const correlationId = randomUUID();
  if (!graph) headers.SPRequestGuid = correlationId;
  headers['request-id'] = correlationId;
  if (reply.body !== undefined) {
    headers['Content-Type'] = graph
      ? 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'
      : verbose
        ? 'application/json;odata=verbose;charset=utf-8'
        : 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function serve(parts: ServerParts, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const path = decodeURIComponent(url.pathname);
  const method = (req.method ?? 'GET').toUpperCase();
  const tunnelled = req.headers['x-http-method'];
  const tunnelledMethod = typeof tunnelled === 'string' ? tunnelled.toUpperCase() : undefined;
  const token = tokenOf(req);
  const entry: RequestLogEntry = { method, path, query: Array.from(url.searchParams.entries()).map(([k, v]) => `${k}=${v}`).join('&'), user: token, status: 0 };
  if (tunnelledMethod) entry.xHttpMethod = tunnelledMethod;
  if (typeof req.headers['if-match'] === 'string') entry.ifMatch = req.headers['if-match'];
  parts.requests.push(entry);
  // A long workbench session must not grow without bound; tests clear the log long before this.
  if (parts.requests.length > MAX_LOGGED_REQUESTS) parts.requests.splice(0, parts.requests.length - MAX_LOGGED_REQUESTS);

  const rawBody = await readBody(req);
  const lowerPath = path.toLowerCase();
  const graph = lowerPath.indexOf(GRAPH_PATH) === 0;
  const verbose = /odata=verbose/i.test(String(req.headers.accept ?? ''));
  const decision = parts.faults.decide(method, path);
  if (decision.latencyMs > 0) await delay(decision.latencyMs);
  const reply = (r: Reply): void => {
    entry.status = r.status;
    send(res, r, verbose, graph);
  };

  if (decision.throttle) {
    const headers: Record<string, string> = {};
    if (decision.throttle.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.throttle.retryAfterSeconds);
    const message = decision.throttle.status === 429 ? 'The request has been throttled.' : 'The service is temporarily unavailable.';
    reply({ status: decision.throttle.status, headers, body: graph ? { error: { code: 'TooManyRequests', message } } : new ODataError(decision.throttle.status, '-2147024860, Microsoft.SharePoint.SPRequestThrottledException', message).body() });
    return;
  }

  const siteUrl = `${url.origin}${SITE_PATH}`;
  const site: SiteData = { ...parts.base, siteUrl };
  const user = token !== undefined ? site.users.byToken(token) : undefined;

  if (graph) {
    reply(handleGraph(site, `${url.origin}${GRAPH_PATH}`, method, path.slice(GRAPH_PATH.length), url.searchParams, user));
    return;
  }
  if (lowerPath.indexOf(`${SITE_PATH}/_api`) !== 0) {
    reply({ status: 404, body: new ODataError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.').body() });
    return;
  }
  if (!user) {
    reply({
      status: 401,
      headers: { 'WWW-Authenticate': `Bearer realm="${'3f2b7c1e-0000-4000-8000-000000000000'}",client_id="00000003-0000-0ff1-ce00-000000000000"` },
      body: new ODataError(401, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.').body()
    });
    return;
  }
  const apiPath = path.slice(`${SITE_PATH}/_api`.length) || '/';
  const isWrite = method !== 'GET' && apiPath.toLowerCase() !== '/contextinfo';
  if (isWrite && usesCookie(req)) {
    const digest = req.headers['x-requestdigest'];
    if (typeof digest !== 'string' || !parts.digests.has(digest)) {
      reply(
        errorReply(
          new ODataError(403, '-2130575251, Microsoft.SharePoint.SPException', 'The security validation for this page is invalid and might be corrupted. Please use your web browser\'s Back button to try your operation again.'),
          verbose
        )
      );
      return;
    }
  }
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
  } catch {
    reply(errorReply(new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'Invalid JSON. A token was not recognized in the JSON content.'), verbose));
    return;
  }
  let result: Reply;
  try {
    result = handleSharePoint({ method, apiPath, query: url.searchParams, headers: req.headers, body, user, site, tunnelledMethod }, parts.digests);
  } catch (error) {
    if (error instanceof ODataError) result = errorReply(error, verbose);
    else {
      result = errorReply(new ODataError(500, '-2146233088, System.InvalidOperationException', error instanceof Error ? error.message : String(error)), verbose);
    }
  }
  if (result.status < 400 && parts.faults.takeDrop(method, path)) {
    // The write is committed; the client never learns it.
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  reply(result);
}
