// The key list as Teams and the admin center shape it, in Chromium against the workbench: widths from a
// phone-wide tab to a desktop (only the list scrolls sideways, nothing cut without a tooltip), the
// details pane, the "⋯" menu, Revoke selected with a partial failure, the keyboard, and axe at zero
// findings of any severity in the three Teams themes.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import type { KeyRecord } from '../../src/core';
import { COLUMN_WIDTHS } from '../../src/components/KeyList/keyColumnWidths';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(90000);


let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

function store(): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
}

async function adminPage(width: number = 1760, query: string = ''): Promise<Page> {
  const context = await signedInContext(browser, bench.workbench, 'admin-adele');
  contexts.push(context);
  const page = await openPage(context, bench.workbench, query);
  await page.setViewportSize({ width, height: 900 });
  return page;
}

/** The details pane of a key (Fluent's dialog element has no size of its own: its content is what shows). */
function detailsPane(page: Page, name?: string): ReturnType<Page['locator']> {
  return page.locator('.ms-Panel-main', { has: name ? page.getByRole('heading', { name, exact: true }) : page.getByText('What it allows') });
}

function row(page: Page, name: string): ReturnType<Page['locator']> {
  return page.locator('[role="row"]', { has: page.locator('[data-akm-name]', { hasText: name }) });
}

interface WidthReport {
  layout: string | null;
  page: [number, number];
  document: [number, number];
  list: [number, number];
  /** Cells, headers and toolbar texts whose text is cut with no title anywhere around it. */
  cutWithoutTooltip: string[];
  /** Cells whose text is cut and that carry a title (allowed). */
  cutWithTooltip: number;
  /** Texts cut with no ellipsis to show it: a word clipped mid-letter ("by Alex W") reads as if it were whole. */
  cutWithoutEllipsis: string[];
}

async function measure(page: Page): Promise<WidthReport> {
  return page.evaluate(() => {
    const main = document.querySelector('main') as HTMLElement;
    const cut: string[] = [];
    const noEllipsis: string[] = [];
    let withTooltip = 0;
    const scope = Array.from(document.querySelectorAll<HTMLElement>('[role="gridcell"], [role="rowheader"], [role="columnheader"], [data-akm-count], .ms-CommandBar, header'));
    for (const cell of scope) {
      const candidates = [cell, ...Array.from(cell.querySelectorAll<HTMLElement>('*'))];
      for (const el of candidates) {
        if (el.scrollWidth <= el.clientWidth + 1 || getComputedStyle(el).overflow === 'visible') continue;
        if (el.closest('[title]') || el.querySelector('[title]')) withTooltip++;
        else cut.push(`${el.className.toString().slice(0, 40)}: ${el.innerText.slice(0, 60)}`);
        // Text directly in an element that clips it: an ellipsis must show, and a flex or grid box draws none.
        const ownText = Array.from(el.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent || '').trim() !== '');
        const style = getComputedStyle(el);
        const screenReaderOnly = el.clientWidth <= 1 || style.clip.startsWith('rect');
        if (ownText && !screenReaderOnly && (style.textOverflow !== 'ellipsis' || /flex|grid/.test(style.display))) noEllipsis.push(`${el.className.toString().slice(0, 40)}: ${el.innerText.slice(0, 60)}`);
      }
    }
    return {
      layout: document.querySelector('[data-akm-layout]')!.getAttribute('data-akm-layout'),
      page: [main.scrollWidth, main.clientWidth] as [number, number],
      document: [document.documentElement.scrollWidth, document.documentElement.clientWidth] as [number, number],
      list: [(document.querySelector('[data-akm-list-scroller]') as HTMLElement).scrollWidth, (document.querySelector('[data-akm-list-scroller]') as HTMLElement).clientWidth] as [number, number],
      cutWithoutTooltip: cut,
      cutWithTooltip: withTooltip,
      cutWithoutEllipsis: noEllipsis
    };
  });
}

beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  // A long name, a tampered key: the cases that stretch a row.
  await store().createKey('Quarterly finance reconciliation export for the Northwind subsidiary (Power BI)', 'ReadOnly');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bench?.close();
});

