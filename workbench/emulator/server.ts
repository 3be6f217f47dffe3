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
// - The answer's format (minimal, nometadata, verbose) follows Accept: formats.ts. POST /_api/$batch: batch.ts.
// - 429/503 with Retry-After in seconds: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
import { randomBytes, randomUUID } from 'crypto';
import type * as http from 'http';
import { handleBatch } from './batch';
import type { Reply, RequestContext, SiteData } from './exchange';
import type { Faults } from './faults';
import { contentTypeOf, metadataLevel, shapeBody } from './formats';
import type { MetadataLevel } from './formats';
import { handleGraph } from './graph';
import { OWNERS_GROUP, tokenOf, usesCookie } from './identity';
import type { EmulatorUser } from './identity';
import { handleLists } from './lists';
import { SITE_ID, WEB_ID } from './model';
import { ODataError, splitList } from './odata';
import { isSiteAdmin } from './security';
import type { SiteSecurity } from './security';
import { handleRootSite, handleWebSecurity } from './siteSecurity';
import { handleTenantWide, ROOT_SITE_PATH, tenantSiteOf } from './storageEntities';

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
  /** A request carried inside a POST to `_api/$batch` (logged after the batch itself). */
  inBatch?: true;
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
  return path.indexOf(`${SITE_PATH}/_api`) === 0 || path.indexOf(GRAPH_PATH) === 0 || tenantSiteOf(path) !== undefined;
}

