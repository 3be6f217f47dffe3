// What the trust rules look like to an admin in the browser: a key list that others can write ("exposed", naming
// them), and a key whose version history shows tampering (flagged, with who and when), against the workbench.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import { EMULATED_ADMIN_PRINCIPAL } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';

jest.setTimeout(60000);

let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function adminPage(): Promise<Page> {
  const context = await signedInContext(browser, bench.workbench, 'admin-adele');
  contexts.push(context);
  return openPage(context, bench.workbench);
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bench?.close();
});

test('a key whose permission a site collection administrator raised is shown as Tampered, with who and when, and refused', async () => {
  const { emulator } = bench.workbench;
  const admin = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'admin-adele'), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
  const created = await admin.createKey('Upgraded behind our back', 'ReadOnly');
  // A site collection administrator can write any list whatever its permissions; SharePoint keeps the version.
  emulator.state.updateItem(created.record.id, { Permission: 'FullControl' }, emulator.users.diego);

  const page = await adminPage();
  const row = page.locator('[role="row"]', { has: page.locator('[data-automation-key="name"]', { hasText: 'Upgraded behind our back' }) });
  const status = row.locator('[data-akm-status]');
  await status.waitFor();
  expect(await status.getAttribute('data-akm-status')).toBe('tampered');
  expect(await status.innerText()).toMatch(/Tampered/);
  expect(await status.getAttribute('title')).toMatch(/Diego Siciliani/);
  // Not counted as Active by anyone who reads the list: the verifier refuses it too.
  const app = new SharePointKeyStore(nodeSharePoint(emulator.siteUrl, 'app-verifier'), { adminPrincipal: EMULATED_ADMIN_PRINCIPAL });
  const found = await app.findByHash(created.record.hash);
  expect(found?.integrity?.reason).toBe('permission-changed');
  expect(found?.permission).toBe('ReadOnly');
  await page.close();
});

test('a list whose permissions were copied from the site is reported exposed, naming who can write it, with no keys shown', async () => {
  const { emulator } = bench.workbench;
  emulator.state.copyPermissionsFromSite();
  try {
    const page = await adminPage();
    const state = page.locator('[data-akm-state="not-provisioned"][data-akm-reason="exposed"]');
    await state.waitFor();
    const text = await state.innerText();
    expect(text).toMatch(/Owners/);
    expect(text).toMatch(/Members/);
    expect(await page.locator('[role="row"] [data-automation-key="name"]').count()).toBe(0);
    // Setting the list up again cannot make an exposure go away silently: no "Create the list" button.
    expect(await page.getByRole('button', { name: /Set up|Create/ }).count()).toBe(0);
    await page.close();
  } finally {
    emulator.state.breakListInheritance(true);
  }
});