describe('widths, from a narrow Teams tab to a desktop', () => {
  const widths: Array<[number, string]> = [
    [400, 'compact'],
    [768, 'folded'],
    [1024, 'folded'],
    [1400, 'folded'],
    [1760, 'full']
  ];
  for (const [width, layout] of widths) {
    test(`${width} px: ${layout} rows, only the list scrolls sideways, nothing cut without a tooltip, header stays in view`, async () => {
      const page = await adminPage(width);
      await page.waitForFunction((expected) => document.querySelector(`[data-akm-layout="${expected}"]`), layout);
      await page.waitForTimeout(300);
      const report = await measure(page);
      expect(report.layout).toBe(layout);
      expect(report.page[0]).toBeLessThanOrEqual(report.page[1]);
      expect(report.document[0]).toBeLessThanOrEqual(report.document[1]);
      expect(report.cutWithoutTooltip).toEqual([]);
      expect(report.cutWithoutEllipsis).toEqual([]);
      // The check sees cut text: the long name is cut (with its tooltip) wherever it does not fit.
      if (width <= 768) expect(report.cutWithTooltip).toBeGreaterThan(0);
      // With every column shown, the list fits the width as well: nothing scrolls sideways.
      if (layout === 'full') expect(report.list[0]).toBeLessThanOrEqual(report.list[1]);

      // The header stays at the top of the list while its rows scroll under it.
      const scroller = page.locator('[data-akm-list-scroller]');
      await scroller.evaluate((el) => (el.scrollTop = 400));
      await page.waitForTimeout(200);
      const [scrollerTop, headerTop] = await Promise.all([scroller.evaluate((el) => el.getBoundingClientRect().top), page.locator('.ms-DetailsHeader').evaluate((el) => el.getBoundingClientRect().top)]);
      expect(Math.abs(headerTop - scrollerTop)).toBeLessThanOrEqual(2);
      await page.close();
    });
  }

  test('400 px with filter chips naming several people: still only the list scrolls, chips cut with their full text in a tooltip', async () => {
    const page = await adminPage(400);
    await page.waitForSelector('[data-akm-layout="compact"]');
    // Generate keeps its place on a narrow tab; Filter (icon only) is the way to the folded-away columns.
    expect(await page.getByRole('menuitem', { name: 'Generate API Key' }).isVisible()).toBe(true);
    await page.getByRole('menuitem', { name: 'Filter' }).click();
    await page.getByRole('menuitem', { name: 'Filter by Created By' }).click();
    const menu = page.getByRole('dialog', { name: 'Sort and filter by Created By' });
    await menu.locator('label', { hasText: 'Adele Vance' }).click();
    await menu.locator('label', { hasText: 'Alex Wilber' }).click();
    await menu.getByRole('button', { name: 'Done' }).click();
    const chip = page.getByRole('button', { name: /^Remove filter Created By: / });
    await chip.waitFor();
    const report = await measure(page);
    expect(report.page[0]).toBeLessThanOrEqual(report.page[1]);
    expect(report.document[0]).toBeLessThanOrEqual(report.document[1]);
    const [scrollWidth, clientWidth, title] = await chip.locator('.ms-Button-label').evaluate((el) => [el.scrollWidth, el.clientWidth, el.closest('[title]')!.getAttribute('title')]);
    if ((scrollWidth as number) > (clientWidth as number)) expect(title).toMatch(/^Created By: /);
    await page.close();
  });

  test('all columns: every title fits its header in English and French, with the sort arrow and chevron', async () => {
    const page = await adminPage(1760);
    await page.waitForSelector('[data-akm-layout="full"]');
    // The sorted header (Date Created) shows both icons: what they and the paddings take beside the title.
    const chrome = await page.locator('[role="columnheader"][data-item-key="created"] .ms-DetailsHeader-cellTitle').evaluate((title) => {
      const name = title.querySelector('.ms-DetailsHeader-cellName') as HTMLElement;
      const range = document.createRange();
      range.selectNodeContents(name);
      const textRight = range.getBoundingClientRect().right;
      const iconsRight = Math.max(...Array.from(title.querySelectorAll('i')).map((icon) => icon.getBoundingClientRect().right));
      return Math.ceil(iconsRight - textRight);
    });
    expect(chrome).toBeGreaterThan(20);
    const font = await page.locator('.ms-DetailsHeader-cellName').first().evaluate((el) => getComputedStyle(el).font);
    const columns = ['name', 'tail', 'status', 'expires', 'lastUsed', 'permission', 'created', 'createdBy', 'revokedAt', 'revokedBy'] as const;
    const titleKeys = ['ColumnName', 'ColumnApiKey', 'ColumnStatus', 'ExpiresLabel', 'ColumnLastUsed', 'ColumnPermission', 'ColumnCreated', 'ColumnCreatedBy', 'ColumnRevokedAt', 'ColumnRevokedBy'];
    const tooWide: string[] = [];
    for (const file of ['en-us.js', 'fr-fr.js']) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const strings = require(`../../src/components/loc/${file}`) as Record<string, string>;
      const widths = (await page.evaluate(
        ({ texts, font: f }) => {
          const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
          context.font = f;
          return texts.map((text) => Math.ceil(context.measureText(text).width));
        },
        { texts: titleKeys.map((k) => strings[k]), font }
      )) as number[];
      columns.forEach((column, i) => {
        const min = COLUMN_WIDTHS.full[column]![0];
        if (widths[i] + chrome > min) tooWide.push(`${file} ${strings[titleKeys[i]]}: ${widths[i]} + ${chrome} > ${min}`);
      });
    }
    expect(tooWide).toEqual([]);
    await page.close();
  });

  test('folded: a revoked key says when and by whom in Status, with the full date in its tooltip', async () => {
    const page = await adminPage(1024);
    await page.waitForSelector('[data-akm-layout="folded"]');
    const status = page.locator('[data-akm-status="revoked"]').first();
    expect(await status.innerText()).toMatch(/^Revoked [A-Z][a-z]{2} \d{1,2}(, \d{4})? by [A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(await status.getAttribute('title')).toMatch(/^Revoked \w+day, \w+ \d{1,2}, \d{4} at \d{2}:\d{2}:\d{2} [AP]M by /);
    expect(await page.getByRole('columnheader', { name: 'Revocation Date' }).count()).toBe(0);
    await page.close();
  });

  test('compact: name, status, key ending and "Created … by …"; the rest in the details pane', async () => {
    const page = await adminPage(400);
    await page.waitForSelector('[data-akm-layout="compact"]');
    const first = page.locator('[role="row"]').filter({ has: page.locator('[data-akm-name]') }).first();
    expect(await first.innerText()).toMatch(/…[0-9A-Za-z]{12} · Created [A-Z][a-z]{2} \d{1,2}(, \d{4})? by /);
    await first.locator('[data-akm-tail]').click();
    const pane = detailsPane(page);
    await pane.waitFor();
    expect(await pane.innerText()).toMatch(/Permissions\s+(Read Only|Full Control)/);
    await page.close();
  });
});

describe('admin center conventions', () => {
  test('a click on a row opens its details pane: every field, what the permission allows, its history', async () => {
    const page = await adminPage();
    const name = 'Quarterly finance reconciliation export for the Northwind subsidiary (Power BI)';
    await row(page, name).locator('[data-automation-key="permission"]').click();
    const pane = detailsPane(page, name);
    await pane.waitFor();
    const text = await pane.innerText();
    expect(text).toContain('May only read: GET, HEAD and OPTIONS requests');
    expect(text).toMatch(/Key ending\s+…[0-9A-Za-z]{12}/);
    expect(text).toMatch(/Created By\s+Adele Vance/);
    expect(text).toContain('Not revoked');
    expect(text).toContain('History');
    await pane.locator('[data-akm-history="loaded"]').waitFor();
    await page.keyboard.press('Escape');
    await pane.waitFor({ state: 'detached' });
    await page.close();
  });

  test('the "⋯" menu copies the key ending (only the last 12 characters) and says so on screen', async () => {
    const page = await adminPage();
    const target = row(page, 'Quarterly finance');
    const tail = (await target.locator('[data-akm-tail]').innerText()).replace('…', '');
    await page.getByRole('button', { name: /^More actions for Quarterly finance/ }).click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    // Opening a row's menu does not select the row.
    expect(await page.getByRole('menuitem', { name: 'Edit API Key' }).first().isDisabled()).toBe(true);
    expect((await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.replace(/[\uE000-\uF8FF]/g, '').trim())).toEqual(['View details', 'Edit API Key', 'Revoke API Key', 'Roll API Key', 'Bring expiry forward', 'Copy key ending']);
    await menu.getByRole('menuitem', { name: 'Copy key ending' }).click();
    await page.locator('[data-akm-copy-notice]').getByText(`Copied the key ending …${tail}`).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tail);
    await page.close();
  });

  test('the Filter command opens a column\'s sort and filter menu, even for a column the width folded away', async () => {
    const page = await adminPage(1024);
    await page.waitForSelector('[data-akm-layout="folded"]');
    await page.getByRole('menuitem', { name: 'Filter' }).click();
    await page.getByRole('menuitem', { name: 'Filter by Revoked By' }).click();
    const menu = page.getByRole('dialog', { name: 'Sort and filter by Revoked By' });
    await menu.waitFor();
    await menu.locator('label', { hasText: 'Alex Wilber' }).click();
    await page.getByRole('button', { name: 'Remove filter Revoked By: Alex Wilber' }).waitFor();
    await page.close();
  });

  test('Revoke selected: one confirmation naming the keys, each revoked with its own ETag; a partial failure says which', async () => {
    const created: KeyRecord[] = [];
    for (const name of ['Incident key A', 'Incident key B', 'Incident key C']) created.push((await store().createKey(name, 'FullControl')).record);
    const page = await adminPage();
    for (const record of created) await page.getByRole('checkbox', { name: `Select key ${record.name}` }).click();
    await page.getByRole('menuitem', { name: 'Revoke selected (3)' }).click();
    // Fluent's dialog element has no size of its own (its content is what shows): wait for what it says.
    const dialog = page.getByRole('alertdialog', { name: 'Revoke 3 API keys?' });
    await dialog.locator('[data-akm-bulk-names]').waitFor();
    const listed = await dialog.locator('[data-akm-bulk-names] li').allInnerTexts();
    expect(listed.map((text) => text.replace(/ \(…[0-9A-Za-z]{12}\)$/, '')).sort()).toEqual(['Incident key A', 'Incident key B', 'Incident key C']);
    // SharePoint keeps refusing B's write (503 through every retry); A and C go through.
    bench.workbench.emulator.faults.set({ status: 503, retryAfterSeconds: 1, match: { pathIncludes: `items(${created[1].id})` } });
    try {
      await dialog.locator('label', { hasText: 'I understand that revoking these keys cannot be undone' }).click();
      await dialog.getByRole('button', { name: 'Revoke 3 keys' }).click();
      const result = dialog.locator('[data-akm-bulk-result]');
      await result.waitFor({ timeout: 30000 });
      const text = await result.innerText();
      expect(text).toContain('Revoked 2 of 3 keys.');
      expect(text).toMatch(/Revoked: Incident key [AC], Incident key [AC]\./);
      expect(text).toMatch(/Not revoked:\s*Incident key B: /);
    } finally {
      bench.workbench.emulator.faults.clear();
    }
    const stored = (await store().listKeys()).filter((r) => created.some((c) => c.id === r.id));
    expect(stored.map((r) => [r.name, r.status]).sort()).toEqual([
      ['Incident key A', 'Revoked'],
      ['Incident key B', 'Active'],
      ['Incident key C', 'Revoked']
    ]);
    // The list already shows the two revocations.
    expect(await row(page, 'Incident key A').locator('[data-akm-status]').innerText()).toBe('Revoked');
    await page.close();
  });
});

