// Issue 12, the list side of expiry and last use, in Chromium against the workbench, in English and French:
// the Expires column with its 14-day flag, its quick choices and date range; Expired as a status of its own;
// the Last used column ("Never" until a verifier accepts the key), its quick filters, chips and sort; the export.
// Expected rows come from the store read from Node (the oracle), so the suite holds whatever usage the
// workbench records: keys nobody used read Never, keys a verifier accepted have their time.
import * as fs from 'fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryKeys } from '../../src/core';
import type { KeyFilters, KeyRecord, KeySort } from '../../src/core';
import { SharePointKeyStore, SharePointKeyUsageReader } from '../../src/data';
import { startSampleApi } from '../../workbench/sample-api';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, rowsNamed, signedInContext, startTestWorkbench, visibleNames } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(90000);


const DAY = 24 * 60 * 60 * 1000;
const SOON = 'E2E columns: expires in 5 days';
const LATER = 'E2E columns: expires in 60 days';
const GONE = 'E2E columns: already expired';
const FOREVER = 'E2E columns: never expires';

let bench: TestWorkbench;
let browser: Browser;
let context: BrowserContext;

/** The store as the page reads it, last use included. */
function records(): Promise<KeyRecord[]> {
  const sp = nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele');
  return new SharePointKeyStore(sp, { usage: new SharePointKeyUsageReader(sp) }).listKeys();
}

/** What the page should show for these filters and sort, decided by the core from the store's own records. */
async function expected(filters: KeyFilters, sort?: KeySort): Promise<{ names: string[]; count: string; total: number }> {
  const all = await records();
  const names = queryKeys(all, { filters, sort, now: new Date() }).map((r) => r.name);
  return { names, count: `${names.length} of ${all.length} keys`, total: all.length };
}

/** "3 clés sur 24": the count as the French page writes it (numbers in fr-FR). */
function frenchCount(view: { names: string[]; total: number }): string {
  const n = (value: number): string => new Intl.NumberFormat('fr-FR').format(value);
  return `${n(view.names.length)} clés sur ${n(view.total)}`;
}


async function waitForCount(page: Page, text: string): Promise<void> {
  await page.locator('[data-akm-count]', { hasText: new RegExp(`^${text.replace(/[\s\u202f\u00a0]/g, '[\\s\\u202f\\u00a0]')}$`) }).waitFor({ timeout: 15000 });
}

async function openColumnMenu(page: Page, column: string, dialogName: string): Promise<ReturnType<Page['locator']>> {
  await page.getByRole('columnheader').getByRole('button', { name: column, exact: true }).click();
  const menu = page.getByRole('dialog', { name: dialogName });
  await menu.waitFor();
  return menu;
}

/** Presses a quick choice and waits until it reads as pressed (what a screen reader announces). */
async function choose(menu: ReturnType<Page['locator']>, name: string): Promise<void> {
  const button = menu.getByRole('button', { name, exact: true });
  await button.click();
  await menu.getByRole('button', { name, exact: true, pressed: true }).waitFor();
}

function dayInput(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  context = await signedInContext(browser, bench.workbench, 'admin-adele');
  const store = new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
  const now = Date.now();
  // Local noon five days ahead: "in 5 days" (calendar days) whatever the hour the suite runs at.
  const today = new Date(now);
  await store.createKey(SOON, 'ReadOnly', new Date(today.getFullYear(), today.getMonth(), today.getDate() + 5, 12, 0));
  await store.createKey(LATER, 'FullControl', new Date(now + 60 * DAY));
  await store.createKey(FOREVER, 'ReadOnly');
  // Expires a second and a half after SharePoint stores it: expired by the time the page reads it.
  await store.createKey(GONE, 'ReadOnly', new Date(now + 1500));
  await new Promise((resolve) => setTimeout(resolve, 2000));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bench?.close();
});

