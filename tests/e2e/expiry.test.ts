// Issue 12 point 1 in Chromium against the workbench: an expiry chosen in the Generate panel, a key expiring
// within 14 days flagged with its day, an expired key reading Expired; in English and in French.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, rowsNamed, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';

jest.setTimeout(60000);

let bench: TestWorkbench;
let browser: Browser;
let context: BrowserContext;

const DAY = 24 * 60 * 60 * 1000;
const SOON = 'E2E expires in a week';
const GONE = 'E2E already expired';

function adele(): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
}

function statusOf(page: Page, name: string): ReturnType<Page['locator']> {
  return rowsNamed(page, name).locator('[data-akm-status]');
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  context = await signedInContext(browser, bench.workbench, 'admin-adele');
  // Expires a second after SharePoint stores it: expired by the time the page reads it.
  await adele().createKey(GONE, 'ReadOnly', new Date(Date.now() + 1500));
  await new Promise((resolve) => setTimeout(resolve, 2000));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bench?.close();
});

test('English: "In 7 days" in the Generate panel stores the expiry; the row says when it expires; an expired key reads Expired', async () => {
  const page = await openPage(context, bench.workbench);
  await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
  await page.getByRole('textbox', { name: /^Name/ }).fill(SOON);
  const panel = page.getByRole('dialog', { name: 'Generate API Key' });
  await panel.getByRole('combobox', { name: /^Expires/ }).click();
  await page.getByRole('option', { name: 'In 7 days' }).click();
  const before = Date.now();
  await page.getByRole('button', { name: 'Save' }).click();
  await panel.getByText(/It works until/).waitFor();
  const stored = (await adele().listKeys()).find((r) => r.name === SOON);
  expect(stored?.expires).toBeInstanceOf(Date);
  // SharePoint keeps the second.
  expect(stored!.expires!.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
  expect(stored!.expires!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
  await page.getByRole('button', { name: 'Copy key' }).click();
  await page.getByRole('button', { name: 'Done' }).click();

  const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(stored!.expires!);
  await statusOf(page, SOON).filter({ hasText: `Expires ${day}` }).waitFor();
  expect(await statusOf(page, SOON).getAttribute('data-akm-status')).toBe('expiring');
  expect(await statusOf(page, GONE).innerText()).toBe('Expired');
  expect(await statusOf(page, GONE).getAttribute('data-akm-status')).toBe('expired');

  // The details pane gives the full date and time; a key without expiry says Never.
  await page.getByRole('button', { name: new RegExp(`^More actions for ${SOON}`) }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'View details' }).click();
  const full = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric' }).format(stored!.expires!);
  expect(await page.locator('[data-akm-details-expires]').innerText()).toContain(full);
  await page.close();
});

test('French: the same keys read "Expire le …" and "Expirée", and the panel offers the same choices', async () => {
  const page = await openPage(context, bench.workbench, '?lang=fr-fr');
  const stored = (await adele().listKeys()).find((r) => r.name === SOON);
  const day = new Intl.DateTimeFormat('fr-FR', { month: 'short', day: 'numeric' }).format(stored!.expires!);
  await statusOf(page, SOON).filter({ hasText: `Expire le ${day}` }).waitFor();
  expect(await statusOf(page, GONE).innerText()).toBe('Expirée');
  await page.getByRole('menuitem', { name: /Générer/ }).click();
  await page.getByRole('combobox', { name: /^Expiration/ }).click();
  for (const choice of ['Jamais', 'Dans 7 jours', 'Dans 30 jours', 'Dans 90 jours', 'Dans 1 an', 'À une date…']) {
    await page.getByRole('option', { name: choice }).waitFor();
  }
  await page.close();
});