describe('keyboard and screen readers', () => {
  test('Enter on a row opens its details; a column menu focuses its first option and ticks the current sort', async () => {
    const page = await adminPage();
    const header = page.getByRole('columnheader').getByRole('button', { name: 'Date Created', exact: true });
    expect(await header.getAttribute('aria-haspopup')).toBe('menu');
    await header.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('dialog', { name: 'Sort and filter by Date Created' });
    await menu.waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.textContent!.indexOf('Sort ascending') !== -1);
    expect(await menu.getByRole('button', { name: 'Sort descending' }).getAttribute('aria-pressed')).toBe('true');
    expect(await menu.locator('[data-akm-sort-tick]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    // Closing the menu gives focus back to its header a moment after the menu is gone: wait for that, or it can land
    // after the row is focused below and Enter would reopen the menu instead of opening the row.
    await page.waitForFunction(() => document.activeElement !== null && document.activeElement.closest('[role="columnheader"]') !== null);

    const firstRow = page.locator('.ms-DetailsRow').first();
    await firstRow.focus();
    await page.waitForFunction(() => document.activeElement !== null && document.activeElement.classList.contains('ms-DetailsRow'));
    const name = await firstRow.locator('[data-akm-name]').innerText();
    await page.keyboard.press('Enter');
    await detailsPane(page, name).waitFor();
    await page.close();
  });

  test('each row\'s select button says "Select key {name}"', async () => {
    const page = await adminPage();
    const names = await page.locator('[role="row"] [data-akm-name]').allInnerTexts();
    expect(names.length).toBeGreaterThan(5);
    for (const name of names.slice(0, 5)) expect(await page.getByRole('checkbox', { name: `Select key ${name}`, exact: true }).count()).toBe(1);
    await page.close();
  });

  test('the "⋯" button by keyboard: Enter opens its menu on the first command, Escape returns to the button', async () => {
    const page = await adminPage();
    const more = page.getByRole('button', { name: /^More actions for / }).first();
    await more.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('role') === 'menuitem' && document.activeElement.textContent!.indexOf('View details') !== -1);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement && document.activeElement.hasAttribute('data-akm-row-menu'));
    await page.close();
  });

  test('axe finds nothing at any severity with a row menu open, in the Revoke selected dialog, and for a reader', async () => {
    const page = await adminPage();
    await page.getByRole('button', { name: /^More actions for / }).first().click();
    await page.getByRole('menu').waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    const active = page.locator('[role="row"]:has([data-akm-status="active"])');
    await active.nth(0).locator('[data-selection-toggle="true"]').first().click();
    await active.nth(1).locator('[data-selection-toggle="true"]').first().click();
    await page.getByRole('menuitem', { name: 'Revoke selected (2)' }).click();
    await page.locator('[data-akm-bulk-names]').waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.close();

    // A reader: only Global Administrators can see the list now, so the read-only page is what one gets while Graph
    // cannot confirm the role (the grant is missing): the list without its commands.
    bench.workbench.emulator.state.setGraphMode('limited-information');
    try {
      const context = await signedInContext(browser, bench.workbench, 'admin-alex');
      contexts.push(context);
      const reader = await openPage(context, bench.workbench);
      await reader.getByText("We couldn't check your role").waitFor();
      await reader.locator('[role="row"] [data-automation-key="name"]').first().waitFor();
      expect(await axeFindings(reader)).toEqual([]);
      await reader.close();
    } finally {
      bench.workbench.emulator.state.setGraphMode('normal');
    }
  });

  for (const theme of ['', '?theme=dark', '?theme=contrast']) {
    test(`axe finds nothing at any severity${theme ? ` (${theme.slice(7)})` : ' (default)'}: the list, a column menu, the details pane`, async () => {
      const page = await adminPage(1400, theme);
      expect(await axeFindings(page)).toEqual([]);
      await page.getByRole('columnheader').getByRole('button', { name: 'Status', exact: true }).click();
      await page.getByRole('dialog', { name: 'Sort and filter by Status' }).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('[role="row"] [data-automation-key="permission"]').first().click();
      await detailsPane(page).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      await page.close();
    });
  }
});