test('English: the Expires column flags a key expiring within 14 days, filters by "Expired" and by a date range, and sorts Never last', async () => {
  const page = await openPage(context, bench.workbench);
  expect(await page.locator('[data-akm-layout]').getAttribute('data-akm-layout')).toBe('full');

  // The flag: how soon, and a clock named "Expires soon" for screen readers (a glyph, so it shows in high contrast).
  const soon = rowsNamed(page, SOON).locator('[data-automation-key="expires"]');
  expect((await soon.innerText()).replace(/[\uE000-\uF8FF]/g, '').trim()).toBe('in 5 days');
  await soon.getByRole('img', { name: 'Expires soon' }).waitFor();
  expect(await rowsNamed(page, LATER).locator('[data-akm-expires]').getAttribute('data-akm-expires')).toBe('date');
  expect(await rowsNamed(page, FOREVER).locator('[data-automation-key="expires"]').innerText()).toBe('Never');
  expect(await rowsNamed(page, GONE).locator('[data-akm-status]').innerText()).toBe('Expired');

  // Quick choice "Expired": the expired key, and the chip that says so.
  let menu = await openColumnMenu(page, 'Expires', 'Sort and filter by Expires');
  await choose(menu, 'Expired');
  const expired = await expected({ expires: { quick: 'expired' } });
  await waitForCount(page, expired.count);
  expect((await visibleNames(page)).sort()).toEqual(expired.names.slice().sort());
  expect(expired.names).toContain(GONE);

  // A second press clears the choice; then a date range: today to ten days from now (local days), typed as the admin types it.
  await menu.getByRole('button', { name: 'Expired', exact: true }).click();
  await menu.getByRole('button', { name: 'Expired', exact: true, pressed: false }).waitFor();
  const from = new Date();
  const to = new Date(Date.now() + 10 * DAY);
  await menu.getByLabel('From').fill(dayInput(from));
  await menu.getByLabel('To').fill(dayInput(to));
  const startOfFrom = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const endOfTo = new Date(to.getFullYear(), to.getMonth(), to.getDate(), 23, 59, 59, 999);
  const ranged = await expected({ expires: { from: startOfFrom, to: endOfTo } });
  await waitForCount(page, ranged.count);
  expect((await visibleNames(page)).sort()).toEqual(ranged.names.slice().sort());
  expect(ranged.names).toEqual(expect.arrayContaining([SOON, GONE]));
  expect(ranged.names).not.toContain(LATER);

  // Sorted ascending: dates first, the keys without expiry after every date.
  await menu.getByRole('button', { name: 'Sort ascending' }).click();
  await page.getByRole('button', { name: /^Remove filter Expires: from / }).click();
  const sorted = await expected({}, { column: 'expires' });
  await waitForCount(page, sorted.count);
  const shown = await visibleNames(page);
  expect(shown).toEqual(sorted.names.slice(0, shown.length));
  expect(sorted.names.indexOf(FOREVER)).toBeGreaterThan(sorted.names.indexOf(LATER));

  // Expired in the Status filter, beside Active and Revoked.
  menu = await openColumnMenu(page, 'Status', 'Sort and filter by Status');
  expect(await menu.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b.closest('.ms-Checkbox') as HTMLElement).innerText.replace(/[\uE000-\uF8FF]/g, '').trim()))).toEqual(['Active', 'Expired', 'Revoked']);
  await menu.getByText('Expired', { exact: true }).click();
  const byStatus = await expected({ status: ['Expired'] });
  await waitForCount(page, byStatus.count);
  await menu.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Remove filter Status: Expired' }).waitFor();
  await page.close();
});

