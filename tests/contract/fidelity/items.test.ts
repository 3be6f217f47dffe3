/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// List items: create, update with ETags, and what a write is refused for. Each test names its source.
import { addKeyItem, describeOnTargets, expectODataError } from './fidelityTargets';

jest.setTimeout(60_000);

const SP_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describeOnTargets('list items', ({ everywhere }) => {
  everywhere('POST items answers 201 with the item in minimal metadata and its ETag "1" [learn: working-with-lists-and-list-items-with-rest; PnPjs packages/sp/items/types.ts add]', async (t) => {
    const { answer } = await addKeyItem(t);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.body).toMatchObject({ 'odata.type': t.itemType, 'odata.etag': '"1"', Title: 'Fidelity', Status: 'Active', Permission: 'ReadOnly' });
    expect(answer.body.Id).toEqual(expect.any(Number));
    expect(answer.body.ID).toBe(answer.body.Id);
    expect(answer.body.AuthorId).toEqual(expect.any(Number));
    expect(answer.body.Created).toMatch(SP_DATE);
  });

  everywhere('an item body whose __metadata.type is not the list\'s item type: 400 InvalidClientQueryException "could not be resolved by the model" [pnp/pnpjs#1294; learn: working-with-lists-and-list-items-with-rest ListItemEntityTypeFullName]', async (t) => {
    const wrong = await addKeyItem(t, { __metadata: { type: 'SP.Data.SomeOtherListItem' } });
    expectODataError(wrong.answer, 400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', /^A type named 'SP\.Data\.SomeOtherListItem' could not be resolved by the model\./);
    const right = await addKeyItem(t, { __metadata: { type: t.itemType } });
    expect(right.answer.status).toBe(201);
  });

  everywhere('a verbose item body (Content-Type odata=verbose) without __metadata: 400 InvalidClientQueryException "An entry without a type name was found…"; JSON light needs none [tuan-tomy.blogspot.com 2016-02 REST errors; PnPjs v4 sends application/json]', async (t) => {
    const verbose = await t.request(`${t.listPath}/items`, { headers: { 'Content-Type': 'application/json;odata=verbose' }, body: { Title: 'Verbose without type' } });
    expectODataError(verbose, 400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', /^An entry without a type name was found, but no expected type was specified\./);
  });

  everywhere('a Title over 255 characters is refused and nothing is added; 255 is accepted [sp-dev-docs#9456 "Title field (a single line of text, max 255 characters)"; answer code inferred]', async (t) => {
    const before = await t.request(`${t.listPath}?$select=ItemCount`);
    const tooLong = await addKeyItem(t, { Title: 'x'.repeat(256) });
    expectODataError(tooLong.answer, 500, '-2146232832, Microsoft.SharePoint.SPException', /Invalid text value/);
    const after = await t.request(`${t.listPath}?$select=ItemCount`);
    expect(after.body.ItemCount).toBe(before.body.ItemCount);
    expect((await addKeyItem(t, { Title: 'x'.repeat(255) })).answer.status).toBe(201);
  });

  everywhere('MERGE without IF-Match overwrites regardless of version (204): "If you do not specify an ETag, SharePoint overwrites the item regardless of version" [learn: working-with-lists-and-list-items-with-rest#Etag]', async (t) => {
    const { id } = await addKeyItem(t);
    const merged = await t.request(`${t.listPath}/items(${id})`, { headers: { 'X-HTTP-Method': 'MERGE' }, body: { Title: 'Last writer' } });
    expect(merged.status).toBe(204);
    expect(merged.headers.get('etag')).toBe('"2"');
    const read = await t.request(`${t.listPath}/items(${id})?$select=Title`);
    expect(read.body.Title).toBe('Last writer');
  });

  everywhere('MERGE with a stale IF-Match: 412 ClientServiceException naming the object\'s ETag as "<UniqueId>,<version>" [learn: working-with-lists-and-list-items-with-rest#Etag; pnp/sp-dev-fx-controls-react#2051]', async (t) => {
    const { id, etag } = await addKeyItem(t);
    expect(etag).toBe('"1"');
    expect((await t.request(`${t.listPath}/items(${id})`, { headers: { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': etag }, body: { Title: 'First' } })).status).toBe(204);
    const stale = await t.request(`${t.listPath}/items(${id})`, { headers: { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': etag }, body: { Title: 'Second' } });
    expectODataError(stale, 412, '-1, Microsoft.SharePoint.Client.ClientServiceException', /^The request ETag value '"1"' does not match the object's ETag value '"[0-9a-f-]{36},2"'\.$/);
    // The GUID is the item's own, not the list's.
    const list = await t.request(`${t.listPath}?$select=Id`);
    expect(stale.body['odata.error'].message.value).not.toContain(list.body.Id);
    const read = await t.request(`${t.listPath}/items(${id})?$select=Title`);
    expect(read.body.Title).toBe('First');
  });

  everywhere('a second item with the same KeyHash (another case) in the unique column: 500 SPDuplicateValuesFoundException [DESIGN.md Wire facts; pnp/pnpcore#1280]', async (t) => {
    const { answer } = await addKeyItem(t);
    const hash: string = answer.body.KeyHash;
    const again = await addKeyItem(t, { KeyHash: hash.toUpperCase() });
    expectODataError(again.answer, 500, '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException', /duplicate values/);
  });

  everywhere('a Number column (RolledFromId) takes a JSON number and answers it as a number, in the item, its versions and an indexed $filter; a string is refused [learn: SPFieldNumber.ParseValue converts to double; JsonReader.ReadDouble takes Long, ULong and Double tokens]', async (t) => {
    const { id } = await addKeyItem(t, { RolledFromId: 7 });
    const read = await t.request(`${t.listPath}/items(${id})?$select=RolledFromId`);
    expect(read.body.RolledFromId).toBe(7);
    const versions = await t.request(`${t.listPath}/items(${id})/versions`);
    expect(versions.body.value[0].RolledFromId).toBe(7);
    const found = await t.request(`${t.listPath}/items?$select=Id&$filter=RolledFromId eq 7`);
    expect(found.body.value.map((item: { Id: number }) => item.Id)).toContain(id);
    const text = await addKeyItem(t, { RolledFromId: 'seven' });
    expect(text.answer.status).toBe(400);
  });
});
