/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// The list view threshold: past 5,000 items the first indexed clause of $filter must narrow to 5,000 rows or fewer
// (workbench/emulator/threshold.ts cites the rule: support.microsoft.com "Manage large lists and libraries",
// SharePoint/PnP-JS-Core#203, pnp/pnpjs#3149), and the product's own queries must stay legal.
import { SharePointKeyStore } from '../../../src/data';
import { addKeyItem, describeOnTargets, expectODataError } from './fidelityTargets';
import type { Answer, FidelityTarget } from './fidelityTargets';

jest.setTimeout(120_000);

const THROTTLED = '-2147024860, Microsoft.SharePoint.SPQueryThrottledException';
const filtered = (t: FidelityTarget, filter: string): Promise<Answer> => t.request(`${t.listPath}/items?$select=Id&$filter=${encodeURIComponent(filter)}`);

describeOnTargets('list view threshold', ({ everywhere, emulatorOnly }) => {
  everywhere('under 5,000 items a filter on an unindexed column is answered [support.microsoft.com: Manage large lists and libraries]', async (t) => {
    const { answer } = await addKeyItem(t);
    const byTail = await filtered(t, `KeyTail eq '${answer.body.KeyTail}'`);
    expect(byTail.status).toBe(200);
    expect(byTail.body.value.map((v: { Id: number }) => v.Id)).toEqual([answer.body.Id]);
  });

  emulatorOnly('past 5,000 items: a broad first indexed clause (Status eq \'Active\' over 6,000) is throttled, 500 SPQueryThrottledException, even when a later clause is narrow [threshold.ts sources]', 'needs 6,000 items in the list', async (t, emulator) => {
    emulator.state.bulkInsertKeys(6_000, { namePrefix: 'Threshold' });
    expectODataError(await filtered(t, "Status eq 'Active'"), 500, THROTTLED, 'The attempted operation is prohibited because it exceeds the list view threshold enforced by the administrator.');
    expectODataError(await filtered(t, "Status eq 'Active' and Id le 3"), 500, THROTTLED);
    expectODataError(await filtered(t, "KeyTail eq 'x'"), 500, THROTTLED);
  });

  emulatorOnly('past 5,000 items: a selective first indexed clause is answered whatever follows it, unindexed clauses included [threshold.ts sources]', 'needs 6,000 items in the list', async (t, emulator) => {
    if (emulator.state.itemCount() <= 5_000) emulator.state.bulkInsertKeys(6_000, { namePrefix: 'Threshold' });
    const { answer } = await addKeyItem(t);
    const hash: string = answer.body.KeyHash;
    for (const filter of [`KeyHash eq '${hash}' and KeyTail ne 'x'`, `KeyTail ne 'x' and KeyHash eq '${hash}'`, `Id eq ${answer.body.Id} and Status eq 'Active'`]) {
      const found = await filtered(t, filter);
      expect({ filter, status: found.status }).toEqual({ filter, status: 200 });
      expect(found.body.value.map((v: { Id: number }) => v.Id)).toEqual([answer.body.Id]);
    }
  });

  emulatorOnly("past 5,000 items the product's own queries stay legal: listKeys pages by Id, findByHash seeks the KeyHash index [src/data/SharePointKeyStore.ts]", 'needs 6,000 items in the list', async (t, emulator) => {
    if (emulator.state.itemCount() <= 5_000) emulator.state.bulkInsertKeys(6_000, { namePrefix: 'Threshold' });
    const store = new SharePointKeyStore(t.admin(), { listTitle: t.listTitle });
    const records = await store.listKeys();
    expect(records.length).toBe(emulator.state.itemCount());
    const target = records[5_500];
    expect((await store.findByHash(target.hash))?.id).toBe(target.id);
  });
});
