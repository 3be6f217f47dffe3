// POST /_api/$batch: several requests in one multipart/mixed body, writes grouped in changesets. Sources:
// - https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis
//   (SharePoint/sp-dev-docs docs/sp-add-ins/make-batch-requests-with-the-rest-apis.md): the body is multipart/mixed
//   with the boundary in the request's Content-Type; a part is one request (`application/http`) or a changeset
//   (a nested multipart/mixed of writes); every URL must target the same site; "SharePoint and Office 365 APIs aren't
//   transactional ... If any of the child operations fails, the others still complete and aren't rolled back".
// - What PnPjs 4 sends and reads (pnp/pnpjs packages/sp/batching.ts, `createBatch` and `parseResponse`): LF line
//   endings, `--batch_<id>` parts, `Content-Type: multipart/mixed; boundary="changeset_<id>"` around consecutive
//   writes, each inner request as `<METHOD> <absolute url> HTTP/1.1` with the X-HTTP-Method verb as the method and
//   only Accept, Content-Type and IF-Match copied. The answer is read as flat `--batchresponse_<id>` parts (no nested
//   changeset responses: PnPjs would fail on one), each `HTTP/1.1 <status> <text>`, headers, a blank line, the body;
//   PnPjs splits on "\n" and hands the rest of the status line to `new Response(..., { statusText })`, which refuses a
//   trailing CR, so the answer's lines end in LF as SharePoint Online's do (pnp/pnpjs#1985 shows one).
// Not modelled: Content-ID references between parts, and batches across sites.
import { randomUUID } from 'crypto';
import type { Reply } from './exchange';
import { ODataError } from './odata';

export interface BatchRequest {
  /** GET, POST, or for a tunnelled write POST with `tunnelledMethod`. */
  method: string;
  tunnelledMethod: string | undefined;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
};

const badBatch = (detail: string): ODataError => new ODataError(400, '-1, Microsoft.Data.OData.ODataException', `The batch request is not valid. ${detail}`);

function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return match ? match[1] : undefined;
}

/** Splits a multipart body into its parts' text (without the delimiter lines). */
function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const end = body.indexOf(`${delimiter}--`);
  if (end < 0) throw badBatch(`The closing boundary '${delimiter}--' is missing.`);
  return body
    .slice(0, end)
    .split(delimiter)
    .slice(1)
    .map((part) => part.replace(/^\n/, ''));
}

function headerBlock(text: string): { headers: Record<string, string>; rest: string } {
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest: blank < 0 ? '' : text.slice(blank + 2) };
}

function parseRequest(text: string, base: string): BatchRequest {
  const newline = text.indexOf('\n');
  const requestLine = (newline < 0 ? text : text.slice(0, newline)).trim();
  const match = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.1$/i.exec(requestLine);
  if (!match) throw badBatch(`'${requestLine}' is not a request line.`);
  const { headers, rest } = headerBlock(newline < 0 ? '' : text.slice(newline + 1));
  const verb = match[1].toUpperCase();
  const tunnelled = verb === 'MERGE' || verb === 'PATCH' || verb === 'PUT';
  return { method: tunnelled ? 'POST' : verb, tunnelledMethod: tunnelled ? verb : undefined, url: new URL(match[2], base), headers, body: rest.replace(/\n+$/, '') };
}

/** The requests of a batch in order, changesets flattened (SharePoint runs them one by one either way). */
export function parseBatch(contentType: string | undefined, body: string, base: string): BatchRequest[] {
  const boundary = boundaryOf(contentType);
  if (!boundary || !/^multipart\/mixed/i.test(contentType ?? '')) throw badBatch("The Content-Type must be 'multipart/mixed' with a boundary.");
  const requests: BatchRequest[] = [];
  for (const part of splitParts(body.replace(/\r\n/g, '\n'), boundary)) {
    const { headers, rest } = headerBlock(part);
    const type = headers['content-type'] ?? '';
    if (/^multipart\/mixed/i.test(type)) {
      const changeset = boundaryOf(type);
      if (!changeset) throw badBatch('A changeset has no boundary.');
      for (const inner of splitParts(rest, changeset)) {
        const innerPart = headerBlock(inner);
        const request = parseRequest(innerPart.rest, base);
        if (request.method === 'GET') throw badBatch('A changeset may hold only writes.');
        requests.push(request);
      }
    } else if (/^application\/http/i.test(type)) {
      requests.push(parseRequest(rest, base));
    } else {
      throw badBatch(`A part of type '${type}' is neither application/http nor a changeset.`);
    }
  }
  return requests;
}

/** One multipart answer, a flat `--batchresponse_` part per request in order. */
export function batchReply(replies: Reply[]): Reply {
  const boundary = `batchresponse_${randomUUID()}`;
  const lines: string[] = [];
  for (const reply of replies) {
    lines.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '');
    lines.push(`HTTP/1.1 ${reply.status} ${STATUS_TEXT[reply.status] ?? 'Unknown'}`);
    const headers = reply.headers ?? {};
    for (const name of Object.keys(headers)) lines.push(`${name.toLowerCase() === 'content-type' ? 'CONTENT-TYPE' : name}: ${headers[name]}`);
    lines.push('', reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }
  lines.push(`--${boundary}--`, '');
  return { status: 200, headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body: lines.join('\n') };
}

/**
 * Runs each request of a batch through `answer` (the same path a lone request takes, as the batch's caller) and
 * answers them together. A request outside the site's `_api` gets its own 400; the others still run.
 */
export function handleBatch(contentType: string | undefined, body: string, apiBase: string, answer: (request: BatchRequest, apiPath: string) => Reply): Reply {
  const requests = parseBatch(contentType, body, apiBase);
  const base = new URL(apiBase);
  const prefix = decodeURIComponent(base.pathname).toLowerCase();
  return batchReply(
    requests.map((request) => {
      const path = decodeURIComponent(request.url.pathname);
      if (request.url.origin !== base.origin || path.toLowerCase().indexOf(prefix) !== 0) {
        const error = badBatch(`Every request of a batch must target this site: '${request.url.toString()}' does not.`);
        return { status: error.status, headers: { 'Content-Type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' }, body: error.body() };
      }
      return answer(request, path.slice(prefix.length) || '/');
    })
  );
}
