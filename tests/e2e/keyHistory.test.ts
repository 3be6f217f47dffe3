// A key's history in Chromium against the workbench: Alex renames and revokes a key Adele generated, from its
// details pane, and the pane's History then reads each change with who made it, newest first; the same in French.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openDetailsFrom, openPage, rowsNamed, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';
import { historyEntries } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(90000);


let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

const NAME = 'Contoso ERP nightly export';
const RENAMED = 'Contoso ERP nightly export (retired)';

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  await new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele')).createKey(NAME, 'ReadOnly');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bench?.close();
});

async function pageAs(user: 'admin-alex' | 'admin-adele', query: string = ''): Promise<Page> {
  const context = await signedInContext(browser, bench.workbench, user);
  contexts.push(context);
  return openPage(context, bench.workbench, query);
}


function openDetails(page: Page, name: string): Promise<ReturnType<Page['locator']>> {
  return openDetailsFrom(page, rowsNamed(page, name), name);
}

test('Alex renames and revokes from the details pane; History reads both, with who and when, above the generation by Adele', async () => {
  const page = await pageAs('admin-alex');
  let pane = await openDetails(page, NAME);
  expect(await historyEntries(pane)).toEqual([expect.stringMatching(new RegExp(`^Generated as “${NAME}”, Read Only \\w+day, .* by Adele Vance · Version 1\\.0$`))]);

  await pane.getByRole('button', { name: 'Edit API Key' }).click();
  const nameField = page.getByRole('textbox', { name: /^Name/ });
  await nameField.fill(RENAMED);
  await page.getByRole('button', { name: 'Save' }).click();
  await nameField.waitFor({ state: 'detached' });

  pane = await openDetails(page, RENAMED);
  await pane.getByRole('button', { name: 'Revoke API Key' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText(/I understand/).click();
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await dialog.waitFor({ state: 'detached' });
  await rowsNamed(page, RENAMED).getByText('Revoked').waitFor();

  pane = await openDetails(page, RENAMED);
  const entries = await historyEntries(pane);
  expect(entries).toHaveLength(3);
  expect(entries[0]).toMatch(/^Revoked \w+day, .* by Alex Wilber · Version 3\.0$/);
  expect(entries[1]).toMatch(new RegExp(`^Renamed from “${NAME.replace(/[()]/g, '\\$&')}” to “${RENAMED.replace(/[()]/g, '\\$&')}” \\w+day, .* by Alex Wilber · Version 2\\.0$`));
  expect(entries[2]).toMatch(/by Adele Vance · Version 1\.0$/);
  // The revocation's entry is dated as the record's Revocation Date (the same server time).
  const revokedOn = (await pane.locator('dt', { hasText: /^Revocation Date$/ }).locator('xpath=following-sibling::dd[1]').innerText()).replace(/\s+/g, ' ');
  expect(revokedOn.startsWith(entries[0].replace(/^Revoked /, '').replace(/ · Version 3\.0$/, ''))).toBe(true);
  await page.close();
});

test('in French: the same entries in the page’s language and locale', async () => {
  const page = await pageAs('admin-adele', '?lang=fr-fr');
  const pane = await openDetails(page, RENAMED);
  const entries = await historyEntries(pane);
  expect(entries[0]).toMatch(/^Révoquée \S+ \d{1,2} \S+ \d{4} à \d\d:\d\d:\d\d par Alex Wilber · Version 3\.0$/);
  expect(entries[1]).toMatch(/^Renommée de « .* » en « .* » .* par Alex Wilber · Version 2\.0$/);
  expect(entries[2]).toMatch(/^Générée sous le nom « .* », Lecture seule .* par Adele Vance · Version 1\.0$/);
  await page.close();
});

test("a site collection administrator's permission change is a tampered entry naming him; axe finds nothing in the loaded History in any theme", async () => {
  const { record } = await new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele')).createKey('Warehouse reader', 'ReadOnly');
  // A direct write outside the page, as SharePoint records it: a new version by its author.
  bench.workbench.emulator.state.updateItem(record.id, { Permission: 'FullControl' }, bench.workbench.emulator.users.diego);
  for (const theme of ['', '?theme=dark', '?theme=contrast']) {
    const page = await pageAs('admin-adele', theme);
    const pane = await openDetails(page, 'Warehouse reader');
    const entries = await historyEntries(pane);
    expect(entries).toEqual([
      expect.stringMatching(/^Tampered: permission changed from Read Only to Full Control \w+day, .* by Diego Siciliani · Version 2\.0$/),
      expect.stringMatching(/^Generated as “Warehouse reader”, Read Only .* by Adele Vance · Version 1\.0$/)
    ]);
    expect(await pane.locator('[data-akm-history-event="tampered:permission-changed"]').count()).toBe(1);
    expect(await axeFindings(page)).toEqual([]);
    await page.close();
  }
});
