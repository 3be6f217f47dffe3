// An admin in Chromium against the workbench: generate → copy → the key is shown once and never again;
// rename; revoke with confirmation; search; sort; every column filter and both people filters.
import { createHash } from 'crypto';
import * as fs from 'fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryKeys } from '../../src/core';
import type { KeyFilters, KeyRecord } from '../../src/core';
import { SharePointKeyStore } from '../../src/data';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, rowsNamed, signedInContext, startTestWorkbench, visibleNames, waitUntil } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';

jest.setTimeout(60000);

let bench: TestWorkbench;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The store as Adele sees it from Node: the oracle for what the page should show. */
function records(): Promise<KeyRecord[]> {
  return new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele')).listKeys();
}

async function expectedCount(filters: KeyFilters): Promise<number> {
  return queryKeys(await records(), { filters }).length;
}

function row(name: string): ReturnType<Page['locator']> {
  return rowsNamed(page, name);
}

async function selectRow(name: string): Promise<void> {
  await row(name).locator('[data-selection-toggle="true"]').first().click();
}

async function openColumnMenu(column: string): Promise<ReturnType<Page['locator']>> {
  await page.getByRole('columnheader').getByRole('button', { name: column, exact: true }).click();
  const menu = page.getByRole('dialog', { name: `Sort and filter by ${column}` });
  await menu.waitFor();
  return menu;
}

async function clearFilters(): Promise<void> {
  const clear = page.getByRole('button', { name: 'Clear all filters' });
  if (await clear.count()) await clear.click();
}

async function waitForCount(expected: string): Promise<void> {
  await page.locator('[data-akm-count]', { hasText: new RegExp(`^${expected}$`) }).waitFor({ timeout: 15000 });
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  context = await signedInContext(browser, bench.workbench, 'admin-adele');
  page = await openPage(context, bench.workbench);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bench?.close();
});

