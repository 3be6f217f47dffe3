/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The three JSON formats, chosen by Accept: minimal (PnPjs's default), nometadata, verbose. Sources: the Office blog
// "JSON Light support in REST SharePoint API released" (2014-08-13); OData JSON format v4.01 §"metadata=none"; OData
// v2 JSON format (d, results, __next, __metadata); DESIGN.md Wire facts.
import { addKeyItem, describeOnTargets } from './fidelityTargets';

jest.setTimeout(60_000);

const NOMETADATA = 'application/json;odata=nometadata';
const VERBOSE = 'application/json;odata=verbose';

function odataKeys(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => odataKeys(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.indexOf('odata.') === 0) found.push(key);
      odataKeys(inner, found);
    }
  }
  return found;
}

describeOnTargets('OData formats', ({ everywhere }) => {
  everywhere('plain application/json answers minimal metadata: odata.metadata, odata.type, odata.etag on each item [blog JSON Light: no odata= means minimalmetadata; PnPjs sends Accept: application/json]', async (t) => {
    await addKeyItem(t);
    const items = await t.request(`${t.listPath}/items?$select=Id,Title&$top=1`);
    expect(items.status).toBe(200);
    expect(items.headers.get('content-type')).toMatch(/odata=minimalmetadata/);
    expect(items.body['odata.metadata']).toEqual(expect.any(String));
    expect(items.body.value[0]).toMatchObject({ 'odata.type': t.itemType, 'odata.etag': expect.stringMatching(/^"\d+"$/) });
  });

  everywhere('odata=nometadata: items carry no odata.* property (no odata.etag), the collection keeps `value` and the next-page link [blog JSON Light; OData JSON v4.01 metadata=none]', async (t) => {
    await addKeyItem(t);
    await addKeyItem(t);
    const items = await t.request(`${t.listPath}/items?$select=Id,Title&$top=1`, { headers: { Accept: NOMETADATA } });
    expect(items.status).toBe(200);
    expect(items.headers.get('content-type')).toMatch(/odata=nometadata/);
    expect(odataKeys(items.body.value)).toEqual([]);
    expect(Object.keys(items.body.value[0]).sort()).toEqual(['Id', 'Title']);
    expect(items.body['odata.nextLink']).toEqual(expect.stringContaining('skiptoken'));
    expect(odataKeys(items.body)).toEqual(['odata.nextLink']);
  });

  everywhere('odata=nometadata on one item: no odata.etag in the body, the ETag only in the response header [DESIGN.md Wire facts: "odata=nometadata answers carry no odata.etag"]', async (t) => {
    const { id } = await addKeyItem(t);
    const item = await t.request(`${t.listPath}/items(${id})?$select=Id,Title`, { headers: { Accept: NOMETADATA } });
    expect(item.status).toBe(200);
    expect(item.body).toEqual({ Id: id, Title: 'Fidelity' });
    expect(item.headers.get('etag')).toBe('"1"');
  });

  everywhere('odata=verbose: a collection is {"d":{"results":[...],"__next"}} and each item has __metadata {id, uri, etag, type} [OData v2 JSON format; PnPjs packages/queryable/behaviors/parsers.ts unwraps d and d.results]', async (t) => {
    await addKeyItem(t);
    await addKeyItem(t);
    const items = await t.request(`${t.listPath}/items?$select=Id,Title&$top=1`, { headers: { Accept: VERBOSE } });
    expect(items.status).toBe(200);
    expect(items.headers.get('content-type')).toMatch(/odata=verbose/);
    expect(Object.keys(items.body)).toEqual(['d']);
    expect(items.body.d.results).toHaveLength(1);
    expect(items.body.d.results[0].__metadata).toEqual({ id: expect.any(String), uri: expect.stringMatching(/\/_api\/Web\/Lists\(guid'[0-9a-f-]{36}'\)\/Items\(\d+\)$/i), etag: expect.stringMatching(/^"\d+"$/), type: t.itemType });
    expect(items.body.d.__next).toEqual(expect.stringContaining('skiptoken'));
    expect(odataKeys(items.body)).toEqual([]);
  });

  everywhere('odata=verbose on a list: {"d":{"__metadata":{"type":"SP.List"},...}} [learn: working-with-lists-and-list-items-with-rest (verbose is the documented default there)]', async (t) => {
    const list = await t.request(`${t.listPath}?$select=Title,Hidden`, { headers: { Accept: VERBOSE } });
    expect(list.status).toBe(200);
    expect(list.body.d).toMatchObject({ __metadata: { type: 'SP.List' }, Title: t.listTitle, Hidden: true });
  });

  everywhere('odata=verbose errors are {"error":{"code","message":{"lang","value"}}}, minimal ones {"odata.error":...} [SharePoint/sp-dev-docs#6826 shows the verbose one; DESIGN.md Wire facts the minimal one]', async (t) => {
    const missing = "_api/web/lists/getByTitle('No%20such%20list%20fidelity')";
    const verbose = await t.request(missing, { headers: { Accept: VERBOSE } });
    expect(verbose.status).toBe(404);
    expect(verbose.body).toEqual({ error: { code: '-1, System.ArgumentException', message: { lang: 'en-US', value: expect.stringMatching(/^List 'No such list fidelity' does not exist at site with URL/) } } });
    const minimal = await t.request(missing);
    expect(minimal.body['odata.error'].code).toBe('-1, System.ArgumentException');
  });
});
