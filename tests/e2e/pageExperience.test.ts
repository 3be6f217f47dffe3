// The page as an admin meets it in Chromium against the workbench: where focus goes at each step, plain
// errors with their support details, the Generate flow's finish, the workbench's language switch (strings,
// dates and numbers), and a workbench that stays offline and quiet (no request leaves the machine, no
// console error).
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium, openPage, rowsNamed, signedInContext, startTestWorkbench, waitUntil } from './workbenchBrowser';
import type { TestWorkbench, UserToken } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(60000);


let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** Everything the page asked for and every console error, from the first request on. */
interface Watched {
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

async function watchedPage(user: UserToken, query: string = ''): Promise<Watched> {
  const context = await signedInContext(browser, bench.workbench, user);
  contexts.push(context);
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (opened) => {
    opened.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    opened.on('pageerror', (error) => consoleErrors.push(String(error)));
  });
  const page = await openPage(context, bench.workbench, query);
  return { page, requests, consoleErrors };
}

/** The accessible name (or text) and role of whatever has focus. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    // Icon font glyphs are private-use characters: not part of a name.
    const label = el.getAttribute('aria-label') || el.innerText || (el as HTMLInputElement).value || '';
    return `${el.getAttribute('role') || el.tagName.toLowerCase()}: ${label.replace(/[\uE000-\uF8FF]/g, '').replace(/\s+/g, ' ').trim()}`;
  });
}

async function waitForFocus(page: Page, expected: RegExp): Promise<void> {
  const deadline = Date.now() + 5000;
  let last = '';
  while (Date.now() < deadline) {
    last = await focused(page);
    if (expected.test(last)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`focus is on "${last}", expected ${expected}`);
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

describe('focus', () => {
  test('Generate → Save → Copy key → Done, Edit → Escape / Save, a failed Save, Revoke: focus is never left on <body>', async () => {
    const { page } = await watchedPage('admin-adele');
    const generate = page.getByRole('menuitem', { name: 'Generate API Key' });
    await generate.focus();
    await page.keyboard.press('Enter');
    await waitForFocus(page, /^input: $/);
    await page.keyboard.type('Focus walk key');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Your new API key' }).waitFor();
    await waitForFocus(page, /^button: Copy key$/);
    await page.keyboard.press('Enter');
    await page.getByText('Copied to the clipboard.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('textbox', { name: 'Your new API key' }).waitFor({ state: 'detached' });
    await waitForFocus(page, /^menuitem: Generate API Key$/);

    await rowsNamed(page, 'Focus walk key').locator('[data-selection-toggle="true"]').first().click();
    const edit = page.getByRole('menuitem', { name: 'Edit API Key' });
    // The selection reaches the command bar on the next render: Enter on a still-disabled Edit does nothing.
    await waitUntil(async () => (await edit.getAttribute('aria-disabled')) !== 'true' && (await edit.isEnabled()));
    await edit.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /^Name/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: /^Name/ }).waitFor({ state: 'detached' });
    await waitForFocus(page, /^menuitem: Edit API Key$/);

    await page.keyboard.press('Enter');
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await nameField.fill('Focus walk key (renamed)');
    // SharePoint fails the first save: focus stays on Save, the message is plain.
    let failedOnce = false;
    await page.route(/\/_api\/web\/lists.*\/items/i, async (route) => {
      if (route.request().method() !== 'POST' || failedOnce) return route.fallback();
      failedOnce = true;
      return route.fulfill({
        status: 500,
        headers: { 'Content-Type': 'application/json', SPRequestGuid: 'e2e00000-1111-4222-8333-444455556666' },
        body: JSON.stringify({ 'odata.error': { code: '-2146233088, System.InvalidOperationException', message: { lang: 'en-US', value: 'Operation is not valid.' } } })
      });
    });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The key was not renamed').waitFor();
    await page.getByText(/SharePoint ran into a problem of its own \(error 500\)\. The name was not changed/).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/odata\.error|HttpClient|queryable/);
    await waitForFocus(page, /^button: Save$/);
    await page.getByRole('button', { name: 'Copy details' }).click();
    const details = await page.evaluate(() => navigator.clipboard.readText());
    expect(details).toContain('Status: 500');
    expect(details).toContain('Correlation ID: e2e00000-1111-4222-8333-444455556666');
    expect(details).toMatch(/Time \(UTC\): \d{4}-\d\d-\d\dT\d\d:\d\d/);

    await page.getByRole('button', { name: 'Save' }).click();
    await nameField.waitFor({ state: 'detached' });
    await rowsNamed(page, 'Focus walk key (renamed)').waitFor();
    await waitForFocus(page, /^menuitem: Edit API Key$/);

    // Revoke is disabled once its key is revoked: focus goes to the key's row instead.
    await page.getByRole('menuitem', { name: 'Revoke API Key' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('I understand that revoking this key cannot be undone').click();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForFocus(page, /^row: .*Focus walk key \(renamed\)/);
  });
});

describe('errors and states', () => {
  test('SharePoint errors carry the emulator\'s correlation id; Graph failing the role check is "We couldn\'t check your role"', async () => {
    const { emulator } = bench.workbench;
    emulator.state.setGraphMode('error');
    try {
      const { page } = await watchedPage('admin-adele');
      await page.getByText("We couldn't check your role").waitFor();
      expect(await axeFindings(page, { scope: '.ms-MessageBar:has([data-akm-role="error"])' })).toEqual([]);
      expect(await page.getByText(/you are not a Global Administrator/).count()).toBe(0);
      expect(await page.getByRole('menuitem', { name: 'Generate API Key' }).count()).toBe(0);
    } finally {
      emulator.state.setGraphMode('normal');
    }
  });

  test('a member\'s no-access state is information with next steps, and axe finds nothing at any severity', async () => {
    const { page } = await watchedPage('member-lee');
    const message = page.locator('.ms-MessageBar', { has: page.locator('[data-akm-state="no-access"]') });
    await message.waitFor();
    expect(await message.locator('[data-icon-name="Info"]').count()).toBe(1);
    await message.getByText(/Ask a Global Administrator of your organisation/).waitFor();
    expect(await message.getByRole('link', { name: /Privileged Identity Management/ }).getAttribute('href')).toMatch(/^https:\/\/entra\.microsoft\.com\//);
    expect(await axeFindings(page)).toEqual([]);
  });
});

/** WCAG contrast of two computed CSS colours (rgb()/rgba() from getComputedStyle), in the page. */
async function computedContrast(page: Page, foreground: string, background: string): Promise<number> {
  return page.evaluate(
    ([fg, bg]) => {
      const channels = (css: string): number[] => (css.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
      const luminance = (css: string): number => {
        const [r, g, b] = channels(css).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    },
    [foreground, background]
  );
}

describe('themes, as Chromium draws them', () => {
  for (const theme of ['default', 'dark', 'contrast']) {
    test(`${theme}: enabled commands read at AA, disabled ones look disabled, message bars are not pastel`, async () => {
      const { page } = await watchedPage('admin-adele', theme === 'default' ? '' : `?theme=${theme}`);
      const styleOf = (name: string): Promise<{ color: string; background: string }> =>
        page.getByRole('menuitem', { name }).evaluate((el) => {
          const style = getComputedStyle(el);
          return { color: style.color, background: style.backgroundColor };
        });
      const enabled = await styleOf('Generate API Key');
      const disabled = await styleOf('Edit API Key');
      expect(await page.getByRole('menuitem', { name: 'Edit API Key' }).getAttribute('aria-disabled')).toBe('true');
      expect(await computedContrast(page, enabled.color, enabled.background)).toBeGreaterThanOrEqual(4.5);
      expect(disabled.color).not.toBe(enabled.color);
      if (theme !== 'contrast') expect(await computedContrast(page, enabled.color, disabled.color)).toBeGreaterThanOrEqual(3);

      // A failed load puts an error bar on the page: its text must read at AA on its own background.
      await page.route(/\/_api\/web\/lists.*\/items/i, (route) => route.fulfill({ status: 500, headers: { 'Content-Type': 'application/json' }, body: '{}' }));
      await page.getByRole('menuitem', { name: 'Refresh' }).click();
      const bar = page.locator('.ms-MessageBar', { hasText: 'The API keys could not be loaded' });
      await bar.waitFor();
      const barStyle = await bar.evaluate((el) => {
        const style = getComputedStyle(el);
        return { color: style.color, background: style.backgroundColor, border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}` };
      });
      // On high contrast's black page a black bar needs its outline to stand out.
      if (theme === 'contrast') expect(barStyle.border).toBe('1px solid rgb(255, 255, 255)');
      expect(await computedContrast(page, barStyle.color, barStyle.background)).toBeGreaterThanOrEqual(4.5);
      if (theme !== 'default') {
        // Dark and high contrast: a dark bar (white on pastel was the bug).
        expect(await computedContrast(page, 'rgb(0, 0, 0)', barStyle.background)).toBeLessThan(2);
      }
      await page.unroute(/\/_api\/web\/lists.*\/items/i);
    });
  }
});

describe('generate flow', () => {
  test('empty name: Fluent\'s inline error, no browser bubble; the confirm dialog\'s buttons fit on one line', async () => {
    const { page } = await watchedPage('admin-adele');
    await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await nameField.waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a name.').waitFor();
    // The browser's own validation never ran: the field is not reported invalid to it, only to the user.
    expect(await nameField.evaluate((input: HTMLInputElement) => input.form !== null && input.form.noValidate)).toBe(true);
    await waitForFocus(page, /^input: $/);

    await nameField.fill('Confirm layout key');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Key for “Confirm layout key”, permission Read Only').waitFor();
    await page.getByText('Authorization: Bearer <your key>').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const back = page.getByRole('button', { name: 'Go back' });
    const close = page.getByRole('button', { name: 'Close without copying' });
    await close.waitFor();
    const [a, b] = [await back.boundingBox(), await close.boundingBox()];
    expect(a && b && Math.abs(a.y - b.y) < 2).toBe(true);
    await back.click();
    // At a Teams mobile width too.
    await page.setViewportSize({ width: 400, height: 800 });
    await page.getByRole('button', { name: 'Done' }).click();
    await close.waitFor();
    const [narrowBack, narrowClose] = [await back.boundingBox(), await close.boundingBox()];
    expect(narrowBack && narrowClose && Math.abs(narrowBack.y - narrowClose.y) < 2 && narrowClose.x + narrowClose.width <= 400).toBe(true);
    await back.click();
    await page.setViewportSize({ width: 1400, height: 900 });

    expect(await axeFindings(page, { scope: '.ms-Panel-main' })).toEqual([]);

    // Ctrl+C in the key field counts as copied: Done closes at once.
    const keyField = page.getByRole('textbox', { name: 'Your new API key' });
    await keyField.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await page.getByRole('button', { name: 'Done' }).click();
    await keyField.waitFor({ state: 'detached' });
    expect(await page.getByText('Close without copying the key?').count()).toBe(0);
  });
});

describe('the workbench', () => {
  test('switches language: strings, dates and numbers follow, and switching back restores English', async () => {
    const { page } = await watchedPage('admin-adele');
    const englishDate = await page.locator('[role="row"] [data-automation-key="created"]').first().innerText();
    await Promise.all([page.waitForNavigation(), page.getByLabel('Language').selectOption('fr-fr')]);
    await page.getByRole('heading', { name: "Gestion des clés d'API" }).waitFor();
    await page.locator('[data-akm-count]', { hasText: /^\d+ clés sur \d+$/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr-FR');
    const frenchDate = await page.locator('[role="row"] [data-automation-key="created"]').first().innerText();
    // Same instant, French form: day before month, French month abbreviations, 24-hour clock.
    expect(frenchDate).not.toBe(englishDate);
    expect(frenchDate).toMatch(/^\d{1,2} [a-zéû]+\.? \d{4}/);
    await Promise.all([page.waitForNavigation(), page.getByLabel('Language').selectOption('en-us')]);
    await page.getByRole('heading', { name: 'API Key Management' }).waitFor();
  });

  test('works offline and quietly: no request leaves the machine, no /favicon.ico, no console error (three themes, panel open)', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    for (const query of ['', '?theme=dark', '?theme=contrast&lang=fr-fr']) {
      const { page, requests, consoleErrors } = await watchedPage('admin-adele', query);
      await page.locator('[data-akm-count]').waitFor();
      await page.getByRole('menuitem').first().click();
      await page.getByRole('textbox').first().waitFor();
      await page.waitForLoadState('networkidle');
      seen.push(...requests);
      errors.push(...consoleErrors);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((url) => !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url) && !/^data:/.test(url))).toEqual([]);
    expect(seen.filter((url) => /favicon/.test(url))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