/** The site a request addresses: the key site, another site of the tenant (storageEntities.ts), or none. */
function sitePathOf(lowerPath: string): string | undefined {
  return lowerPath.indexOf(`${SITE_PATH}/_api`) === 0 ? SITE_PATH : tenantSiteOf(lowerPath);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function userJson(siteUrl: string, security: SiteSecurity, user: EmulatorUser, select: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    Id: user.siteUserId,
    IsHiddenInUI: false,
    LoginName: user.loginName,
    Title: user.displayName,
    PrincipalType: user.role === 'app-reader' ? 1 : 1,
    Email: user.email,
    IsSiteAdmin: isSiteAdmin(security, user),
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

function handleSharePoint(ctx: RequestContext, digests: Set<string>, sitePath: string): Reply {
  const path = ctx.apiPath;
  const lower = path.toLowerCase();
  const tenantWide = lower === '/contextinfo' ? undefined : handleTenantWide(ctx, sitePath);
  if (tenantWide) return tenantWide;
  // The root site's site collection administrators show the Global Administrator principal (siteSecurity.ts).
  if (sitePath === ROOT_SITE_PATH && lower === '/web/siteusers') return handleRootSite(ctx, lower);
  if (sitePath !== SITE_PATH && lower !== '/contextinfo') {
    // The other sites exist for tenant-wide calls only; nothing else of theirs is modelled.
    throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${path.replace(/^\//, '')}.`);
  }
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
  // SP.Site.Id and SP.Web.Id (PnPjs sp.site.select('Id')(), sp.web.select('Id')()): with the host name they make
  // Microsoft Graph's site id `{hostname},{site id},{web id}` (https://learn.microsoft.com/en-us/graph/api/resources/site).
  if ((lower === '/site' || lower === '/web') && ctx.method === 'GET' && (ctx.query.get('$select') ?? '').toLowerCase() === 'id') {
    return { status: 200, body: { Id: lower === '/site' ? SITE_ID : WEB_ID } };
  }
  if (lower === '/web/currentuser' && ctx.method === 'GET') return { status: 200, body: userJson(ctx.site.siteUrl, ctx.site.security, ctx.user, splitList(ctx.query.get('$select'))) };
  const security = handleWebSecurity(ctx, lower);
  if (security) return security;
  if (lower === '/web/associatedownergroup' && ctx.method === 'GET') {
    return { status: 200, body: { 'odata.type': 'SP.Group', 'odata.id': `${ctx.site.siteUrl}/_api/Web/SiteGroups/GetById(${OWNERS_GROUP.Id})`, ...OWNERS_GROUP } };
  }
  if ((lower === '/web' || lower === '/web/') && ctx.method === 'GET') {
    return { status: 200, body: { 'odata.type': 'SP.Web', Id: '7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d', Title: 'API Keys', Url: ctx.site.siteUrl, ServerRelativeUrl: SITE_PATH } };
  }
  if (lower === '/web/lists' || lower.indexOf('/web/lists/') === 0 || lower.indexOf('/web/lists(') === 0) return handleLists(ctx, path.slice('/web/lists'.length));
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${path.replace(/^\//, '')}.`);
}

function errorReply(error: ODataError, level: MetadataLevel): Reply {
  const body = level === 'verbose' ? { error: { code: error.code, message: { lang: 'en-US', value: error.message } } } : error.body();
  return { status: error.status, body };
}

function send(res: http.ServerResponse, reply: Reply, level: MetadataLevel, graph: boolean): void {
  const headers: Record<string, string> = { ...reply.headers };
  // Every SharePoint Online answer carries its correlation id as SPRequestGuid (and request-id), the id support
  // looks a request up by (pnp/pnpcore BatchRequest.SPRequestGuidHeader); Graph answers carry request-id
  // (https://learn.microsoft.com/en-us/graph/errors). The page puts it behind "Copy details".
  const correlationId = randomUUID();
  if (!graph) headers.SPRequestGuid = correlationId;
  headers['request-id'] = correlationId;
  if (reply.body !== undefined && headers['Content-Type'] === undefined) {
    headers['Content-Type'] = graph ? 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' : contentTypeOf(level);
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
}

interface SharePointCall {
  method: string;
  apiPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  user: EmulatorUser;
  site: SiteData;
  tunnelledMethod: string | undefined;
  /** The site addressed: the key site, or another site of the tenant (storageEntities.ts, siteSecurity.ts handleRootSite). */
  sitePath: string;
}

/** One SharePoint REST request after identity and digest checks, answered in the format its Accept header asks for. */
function answerSharePoint(call: SharePointCall, digests: Set<string>): Reply {
  const level = metadataLevel(call.headers.accept);
  let body: unknown;
  try {
    body = call.rawBody.trim() === '' ? undefined : JSON.parse(call.rawBody);
  } catch {
    return errorReply(new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'Invalid JSON. A token was not recognized in the JSON content.'), level);
  }
  try {
    const { method, apiPath, query, headers, user, site, tunnelledMethod } = call;
    const ctx = { method, apiPath, query, headers, body, user, site, tunnelledMethod };
    const result = handleSharePoint(ctx, digests, call.sitePath);
    return result.status < 400 && result.body !== undefined ? { ...result, body: shapeBody(result.body, level) } : result;
  } catch (error) {
    if (error instanceof ODataError) return errorReply(error, level);
    return errorReply(new ODataError(500, '-2146233088, System.InvalidOperationException', error instanceof Error ? error.message : String(error)), level);
  }
}

/** `POST _api/$batch` (batch.ts): each inner request is answered and logged (`inBatch`) as if sent alone. */
function answerBatch(
  log: RequestLogEntry[],
  req: http.IncomingMessage,
  rawBody: string,
  apiBase: string,
  token: string | undefined,
  level: MetadataLevel,
  answer: (call: Omit<SharePointCall, 'user' | 'site' | 'sitePath'>) => Reply
): Reply {
  try {
    const contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : undefined;
    return handleBatch(contentType, rawBody, apiBase, (inner, innerPath) => {
      const query = Array.from(inner.url.searchParams.entries()).map(([k, v]) => `${k}=${v}`).join('&');
      const entry: RequestLogEntry = { method: inner.method, path: `${SITE_PATH}/_api${innerPath}`, query, user: token, status: 0, inBatch: true };
      if (inner.tunnelledMethod) entry.xHttpMethod = inner.tunnelledMethod;
      if (inner.headers['if-match'] !== undefined) entry.ifMatch = inner.headers['if-match'];
      log.push(entry);
      const reply = answer({ method: inner.method, apiPath: innerPath, query: inner.url.searchParams, headers: inner.headers, rawBody: inner.body, tunnelledMethod: inner.tunnelledMethod });
      entry.status = reply.status;
      return reply.body === undefined ? reply : { ...reply, headers: { 'Content-Type': contentTypeOf(metadataLevel(inner.headers.accept)), ...reply.headers } };
    });
  } catch (error) {
    return errorReply(error instanceof ODataError ? error : new ODataError(400, '-1, Microsoft.Data.OData.ODataException', String(error)), level);
  }
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
  const level = metadataLevel(req.headers.accept);
  const decision = parts.faults.decide(method, path);
  if (decision.latencyMs > 0) await delay(decision.latencyMs);
  const reply = (r: Reply): void => {
    entry.status = r.status;
    send(res, r, level, graph);
  };

  if (decision.throttle) {
    const headers: Record<string, string> = {};
    if (decision.throttle.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.throttle.retryAfterSeconds);
    const message = decision.throttle.status === 429 ? 'The request has been throttled.' : 'The service is temporarily unavailable.';
    reply({ status: decision.throttle.status, headers, body: graph ? { error: { code: 'TooManyRequests', message } } : new ODataError(decision.throttle.status, '-2147024860, Microsoft.SharePoint.SPRequestThrottledException', message).body() });
    return;
  }

  const sitePath = sitePathOf(lowerPath);
  const siteUrl = `${url.origin}${sitePath ?? SITE_PATH}`;
  const site: SiteData = { ...parts.base, siteUrl };
  const user = token !== undefined ? site.users.byToken(token) : undefined;

  if (graph) {
    reply(handleGraph(site, `${url.origin}${GRAPH_PATH}`, method, path.slice(GRAPH_PATH.length), url.searchParams, user, req.headers, rawBody));
    return;
  }
  if (sitePath === undefined) {
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
  const apiPath = path.slice(`${sitePath}/_api`.length) || '/';
  const isWrite = method !== 'GET' && apiPath.toLowerCase() !== '/contextinfo';
  if (isWrite && usesCookie(req)) {
    const digest = req.headers['x-requestdigest'];
    if (typeof digest !== 'string' || !parts.digests.has(digest)) {
      reply(
        errorReply(
          new ODataError(403, '-2130575251, Microsoft.SharePoint.SPException', 'The security validation for this page is invalid and might be corrupted. Please use your web browser\'s Back button to try your operation again.'),
          level
        )
      );
      return;
    }
  }
  const answer = (call: Omit<SharePointCall, 'user' | 'site' | 'sitePath'>): Reply => answerSharePoint({ ...call, user, site, sitePath }, parts.digests);
  const result =
    apiPath.toLowerCase() === '/$batch' && method === 'POST'
      ? answerBatch(parts.requests, req, rawBody, `${siteUrl}/_api`, token, level, answer)
      : answer({ method, apiPath, query: url.searchParams, headers: req.headers, rawBody, tunnelledMethod });
  if (result.status < 400 && parts.faults.takeDrop(method, path)) {
    // The write is committed; the client never learns it.
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  reply(result);
}
