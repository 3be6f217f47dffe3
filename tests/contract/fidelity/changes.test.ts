/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The change log's shapes only (what is logged and for how long is the verifier work's): CurrentChangeToken and
// SP.ChangeItem as PnPjs list.getChanges() reads them.
import { addKeyItem, describeOnTargets } from './fidelityTargets';

jest.setTimeout(60_000);

describeOnTargets('change log shapes', ({ everywhere }) => {
  everywhere('CurrentChangeToken is {"StringValue":"1;3;<listId>;<ticks>;<change number>"} [DESIGN.md Wire facts; learn: SP.ChangeToken (ee544133)]', async (t) => {
    const list = await t.request(`${t.listPath}?$select=Id,CurrentChangeToken`);
    expect(list.status).toBe(200);
    expect(list.body.CurrentChangeToken).toEqual({ StringValue: expect.stringMatching(new RegExp(`^1;3;${list.body.Id};\\d+;-?\\d+$`)) });
  });

  everywhere('getchanges after an add: SP.ChangeItem with ChangeType 1, ItemId, Time and its own ChangeToken [pnp/pnpjs packages/sp/lists/types.ts getChanges; learn: ChangeQuery (ee538679)]', async (t) => {
    const before = await t.request(`${t.listPath}?$select=CurrentChangeToken`);
    const { id } = await addKeyItem(t);
    const changes = await t.request(`${t.listPath}/getchanges`, { body: { query: { Add: true, Update: true, DeleteObject: true, Item: true, ChangeTokenStart: before.body.CurrentChangeToken } } });
    expect(changes.status).toBe(200);
    const added = changes.body.value.find((c: { ItemId: number }) => c.ItemId === id);
    expect(added).toMatchObject({
      'odata.type': 'SP.ChangeItem',
      ChangeType: 1,
      ItemId: id,
      Time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      ChangeToken: { StringValue: expect.stringMatching(/^1;3;[0-9a-f-]{36};\d+;\d+$/) }
    });
  });
});