describe('an admin manages keys in the browser', () => {
  const name = 'E2E Power BI refresh';
  let tail = '';

  test('generate → copy: the full key is shown once, copied, and then never again (page, list, stored data)', async () => {
    const before = (await records()).length;
    await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await nameField.fill('   ');
    await page.getByText('Enter a name.').waitFor();
    await nameField.fill(name);
    const panel = page.getByRole('dialog', { name: 'Generate API Key' });
    await panel.getByText('Full Control', { exact: true }).click();
    expect(await panel.getByRole('radio', { name: /^Full Control/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();

    const keyField = page.getByRole('textbox', { name: 'Your new API key' });
    await keyField.waitFor();
    const key = await keyField.inputValue();
    expect(/^akm_[0-9A-Za-z]{49}$/.test(key)).toBe(true);
    tail = key.slice(-12);
    await page.getByText(/It will not be shown again/).waitFor();

    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    // Compared as a boolean so a failure never prints the key.
    expect(clipboard === key).toBe(true);

    await page.getByRole('button', { name: 'Done' }).click();
    await keyField.waitFor({ state: 'detached' });
    await waitForCount(`${before + 1} of ${before + 1} keys`);
    expect(await row(name).innerText()).toContain(tail);
    expect((await page.content()).indexOf(key)).toBe(-1);

    await page.reload();
    await waitForCount(`${before + 1} of ${before + 1} keys`);
    expect((await page.content()).indexOf(key)).toBe(-1);
    expect(await row(name).innerText()).toContain('Full Control');

    // The emulator's data file holds the SHA-256 and the tail, never the key.
    const hash = createHash('sha256').update(key).digest('hex');
    await waitUntil(() => fs.existsSync(bench.dataFile) && fs.readFileSync(bench.dataFile, 'utf8').indexOf(hash) !== -1);
    expect(fs.readFileSync(bench.dataFile, 'utf8').indexOf(key)).toBe(-1);
  });

  test('rename: the new name is saved and survives a reload', async () => {
    await selectRow(name);
    await page.getByRole('menuitem', { name: 'Edit API Key' }).click();
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    expect(await page.getByRole('textbox', { name: 'Permission' }).inputValue()).toBe('Full Control');
    await nameField.fill(`${name} (finance)`);
    await page.getByRole('button', { name: 'Save' }).click();
    await nameField.waitFor({ state: 'detached' });
    await row(`${name} (finance)`).waitFor();
    await page.reload();
    await row(`${name} (finance)`).waitFor();
    expect((await records()).filter((r) => r.tail === tail)[0].name).toBe(`${name} (finance)`);
  });

  test('revoke: needs the tick, says what stops working, and records who revoked', async () => {
    const renamed = `${name} (finance)`;
    await selectRow(renamed);
    await page.getByRole('menuitem', { name: 'Revoke API Key' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/Power BI datasets and Power Automate flows, stops working/).waitFor();
    await dialog.getByText(/cannot be undone/).first().waitFor();
    const revoke = dialog.getByRole('button', { name: 'Revoke' });
    expect(await revoke.isDisabled()).toBe(true);
    // Fluent draws its own box over the input: tick it the way a user does, on the label.
    await dialog.getByText(/I understand/).click();
    expect(await dialog.getByRole('checkbox', { name: /I understand/ }).isChecked()).toBe(true);
    await revoke.click();
    await dialog.waitFor({ state: 'detached' });
    await row(renamed).getByText('Revoked').waitFor();
    expect(await row(renamed).innerText()).toContain('Adele Vance');
    const stored = (await records()).filter((r) => r.tail === tail)[0];
    expect(stored.status).toBe('Revoked');
    expect(stored.revokedBy && stored.revokedBy.displayName).toBe('Adele Vance');
    // Revoke is no longer offered for the revoked key.
    await selectRow(renamed);
    expect(await page.getByRole('menuitem', { name: 'Revoke API Key' }).isDisabled()).toBe(true);
  });

  test('search narrows the list to matching keys and says how many', async () => {
    const all = await records();
    await page.getByRole('searchbox').fill('payroll');
    const expected = queryKeys(all, { search: 'payroll' }).length;
    expect(expected).toBeGreaterThan(0);
    await waitForCount(`${expected} of ${all.length} keys`);
    for (const shown of await visibleNames(page)) expect(shown.toLowerCase()).toContain('payroll');
    await page.getByRole('searchbox').fill(tail);
    await waitForCount(`1 of ${all.length} keys`);
    await page.getByRole('searchbox').fill('');
    await waitForCount(`${all.length} of ${all.length} keys`);
  });

  test('sorting by name from its header', async () => {
    const menu = await openColumnMenu('Name');
    await menu.getByRole('button', { name: 'Sort ascending' }).click();
    const names = await visibleNames(page);
    const sorted = names.slice().sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }));
    expect(names).toEqual(sorted);
  });

  test('Name and API Key header filters', async () => {
    const all = await records();
    let menu = await openColumnMenu('Name');
    await menu.getByRole('textbox', { name: 'Name contains' }).fill('flow');
    await menu.getByRole('button', { name: 'Done' }).click();
    const byName = all.filter((r) => r.name.toLowerCase().indexOf('flow') !== -1).length;
    await waitForCount(`${byName} of ${all.length} keys`);
    await page.getByRole('button', { name: 'Remove filter Name: “flow”' }).waitFor();

    menu = await openColumnMenu('API Key');
    await menu.getByRole('textbox', { name: 'API Key contains' }).fill(tail.slice(0, 8));
    await menu.getByRole('button', { name: 'Done' }).click();
    await waitForCount(`${all.filter((r) => r.name.toLowerCase().indexOf('flow') !== -1 && r.tail.indexOf(tail.slice(0, 8)) !== -1).length} of ${all.length} keys`);
    await clearFilters();
    await waitForCount(`${all.length} of ${all.length} keys`);
  });

  test('Status and Permissions choice filters, removable as chips', async () => {
    const total = (await records()).length;
    let menu = await openColumnMenu('Status');
    await menu.getByText('Revoked', { exact: true }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    await waitForCount(`${await expectedCount({ status: ['Revoked'] })} of ${total} keys`);
    for (const text of await page.locator('[role="row"] [data-automation-key="status"]').allInnerTexts()) expect(text).toBe('Revoked');

    menu = await openColumnMenu('Permissions');
    await menu.getByText('Read Only', { exact: true }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    await waitForCount(`${await expectedCount({ status: ['Revoked'], permission: ['ReadOnly'] })} of ${total} keys`);

    await page.getByRole('button', { name: 'Remove filter Status: Revoked' }).click();
    await waitForCount(`${await expectedCount({ permission: ['ReadOnly'] })} of ${total} keys`);
    for (const text of await page.locator('[role="row"] [data-automation-key="permission"]').allInnerTexts()) expect(text).toBe('Read Only');
    await clearFilters();
    await waitForCount(`${total} of ${total} keys`);
  });

  test('Date Created and Revocation Date range filters', async () => {
    const all = await records();
    const created = all.map((r) => r.created.getTime()).sort((a, b) => a - b);
    const middle = new Date(created[Math.floor(created.length / 2)]);
    const day = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const fromMiddle = new Date(middle.getFullYear(), middle.getMonth(), middle.getDate());

    let menu = await openColumnMenu('Date Created');
    await menu.getByLabel('From').fill(day(middle));
    await menu.getByRole('button', { name: 'Done' }).click();
    const expectedCreated = await expectedCount({ created: { from: fromMiddle } });
    expect(expectedCreated).toBeGreaterThan(0);
    expect(expectedCreated).toBeLessThan(all.length);
    await waitForCount(`${expectedCreated} of ${all.length} keys`);
    await clearFilters();

    const revokedDates = all.filter((r) => r.revokedAt).map((r) => r.revokedAt as Date).sort((a, b) => a.getTime() - b.getTime());
    const last = revokedDates[revokedDates.length - 1];
    menu = await openColumnMenu('Revocation Date');
    await menu.getByLabel('To').fill(day(last));
    await menu.getByRole('button', { name: 'Done' }).click();
    const endOfLast = new Date(last.getFullYear(), last.getMonth(), last.getDate(), 23, 59, 59, 999);
    await waitForCount(`${await expectedCount({ revokedAt: { to: endOfLast } })} of ${all.length} keys`);
    await clearFilters();
    await waitForCount(`${all.length} of ${all.length} keys`);
  });

  test('a date typed digit by digit is applied only once complete: 10/01/2026 stays 2026, never 1902 or 1906', async () => {
    const all = await records();
    const menu = await openColumnMenu('Date Created');
    const from = menu.getByLabel('From');
    await from.click();
    // en-US (the context's locale): month, day, year; each keystroke is a separate input event.
    await from.pressSequentially('10012026', { delay: 30 });
    expect(await from.inputValue()).toBe('2026-10-01');
    await menu.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('button', { name: /^Remove filter Date Created: from Oct 1, 2026/ }).count()).resolves.toBe(1);
    await waitForCount(`${await expectedCount({ created: { from: new Date(2026, 9, 1) } })} of ${all.length} keys`);
    await clearFilters();
    await waitForCount(`${all.length} of ${all.length} keys`);
  });

  test('Export to CSV saves the filtered, sorted view: BOM, the list columns, key endings only, named with the date', async () => {
    const all = await records();
    const revoked = all.filter((r) => r.status === 'Revoked');
    let menu = await openColumnMenu('Status');
    await menu.getByText('Revoked', { exact: true }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    await waitForCount(`${revoked.length} of ${all.length} keys`);
    const shownNames = await visibleNames(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export to CSV' }).click()]);
    const now = new Date();
    const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(download.suggestedFilename()).toBe(`api-keys-${day}.csv`);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe('Name,API Key ending (last 12 characters),Status,Expires,Last used,Permissions,Date Created,Created By,Revocation Date,Revoked By');
    expect(lines.length - 1).toBe(revoked.length);
    // The same order as the page shows (the rows rendered so far are the first ones of the view).
    const exportedNames = lines.slice(1).map((line) => line.split(',')[0].replace(/^"|"$/g, ''));
    expect(exportedNames.slice(0, shownNames.length)).toEqual(shownNames);
    for (const record of all) expect(text).not.toContain(record.hash);
    await clearFilters();
    await waitForCount(`${all.length} of ${all.length} keys`);
    menu = page.getByRole('dialog');
    expect(await menu.count()).toBe(0);
  });

  test('Created By and Revoked By people filters list the people present', async () => {
    const all = await records();
    let menu = await openColumnMenu('Created By');
    const creators = Array.from(new Set(all.map((r) => r.createdBy.displayName))).sort();
    expect((await menu.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')))).sort()).toEqual(creators);
    await menu.locator('label', { hasText: 'Alex Wilber' }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    const alexId = all.filter((r) => r.createdBy.displayName === 'Alex Wilber')[0].createdBy.id;
    await waitForCount(`${await expectedCount({ createdBy: [alexId] })} of ${all.length} keys`);
    await page.getByRole('button', { name: 'Remove filter Created By: Alex Wilber' }).click();

    menu = await openColumnMenu('Revoked By');
    const revokers = Array.from(new Set(all.filter((r) => r.revokedBy).map((r) => (r.revokedBy as { displayName: string }).displayName))).sort();
    expect((await menu.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')))).sort()).toEqual(revokers);
    await menu.locator('label', { hasText: 'Adele Vance' }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    const adeleId = all.filter((r) => r.revokedBy && r.revokedBy.displayName === 'Adele Vance')[0].revokedBy?.id as number;
    await waitForCount(`${await expectedCount({ revokedBy: [adeleId] })} of ${all.length} keys`);
    await clearFilters();
    await waitForCount(`${all.length} of ${all.length} keys`);
  });
});
