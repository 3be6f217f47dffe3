// The three JSON formats SharePoint's REST service answers in, chosen by the request's Accept header. Handlers
// build minimal metadata; this module turns it into what was asked for. Sources:
// - "JSON Light support in REST SharePoint API released" (Office blog, 2014-08-13,
//   https://blogs.office.com/2014/08/13/json-light-support-rest-sharepoint-api-released/): `odata=verbose`,
//   `odata=minimalmetadata`, `odata=nometadata`; plain `application/json` gets minimal metadata.
// - Minimal: `odata.metadata`, `odata.type`, `odata.id`, `odata.etag`, `odata.editLink`, collections in `value` with
//   `odata.nextLink` (DESIGN.md, Wire facts). No metadata drops the `odata.*` control properties except those a client
//   needs to go on: the next-page link (OData JSON format, "metadata=none": only the next link and count stay,
//   https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html#sec_metadatanoneodatametadatanone)
//   and `odata.null`. So an item read in nometadata carries no ETag in its body (DESIGN.md, Wire facts): a client must
//   take it from the `ETag` header of a single-item GET or ask for minimal metadata, which the store does.
// - Verbose: the answer wrapped in `{"d": ...}`; each entity carries `__metadata: {id, uri, etag, type}`; a
//   collection is `{"results": [...]}` with `__next` for the next page; a property holding a list of values is
//   `{"results": [...]}` too (working-with-lists-and-list-items-with-rest: "__metadata" with "type" in bodies;
//   pnp/pnpjs packages/sp/fields/types.ts sends Choices as `{ results: [...] }` and reads `d`;
//   https://www.odata.org/documentation/odata-version-2-0/json-format/ for `d`, `results`, `__next`, `__metadata`).
//   Errors in verbose are `{"error": {...}}` (server.ts).

export type MetadataLevel = 'verbose' | 'minimal' | 'nometadata';

export function metadataLevel(accept: string | string[] | undefined): MetadataLevel {
  const text = (Array.isArray(accept) ? accept.join(',') : accept ?? '').toLowerCase();
  if (/odata=verbose/.test(text)) return 'verbose';
  if (/odata=nometadata/.test(text)) return 'nometadata';
  return 'minimal';
}

export function contentTypeOf(level: MetadataLevel): string {
  switch (level) {
    case 'verbose':
      return 'application/json;odata=verbose;charset=utf-8';
    case 'nometadata':
      return 'application/json;odata=nometadata;streaming=true;charset=utf-8';
    default:
      return 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Control properties that survive nometadata. */
const KEPT_WITHOUT_METADATA = ['odata.nextLink', 'odata.null'];

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    if (key.indexOf('odata.') === 0 && KEPT_WITHOUT_METADATA.indexOf(key) < 0) continue;
    out[key] = withoutMetadata(value[key]);
  }
  return out;
}

function verboseValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const results = value.map(verboseValue);
    return value.every((v) => typeof v === 'string') ? { __metadata: { type: 'Collection(Edm.String)' }, results } : { results };
  }
  if (!isObject(value)) return value;
  const metadata: Json = {};
  const type = value['odata.type'];
  const id = value['odata.id'];
  const editLink = value['odata.editLink'];
  if (typeof id === 'string') {
    // List items identify themselves by their relative edit link; other entities by their absolute URI.
    metadata.id = typeof type === 'string' && type.indexOf('SP.Data.') === 0 && type !== 'SP.Data.UserInfoItem' && typeof editLink === 'string' ? editLink : id;
    metadata.uri = id;
  }
  if (typeof value['odata.etag'] === 'string') metadata.etag = value['odata.etag'];
  if (typeof type === 'string') metadata.type = type;
  const out: Json = Object.keys(metadata).length > 0 ? { __metadata: metadata } : {};
  for (const key of Object.keys(value)) {
    if (key.indexOf('odata.') === 0) continue;
    out[key] = verboseValue(value[key]);
  }
  return out;
}

function verbose(body: unknown): unknown {
  if (isObject(body) && body['odata.null'] === true) return { d: null };
  // contextinfo names its result in verbose: `data.d.GetContextWebInformation.FormDigestValue` (Learn: Complete basic
  // operations using SharePoint REST endpoints, "Writing data by using the REST interface").
  if (isObject(body) && typeof body['odata.metadata'] === 'string' && /#SP\.ContextWebInformation$/.test(body['odata.metadata'])) {
    return { d: { GetContextWebInformation: verboseValue({ 'odata.type': 'SP.ContextWebInformation', ...body }) } };
  }
  if (isObject(body) && Array.isArray(body.value)) {
    const d: Json = { results: body.value.map(verboseValue) };
    if (typeof body['odata.nextLink'] === 'string') d.__next = body['odata.nextLink'];
    return { d };
  }
  return { d: verboseValue(body) };
}

/** A successful answer, built in minimal metadata, in the format the caller asked for. */
export function shapeBody(body: unknown, level: MetadataLevel): unknown {
  if (level === 'nometadata') return withoutMetadata(body);
  if (level === 'verbose') return verbose(body);
  return body;
}
