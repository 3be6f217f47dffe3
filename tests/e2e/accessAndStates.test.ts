// Who sees what, and how the page behaves when SharePoint does not simply answer: non-admin and member
// states, conflict, throttling, an unprovisioned site; axe-core; screenshots in the three Teams themes.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, RESULTS_DIR, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench, UserToken } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(60000);


let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function pageAs(user: UserToken, query: string = '', target: TestWorkbench = bench): Promise<Page> {
  const context = await signedInContext(browser, target.workbench, user);
  contexts.push(context);
  return openPage(context, target.workbench, query);
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bench?.close();
});

describe('who sees what', () => {
  test('a site owner who is not a Global Administrator cannot see the list at all: SharePoint hides it, the page says no access', async () => {
    const page = await pageAs('owner-megan');
    await page.getByText('You have no access to the API keys').waitFor();
    expect(await page.getByRole('grid').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Generate API Key' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Revoke API Key' }).count()).toBe(0);
  });

  test('a member sees the no-access state, not a broken page', async () => {
    const page = await pageAs('member-lee');
    await page.getByText('You have no access to the API keys').waitFor();
    expect(await page.getByRole('grid').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Generate API Key' }).count()).toBe(0);
  });

  test('the workbench bar switches the signed-in user', async () => {
    const page = await pageAs('admin-adele');
    await page.getByRole('menuitem', { name: 'Generate API Key' }).waitFor();
    await Promise.all([page.waitForNavigation(), page.getByLabel('Signed-in user').selectOption('owner-megan')]);
    await page.getByText('You have no access to the API keys').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Generate API Key' }).count()).toBe(0);
  });
});

