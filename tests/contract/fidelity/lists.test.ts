/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Lists: read, create (template, quick launch, title limit), duplicates. Each test names its source.
import { describeOnTargets, expectODataError } from './fidelityTargets';
import type { FidelityTarget } from './fidelityTargets';

jest.setTimeout(60_000);

/** A list created by the test, deleted afterwards (to the recycle bin on a tenant). */
async function withList(t: FidelityTarget, body: Record<string, unknown>, check: (created: Record<string, any>) => Promise<void>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const created = await t.request('_api/web/lists', { body });
  expect(created.status).toBe(201);
  try {
    await check(created.body);
  } finally {
    await t.request(`_api/web/lists(guid'${created.body.Id}')`, { method: 'POST', headers: { 'X-HTTP-Method': 'DELETE', 'IF-MATCH': '*' } });
  }
}

const unique = (prefix: string): string => `${prefix} ${Date.now()} ${Math.floor(Math.random() * 1e6)}`;

describeOnTargets('lists', ({ everywhere }) => {
  everywhere('GET a list by title: SP.List in minimal metadata with the settings provisioning made [learn: working-with-lists-and-list-items-with-rest#RetrieveLists]', async (t) => {
    const list = await t.request(`${t.listPath}?$select=Id,Title,BaseTemplate,BaseType,Hidden,NoCrawl,EnableVersioning,ItemCount,ListItemEntityTypeFullName`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      'odata.type': 'SP.List',
      Id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Title: t.listTitle,
      BaseTemplate: 100,
      BaseType: 0,
      Hidden: true,
      NoCrawl: true,
      EnableVersioning: true,
      ItemCount: expect.any(Number),
      ListItemEntityTypeFullName: expect.stringMatching(/^SP\.Data\..+ListItem$/)
    });
  });

  everywhere("a missing list: 404 -1, System.ArgumentException \"List '…' does not exist at site with URL '…'\" [DESIGN.md Wire facts; pnp/pnpjs lists.ensure relies on it]", async (t) => {
    const missing = await t.request("_api/web/lists/getByTitle('Fidelity%20no%20such%20list')/items");
    expectODataError(missing, 404, '-1, System.ArgumentException', /^List 'Fidelity no such list' does not exist at site with URL '/);
  });

  everywhere('create with BaseTemplate 100 and OnQuickLaunch: both kept and answered [learn: working-with-lists-and-list-items-with-rest#WorkLists; SP.List.OnQuickLaunch; PnPjs packages/sp/lists/types.ts add]', async (t) => {
    await withList(t, { Title: unique('Fidelity generic'), BaseTemplate: 100, Description: '', AllowContentTypes: false, ContentTypesEnabled: false, OnQuickLaunch: true }, async (created) => {
      const list = await t.request(`_api/web/lists(guid'${created.Id}')?$select=BaseTemplate,BaseType,OnQuickLaunch`);
      expect(list.body).toMatchObject({ BaseTemplate: 100, BaseType: 0, OnQuickLaunch: true });
    });
  });

  everywhere('create with BaseTemplate 101 (document library): kept, BaseType 1 [SPListTemplateType.DocumentLibrary; SPBaseType.DocumentLibrary]', async (t) => {
    await withList(t, { Title: unique('Fidelity library'), BaseTemplate: 101, Description: '' }, async (created) => {
      expect(created).toMatchObject({ BaseTemplate: 101, BaseType: 1 });
    });
  });

  everywhere('a list title over 255 characters is refused and no list is created [learn: SP.ListCreationInformation.title / List.Title "Its length must be equal to or less than 255"; answer code inferred]', async (t) => {
    const title = `Fidelity ${'t'.repeat(250)}`;
    const refused = await t.request('_api/web/lists', { body: { Title: title, BaseTemplate: 100, Description: '' } });
    expectODataError(refused, 400, '-2146233086, System.ArgumentOutOfRangeException');
    const lists = await t.request('_api/web/lists?$select=Title');
    expect(lists.body.value.some((l: { Title: string }) => l.Title === title)).toBe(false);
  });

  everywhere('creating a second list with a title in use: 500 -2130575342 SPException "…already exists…" [PnPjs lists.ensure; DESIGN.md Wire facts]', async (t) => {
    const again = await t.request('_api/web/lists', { body: { Title: t.listTitle, BaseTemplate: 100, Description: '' } });
    expectODataError(again, 500, '-2130575342, Microsoft.SharePoint.SPException', /already exists/);
  });
});
