/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Fields (columns): built-in ids, verbose creation as PnPjs sends it, index and uniqueness rules.
import { addKeyItem, describeOnTargets, expectODataError } from './fidelityTargets';
import type { FidelityTarget } from './fidelityTargets';

jest.setTimeout(60_000);

const VERBOSE = { Accept: 'application/json;odata=verbose', 'Content-Type': 'application/json;odata=verbose' };

/** fields.addText as PnPjs 4 sends it: verbose, with __metadata.type (pnp/pnpjs packages/sp/fields/types.ts). */
async function addTextField(t: FidelityTarget, title: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const added = await t.request(`${t.listPath}/fields`, { headers: VERBOSE, body: { __metadata: { type: 'SP.FieldText' }, Title: title, FieldTypeKind: 2, MaxLength: 255 } });
  expect(added.status).toBe(201);
  return added.body;
}

function mergeField(t: FidelityTarget, internalName: string, body: Record<string, unknown>) {
  return t.request(`${t.listPath}/fields/getByInternalNameOrTitle('${internalName}')`, { headers: { 'X-HTTP-Method': 'MERGE' }, body });
}

describeOnTargets('fields', ({ everywhere }) => {
  everywhere('the built-in Title column has SharePoint\'s fixed id fa564e0f-0c70-4ab9-b863-0177e6ddd247, Author 1df5e554-… [SPBuiltInFieldId]', async (t) => {
    const title = await t.request(`${t.listPath}/fields/getByInternalNameOrTitle('Title')?$select=Id,InternalName,TypeAsString,MaxLength`);
    expect(title.status).toBe(200);
    expect(title.body).toMatchObject({ Id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', InternalName: 'Title', TypeAsString: 'Text', MaxLength: 255 });
    const author = await t.request(`${t.listPath}/fields/getByInternalNameOrTitle('Author')?$select=Id`);
    expect(author.body.Id).toBe('1df5e554-ec7e-46a6-901d-d85a3881cb18');
  });

  everywhere('fields.add in verbose OData answers 201 {"d":{"__metadata":{"type":"SP.FieldText"},…}} [pnp/pnpjs packages/sp/fields/types.ts]', async (t) => {
    const name = `Fid${Date.now() % 1e8}`;
    const body = await addTextField(t, name);
    expect(body.d).toMatchObject({ __metadata: { type: 'SP.FieldText' }, InternalName: name, FieldTypeKind: 2, TypeAsString: 'Text', Indexed: false, EnforceUniqueValues: false });
  });

  everywhere('EnforceUniqueValues on a column without an index: 500 "This field must be indexed to enforce unique values." [learn: Field.EnforceUniqueValues; DESIGN.md Wire facts]', async (t) => {
    const name = `Fiu${Date.now() % 1e8}`;
    await addTextField(t, name);
    const refused = await mergeField(t, name, { EnforceUniqueValues: true });
    expectODataError(refused, 500, '-2146232832, Microsoft.SharePoint.SPException', 'This field must be indexed to enforce unique values.');
  });

  everywhere('EnforceUniqueValues over a column that already holds a value twice (another case) is refused and stays off [unique index over duplicates; answer code inferred, docs/emulator.md]', async (t) => {
    const name = `Fid${Date.now() % 1e8}`;
    await addTextField(t, name);
    expect((await addKeyItem(t, { [name]: 'Same' })).answer.status).toBe(201);
    expect((await addKeyItem(t, { [name]: 'SAME' })).answer.status).toBe(201);
    expect((await mergeField(t, name, { Indexed: true })).status).toBe(204);
    const refused = await mergeField(t, name, { EnforceUniqueValues: true });
    expectODataError(refused, 500, '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException');
    const field = await t.request(`${t.listPath}/fields/getByInternalNameOrTitle('${name}')?$select=EnforceUniqueValues`);
    expect(field.body.EnforceUniqueValues).toBe(false);
  });
});