describe('when SharePoint does not simply answer', () => {
  test('a rename that raced another admin shows who changed what, and reload shows the current values', async () => {
    const page = await pageAs('admin-adele');
    const store = new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
    const target = (await store.listKeys()).filter((r) => r.status === 'Active')[0];
    await page.locator('[role="row"]', { has: page.locator('[data-automation-key="name"]', { hasText: target.name }) }).locator('[data-selection-toggle="true"]').first().click();
    await page.getByRole('menuitem', { name: 'Edit API Key' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(`${target.name} v2`);
    // Another admin renames the same key after this page read it.
    bench.workbench.emulator.state.updateItem(target.id, { Title: 'Renamed by Alex' }, bench.workbench.emulator.users.alex);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Someone else changed this key').waitFor();
    await page.getByText('Alex Wilber changed it on', { exact: false }).waitFor();
    await page.getByText('it is now named “Renamed by Alex”', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.locator('[data-automation-key="name"]', { hasText: 'Renamed by Alex' }).waitFor();
    expect((await store.listKeys()).filter((r) => r.id === target.id)[0].name).toBe('Renamed by Alex');
  });

  test('a short 429 storm is retried invisibly', async () => {
    const { emulator } = bench.workbench;
    emulator.requests.length = 0;
    emulator.faults.set({ status: 429, retryAfterSeconds: 1, times: 2, match: { method: 'GET', pathIncludes: '/items' } });
    const page = await pageAs('admin-adele');
    await page.locator('[data-akm-count]', { hasText: /^(\d+) of \1 keys$/ }).waitFor();
    expect(await page.getByText('SharePoint is busy').count()).toBe(0);
    expect(emulator.requests.filter((r) => r.status === 429).length).toBe(2);
    emulator.faults.clear();
  });

  test('a long 429 storm shows the throttled message, and Try again recovers', async () => {
    const { emulator } = bench.workbench;
    emulator.faults.set({ status: 429, retryAfterSeconds: 1, match: { method: 'GET', pathIncludes: '/items' } });
    const context = await signedInContext(browser, bench.workbench, 'admin-adele');
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(bench.workbench.url);
    await page.getByText('SharePoint is busy').waitFor({ timeout: 20000 });
    emulator.faults.clear();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-akm-count]', { hasText: /^(\d+) of \1 keys$/ }).waitFor();
  });
});

describe('a site without the list', () => {
  let empty: TestWorkbench;
  beforeAll(async () => {
    empty = await startTestWorkbench('empty');
  });
  afterAll(async () => {
    await empty?.close();
  });

  test('anyone but an admin is told whom to ask', async () => {
    const page = await pageAs('owner-megan', '', empty);
    await page.getByText(/Ask a Global Administrator if you need a key/).waitFor();
    expect(await page.getByRole('button', { name: 'Create the list' }).count()).toBe(0);
  });

  test('an admin creates the list in one click', async () => {
    const page = await pageAs('admin-adele', '', empty);
    await page.getByRole('button', { name: 'Create the list' }).click();
    await page.getByText('No API keys yet').waitFor({ timeout: 20000 });
    await page.getByRole('menuitem', { name: 'Generate API Key' }).waitFor();
    expect(empty.workbench.emulator.state.list()).toBeDefined();
  });
});

describe('keyboard only', () => {
  test('generate a key, open and close a column menu, and get asked before losing an uncopied key', async () => {
    const page = await pageAs('admin-adele');
    await page.getByRole('menuitem', { name: 'Generate API Key' }).focus();
    await page.keyboard.press('Enter');
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await nameField.waitFor();
    // The panel hands focus to Name once it has opened: wait for it (a moment after the field shows), or fail.
    await nameField.and(page.locator(':focus')).waitFor({ timeout: 3000 });
    await page.keyboard.type('Keyboard only key');
    await page.keyboard.press('Enter');
    const keyField = page.getByRole('textbox', { name: 'Your new API key' });
    await keyField.waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Close without copying the key?').waitFor();
    await page.getByRole('button', { name: 'Close without copying' }).focus();
    await page.keyboard.press('Enter');
    await keyField.waitFor({ state: 'detached' });

    await page.getByRole('columnheader').getByRole('button', { name: 'Status', exact: true }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('dialog', { name: 'Sort and filter by Status' });
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });
});

describe('the workbench', () => {
  test('keys survive a restart (the emulator persists to its data file)', async () => {
    const first = await startTestWorkbench('demo');
    const second: TestWorkbench[] = [];
    try {
      const store = new SharePointKeyStore(nodeSharePoint(first.workbench.emulator.siteUrl, 'admin-adele'));
      const created = await store.createKey('Survives a restart', 'ReadOnly');
      await first.stop();
      second.push(await startTestWorkbench('empty', first.dataFile));
      const page = await pageAs('admin-adele', '', second[0]);
      const row = page.locator('[role="row"]', { has: page.locator('[data-automation-key="name"]', { hasText: 'Survives a restart' }) });
      expect(await row.innerText()).toContain(created.record.tail);
    } finally {
      if (second[0]) await second[0].stop();
      await first.close();
    }
  });
});

describe('accessibility and themes', () => {
  const themes: Array<{ query: string; file: string }> = [
    { query: '', file: 'page-light.png' },
    { query: '?theme=dark', file: 'page-dark.png' },
    { query: '?theme=contrast', file: 'page-high-contrast.png' }
  ];

  for (const theme of themes) {
    test(`axe-core finds no serious or critical violations (${theme.file}), screenshot saved`, async () => {
      const page = await pageAs('admin-adele', theme.query);
      await page.screenshot({ path: path.join(RESULTS_DIR, theme.file), fullPage: false });
      expect(await axeFindings(page, { wcagSeriousOnly: true })).toEqual([]);
    });
  }

  test('axe-core on the Generate panel and the not-admin state', async () => {
    const admin = await pageAs('admin-adele');
    await admin.getByRole('menuitem', { name: 'Generate API Key' }).click();
    await admin.getByRole('textbox', { name: /^Name/ }).waitFor();
    expect(await axeFindings(admin, { wcagSeriousOnly: true })).toEqual([]);
    const owner = await pageAs('owner-megan');
    expect(await axeFindings(owner, { wcagSeriousOnly: true })).toEqual([]);
  });
});
