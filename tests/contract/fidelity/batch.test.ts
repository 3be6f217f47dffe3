/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// POST _api/$batch as PnPjs's batched() sends it (pnp/pnpjs packages/sp/batching.ts) and as Microsoft documents it
// (learn: make-batch-requests-with-the-rest-apis): multipart/mixed, writes in changesets, not transactional.
import '@pnp/sp/batching';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { addKeyItem, describeOnTargets } from './fidelityTargets';

jest.setTimeout(60_000);

describeOnTargets('$batch', ({ everywhere, emulatorOnly }) => {
  everywhere('PnPjs batched(): two item updates with their ETags and a read go out as one POST _api/$batch and each resolves [pnp/pnpjs packages/sp/batching.ts; learn: make-batch-requests-with-the-rest-apis]', async (t) => {
    const first = await addKeyItem(t);
    const second = await addKeyItem(t);
    t.emulator && (t.emulator.requests.length = 0);
    const [batchedSp, execute] = t.admin().batched();
    const list = batchedSp.web.lists.getByTitle(t.listTitle);
    const updates = [list.items.getById(first.id).update({ Status: 'Revoked' }, first.etag), list.items.getById(second.id).update({ Status: 'Revoked' }, second.etag)];
    const read = list.items.getById(first.id).select('Id', 'Status')<{ Id: number; Status: string }>();
    await execute();
    const results = await Promise.all(updates);
    expect(results.map((r) => r.etag)).toEqual(['"2"', '"2"']);
    const readBack = await read;
    expect(readBack).toMatchObject({ Id: first.id });
    if (t.emulator) {
      const outer = t.emulator.requests.filter((r) => !r.inBatch);
      expect(outer.map((r) => `${r.method} ${r.path.replace(/^.*\/_api/, '_api')}`)).toEqual(['POST _api/$batch']);
      expect(t.emulator.requests.filter((r) => r.inBatch).map((r) => [r.xHttpMethod ?? r.method, r.ifMatch, r.status])).toEqual([
        ['MERGE', '"1"', 204],
        ['MERGE', '"1"', 204],
        ['GET', undefined, 200]
      ]);
    }
    const after = await t.request(`${t.listPath}/items?$select=Id,Status&$filter=Id eq ${second.id}`);
    expect(after.body.value[0].Status).toBe('Revoked');
  });

  everywhere('a changeset is not transactional: a stale ETag fails its own request with 412 and the other write still lands [learn: make-batch-requests-with-the-rest-apis "aren\'t transactional"]', async (t) => {
    const stale = await addKeyItem(t);
    const fresh = await addKeyItem(t);
    expect((await t.request(`${t.listPath}/items(${stale.id})`, { headers: { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': stale.etag }, body: { Title: 'Moved on' } })).status).toBe(204);
    const [batchedSp, execute] = t.admin().batched();
    const list = batchedSp.web.lists.getByTitle(t.listTitle);
    const failing = list.items.getById(stale.id).update({ Title: 'Stale write' }, stale.etag).catch((e: { status?: number }) => e);
    const landing = list.items.getById(fresh.id).update({ Title: 'Batched write' }, fresh.etag);
    await execute();
    expect(((await failing) as { status?: number }).status).toBe(412);
    await expect(landing).resolves.toEqual({ etag: '"2"' });
    const read = await t.request(`${t.listPath}/items?$select=Id,Title&$filter=Id ge ${stale.id} and Id le ${fresh.id}`);
    expect(read.body.value.map((v: { Title: string }) => v.Title)).toEqual(['Moved on', 'Batched write']);
  });

  emulatorOnly('the raw answer: multipart/mixed; boundary=batchresponse_…, one flat part per request, LF line endings PnPjs parses [pnp/pnpjs packages/sp/batching.ts parseResponse; pnp/pnpjs#1985]', 'checks the exact bytes; a tenant\'s boundary and headers vary', async (t) => {
    const { id, etag } = await addKeyItem(t);
    const boundary = 'batch_0b1c2d3e-0000-4000-8000-000000000001';
    const changeset = 'changeset_0b1c2d3e-0000-4000-8000-000000000002';
    const itemUrl = `${t.siteUrl}/${t.listPath}/items(${id})`;
    const body = [
      `--${boundary}`,
      `Content-Type: multipart/mixed; boundary="${changeset}"`,
      '',
      `--${changeset}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `MERGE ${itemUrl} HTTP/1.1`,
      'Accept: application/json',
      'Content-Type: application/json;charset=utf-8',
      `IF-Match: ${etag}`,
      '',
      JSON.stringify({ Title: 'Raw batch' }),
      '',
      `--${changeset}--`,
      '',
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${itemUrl}?$select=Title HTTP/1.1`,
      'Accept: application/json;odata=nometadata',
      '',
      `--${boundary}--`,
      ''
    ].join('\r\n');
    const answer = await t.request('_api/$batch', { headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body });
    expect(answer.status).toBe(200);
    const responseBoundary = /^multipart\/mixed; boundary=(batchresponse_[0-9a-f-]{36})$/.exec(answer.headers.get('content-type') ?? '');
    expect(responseBoundary).not.toBeNull();
    expect(answer.text).not.toContain('\r');
    const parts = answer.text.split(`--${responseBoundary![1]}`);
    expect(parts).toHaveLength(4);
    expect(parts[1]).toBe('\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nHTTP/1.1 204 No Content\nETag: "2"\n\n\n');
    expect(parts[2]).toMatch(/^\nContent-Type: application\/http\nContent-Transfer-Encoding: binary\n\nHTTP\/1\.1 200 OK\nCONTENT-TYPE: application\/json;odata=nometadata;[^\n]*\nETag: "2"\n\n\{"Title":"Raw batch"\}\n$/);
    expect(parts[3]).toBe('--\n');
  });
});