test('English: Last used reads Never for keys no verifier accepted, says how fresh it is, filters "Never used" and "Not used for 90 days", sorts oldest first', async () => {
  const page = await openPage(context, bench.workbench);
  const all = await records();
  const unused = all.find((r) => r.name === FOREVER) as KeyRecord;
  expect(unused.lastUsed).toBeUndefined();
  expect(await rowsNamed(page, FOREVER).locator('[data-automation-key="lastUsed"]').innerText()).toBe('Never');

  // The header's tooltip and accessible description say how fresh the value is.
  const header = page.getByRole('columnheader').getByRole('button', { name: 'Last used', exact: true });
  const describedBy = (await header.getAttribute('aria-describedby')) as string;
  expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/at most once per key every five minutes/);

  let menu = await openColumnMenu(page, 'Last used', 'Sort and filter by Last used');
  await choose(menu, 'Never used');
  const never = await expected({ lastUsed: { quick: 'never' } });
  await waitForCount(page, never.count);
  expect(never.names).toContain(FOREVER);
  await choose(menu, 'Not used for 90 days');
  const stale = await expected({ lastUsed: { quick: 'unused-90' } });
  await waitForCount(page, stale.count);
  // Keys made today are not stale yet, even unused; the demo's oldest keys are.
  expect(stale.names).not.toContain(FOREVER);
  expect(stale.names.length).toBeGreaterThan(0);
  expect((await visibleNames(page)).sort()).toEqual(stale.names.slice().sort());
  await menu.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Remove filter Last used: Not used for 90 days' }).click();

  menu = await openColumnMenu(page, 'Last used', 'Sort and filter by Last used');
  await menu.getByRole('button', { name: 'Sort ascending' }).click();
  const sorted = await expected({}, { column: 'lastUsed' });
  await page.waitForFunction((first) => document.querySelector('[role="row"] [data-automation-key="name"]')?.textContent === first, sorted.names[0]);
  const shown = await visibleNames(page);
  expect(shown).toEqual(sorted.names.slice(0, shown.length));

  // The details pane has a Last used row.
  await rowsNamed(page, FOREVER).locator('[data-automation-key="permission"]').click();
  expect(await page.locator('[data-akm-details-last-used]').innerText()).toBe('Never');
  await page.keyboard.press('Escape');
  await page.close();
});

test('a key used through the sample API reads "now" or seconds ago, leads when sorted newest first, and leaves "Never used"', async () => {
  const USED = 'E2E columns: used just now';
  const { key } = await new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele')).createKey(USED, 'ReadOnly');
  const api = await startSampleApi({ port: 0, siteUrl: bench.workbench.emulator.siteUrl, lastUsed: { flushIntervalMs: 50 }, retryStartMs: 50 });
  try {
    await api.ready;
    expect((await fetch(`${api.url}/api/courses`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
  } finally {
    // Stopping writes what the verifier still holds.
    await api.close();
  }
  const used = (await records()).find((r) => r.name === USED) as KeyRecord;
  expect(used.lastUsed).toBeInstanceOf(Date);

  const page = await openPage(context, bench.workbench);
  expect(await rowsNamed(page, USED).locator('[data-automation-key="lastUsed"]').innerText()).toMatch(/^(now|\d+ seconds? ago|1 minute ago)$/);
  let menu = await openColumnMenu(page, 'Last used', 'Sort and filter by Last used');
  await menu.getByRole('button', { name: 'Sort descending' }).click();
  // Choosing a sort closes the menu.
  await page.waitForFunction((first) => document.querySelector('[role="row"] [data-automation-key="name"]')?.textContent === first, USED);
  menu = await openColumnMenu(page, 'Last used', 'Sort and filter by Last used');
  await choose(menu, 'Never used');
  const never = await expected({ lastUsed: { quick: 'never' } });
  await waitForCount(page, never.count);
  expect(never.names).not.toContain(USED);
  expect(await rowsNamed(page, USED).count()).toBe(0);
  await page.close();
});

test('English: the export has the list columns, Expires and Last used included, and Expired as a status', async () => {
  const page = await openPage(context, bench.workbench);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export to CSV' }).click()]);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('Name,API Key ending (last 12 characters),Status,Expires,Last used,Permissions,Date Created,Created By,Revocation Date,Revoked By');
  const cells = (name: string): string[] => (lines.find((line) => line.startsWith(`${name},`)) as string).split(',');
  expect(cells(GONE).slice(2, 5)).toEqual(['Expired', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), 'Never']);
  expect(cells(FOREVER).slice(2, 5)).toEqual(['Active', 'Never', 'Never']);
  await page.close();
});

test('French: "dans 5 jours" flagged "Expire bientôt", the Expirées and "Jamais utilisée" quick filters with their chips', async () => {
  const page = await openPage(context, bench.workbench, '?lang=fr-fr');
  const soon = rowsNamed(page, SOON).locator('[data-automation-key="expires"]');
  expect((await soon.innerText()).replace(/[\uE000-\uF8FF]/g, '').trim()).toBe('dans 5 jours');
  await soon.getByRole('img', { name: 'Expire bientôt' }).waitFor();
  expect(await rowsNamed(page, FOREVER).locator('[data-automation-key="expires"]').innerText()).toBe('Jamais');
  expect(await rowsNamed(page, FOREVER).locator('[data-automation-key="lastUsed"]').innerText()).toBe('Jamais');

  let menu = await openColumnMenu(page, 'Expiration', 'Trier et filtrer par Expiration');
  await choose(menu, 'Expirées');
  const expired = await expected({ expires: { quick: 'expired' } });
  await waitForCount(page, frenchCount(expired));
  await menu.getByRole('button', { name: 'Terminé' }).click();
  await page.getByRole('button', { name: 'Supprimer le filtre Expiration: Expirées' }).click();

  menu = await openColumnMenu(page, 'Dernière utilisation', 'Trier et filtrer par Dernière utilisation');
  await choose(menu, 'Jamais utilisée');
  const never = await expected({ lastUsed: { quick: 'never' } });
  await waitForCount(page, frenchCount(never));
  await menu.getByRole('button', { name: 'Inutilisée depuis 90 jours', pressed: false }).waitFor();
  await page.close();
});

test('French: the export is in French, separated by semicolons as French Excel expects, with the BOM', async () => {
  const page = await openPage(context, bench.workbench, '?lang=fr-fr');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Exporter au format CSV' }).click()]);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe("Nom;Fin de la clé d'API (12 derniers caractères);État;Expiration;Dernière utilisation;Autorisations;Date de création;Créée par;Date de révocation;Révoquée par");
  const cells = (name: string): string[] => (lines.find((line) => line.startsWith(`${name};`)) as string).split(';');
  expect(cells(GONE).slice(2, 5)).toEqual(['Expirée', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), 'Jamais']);
  expect(cells(FOREVER).slice(2, 5)).toEqual(['Active', 'Jamais', 'Jamais']);
  // As many rows as the page counts: the view, nothing else.
  const count = (await page.locator('[data-akm-count]').innerText()).split(/\s/)[0];
  expect(String(lines.filter((line) => line !== '').length - 1)).toBe(count);
  await page.close();
});

test('keyboard, high contrast and axe: the Last used menu by keyboard, its choice announced as pressed, the flag visible in forced colours', async () => {
  const page = await openPage(context, bench.workbench);
  await page.getByRole('columnheader').getByRole('button', { name: 'Last used', exact: true }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Sort and filter by Last used' });
  await menu.waitFor();
  // Focus starts on the first sort choice; Tab walks to the quick choices, Enter presses one.
  await menu.getByRole('button', { name: 'Sort ascending' }).and(page.locator(':focus')).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement && document.activeElement.textContent || '').replace(/[\uE000-\uF8FF]/g, ''))).toBe('Not used for 30 days');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await menu.getByRole('button', { name: 'Not used for 90 days', pressed: true }).waitFor();
  // The chip it adds moves the header down and the menu follows it: focus stays on the choice, it does not jump
  // back to the first sort choice (the menu re-focused its first option each time it was positioned).
  await page.getByRole('button', { name: 'Remove filter Last used: Not used for 90 days' }).waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
  await menu.getByRole('button', { name: 'Not used for 90 days', pressed: true }).and(page.locator(':focus')).waitFor({ timeout: 2000 });
  await page.mouse.move(1, 1);
  expect(await axeFindings(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove filter Last used: Not used for 90 days' }).click();

  // Forced colours (Windows high contrast): the clock glyph keeps a system colour, it does not vanish with the theme's.
  await page.emulateMedia({ forcedColors: 'active' });
  const icon = rowsNamed(page, SOON).locator('[data-automation-key="expires"]').getByRole('img', { name: 'Expires soon' });
  const [color, visibility, width] = await icon.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).visibility, el.getBoundingClientRect().width]);
  expect(visibility).toBe('visible');
  expect(width).toBeGreaterThan(0);
  expect(color).not.toBe('rgba(0, 0, 0, 0)');
  await page.emulateMedia({ forcedColors: 'none' });
  await page.close();
});
