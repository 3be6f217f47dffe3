// The key list as Teams and the admin center shape it, in Chromium against the workbench: widths from a
// phone-wide tab to a desktop (from a 1,024 px window up nothing scrolls sideways, in English and French; below
// that only the list does; nothing cut without a tooltip), the
// details pane, the "⋯" menu, Revoke selected with a partial failure, the keyboard, and axe at zero
// findings of any severity in the three Teams themes.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import type { KeyRecord } from '../../src/core';
import { columnWidths } from '../../src/components/KeyList/keyColumnWidths';
import type { ListColumnKey } from '../../src/components/KeyList/keyColumnWidths';
import { layoutThreshold } from '../../src/components/KeyList/keyListLayout';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openPage, rowsNamed, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(90000);


let bench: TestWorkbench;
let browser: Browser;
const contexts: BrowserContext[] = [];

function store(): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
}

async function adminPage(width: number = 1760, query: string = '', on: Browser = browser, height: number = 900): Promise<Page> {
  const context = await signedInContext(on, bench.workbench, 'admin-adele');
  contexts.push(context);
  if (width === 1760 && height === 900) return openPage(context, bench.workbench, query);
  // Loaded at its width: DetailsList spreads its columns again only half a second after a resize.
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${bench.workbench.url}/${query}`);
  await page.waitForSelector('[role="row"] [data-akm-name], [data-akm-state]', { timeout: 20000 });
  return page;
}

/** The details pane of a key (Fluent's dialog element has no size of its own: its content is what shows). */
function detailsPane(page: Page, name?: string): ReturnType<Page['locator']> {
  return page.locator('.ms-Panel-main', { has: name ? page.getByRole('heading', { name, exact: true }) : page.getByText('What it allows') });
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
  /** Column titles cut in their header, and whether that column is the sorted one (its arrow takes room too). */
  titlesCut: { key: string; sorted: boolean; title: string }[];
}

/**
 * Waits until the list's width has held for 700 ms: DetailsList spreads its columns again half a second after its
 * width changes (the page's scrollbar appearing as the rows arrive), and a measure before that reads the old spread.
 */
async function settled(page: Page): Promise<void> {
  const width = (): Promise<string> => page.locator('[data-akm-list-scroller]').evaluate((el) => `${el.scrollWidth}/${el.clientWidth}`);
  let last = await width();
  let since = Date.now();
  while (Date.now() - since < 700) {
    await page.waitForTimeout(100);
    const now = await width();
    if (now !== last) [last, since] = [now, Date.now()];
  }
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
      cutWithoutEllipsis: noEllipsis,
      titlesCut: Array.from(document.querySelectorAll<HTMLElement>('[role="columnheader"]'))
        .map((header) => ({ header, name: header.querySelector<HTMLElement>('.ms-DetailsHeader-cellName') }))
        .filter(({ name }) => name && name.scrollWidth > name.clientWidth)
        .map(({ header, name }) => ({ key: header.getAttribute('data-item-key') || '', sorted: header.getAttribute('aria-sort') !== 'none', title: name!.innerText }))
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
  // With scrollbars that take room, as on Windows (Playwright hides them by default): at 800 px high the page has
  // one and the list its own, the case where a list that fits only without them would scroll sideways.
  let withScrollbars: Browser;
  beforeAll(async () => {
    withScrollbars = await chromium.launch({
      executablePath: process.env.AKM_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      ignoreDefaultArgs: ['--hide-scrollbars']
    });
  });
  afterAll(async () => {
    await withScrollbars?.close();
  });

  // [window width, layout in English, in French, whether the list fits with nothing to scroll sideways]. The list's
  // section is the window less 40 px, 55 where the page scrolls too: 768 → 713, 1024 → 969, 1280 → 1240, 1300 → 1260.
  // English titles are shorter than French ones: English gets the wider layouts sooner (1,300 px: folded) and the room
  // left goes to Name.
  const widths: Array<[number, string, string, boolean]> = [
    [400, 'compact', 'compact', true],
    [768, 'essential', 'essential', false],
    [1024, 'essential', 'essential', true],
    [1200, 'condensed', 'condensed', true],
    [1280, 'condensed', 'condensed', true],
    [1300, 'folded', 'condensed', true],
    [1366, 'folded', 'folded', true],
    [1400, 'folded', 'folded', true],
    [1760, 'full', 'full', true]
  ];
  for (const [lang, query] of [
    ['English', ''],
    ['French', '?lang=fr-fr']
  ]) {
    for (const [width, english, french, fits] of widths) {
      const layout = query ? french : english;
      test(`${lang}, ${width} px: ${layout} rows, ${fits ? 'nothing scrolls sideways' : 'only the list scrolls sideways'}, nothing cut without a tooltip, header stays in view`, async () => {
        const page = await adminPage(width, query, withScrollbars, 800);
        await settled(page);
        const report = await measure(page);
        // Every column of the layout in view: the list itself has nothing to scroll sideways.
        if (fits) expect(report.list[0]).toBeLessThanOrEqual(report.list[1]);
        expect(report.layout).toBe(layout);
        expect(report.page[0]).toBeLessThanOrEqual(report.page[1]);
        expect(report.document[0]).toBeLessThanOrEqual(report.document[1]);
        expect(report.cutWithoutTooltip).toEqual([]);
        expect(report.cutWithoutEllipsis).toEqual([]);
        // A title is whole, with its chevron; a French one may lose its end (tooltip kept) only while its column is the sorted one.
        expect(report.titlesCut.filter((cut) => !(cut.sorted && query))).toEqual([]);
        // The check sees cut text: the long name is cut (with its tooltip) wherever it does not fit.
        if (width <= 1024) expect(report.cutWithTooltip).toBeGreaterThan(0);

        // The header stays at the top of the list while its rows scroll under it.
        const scroller = page.locator('[data-akm-list-scroller]');
        await scroller.evaluate((el) => (el.scrollTop = 400));
        await page.waitForTimeout(200);
        const [scrollerTop, headerTop] = await Promise.all([scroller.evaluate((el) => el.getBoundingClientRect().top), page.locator('.ms-DetailsHeader').evaluate((el) => el.getBoundingClientRect().top)]);
        expect(Math.abs(headerTop - scrollerTop)).toBeLessThanOrEqual(2);
        await page.close();
      });
    }
  }

  test('English, 1024 px: Name takes the room English titles leave (Last used no wider than "Last used" needs)', async () => {
    const page = await adminPage(1024, '', withScrollbars, 800);
    await page.waitForSelector('[data-akm-layout="essential"]');
    await settled(page);
    const width = (key: string): Promise<number> => page.locator(`[role="columnheader"][data-item-key="${key}"]`).evaluate((el) => Math.round(el.getBoundingClientRect().width));
    // Sized for "Dernière utilisation", Last used took 186 px and Name 124 px, cutting most names.
    expect(await width('lastUsed')).toBeLessThanOrEqual(150);
    expect(await width('name')).toBeGreaterThanOrEqual(160);
    await page.close();
  });

  test('the layout holds while the width goes back and forth by a scrollbar across a threshold, and follows a real change', async () => {
    const page = await adminPage(1024, '', withScrollbars, 800);
    await page.waitForSelector('[data-akm-layout="essential"]');
    const section = page.locator('[data-akm-layout]');
    // The window's width for a given section width (the page's margins and scrollbar).
    const margins = 1024 - (await section.evaluate((el) => Math.round(el.getBoundingClientRect().width)));
    const condensed = layoutThreshold('condensed', 'en-US');
    const layoutsAt = async (sectionWidths: number[]): Promise<Array<string | null>> => {
      const seen: Array<string | null> = [];
      for (const width of sectionWidths) {
        await page.setViewportSize({ width: width + margins, height: 800 });
        await page.waitForFunction((w) => Math.round(document.querySelector('[data-akm-layout]')!.getBoundingClientRect().width) === w, width);
        await page.waitForTimeout(100);
        seen.push(await section.getAttribute('data-akm-layout'));
      }
      return seen;
    };
    // 17 px either side of where condensed fits: a scrollbar coming and going. Widening waits for room to spare.
    expect(await layoutsAt([condensed - 7, condensed + 10, condensed - 7, condensed + 10])).toEqual(['essential', 'essential', 'essential', 'essential']);
    expect(await layoutsAt([condensed + 40])).toEqual(['condensed']);
    // Narrowing happens only when the columns no longer fit.
    expect(await layoutsAt([condensed + 10, condensed, condensed + 10, condensed - 1])).toEqual(['condensed', 'condensed', 'condensed', 'essential']);
    await page.close();
  });

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

  test('every layout: every title fits its header with its chevron in English and French, and with the sort arrow in English', async () => {
    const page = await adminPage(1760);
    await page.waitForSelector('[data-akm-layout="full"]');
    // What a header takes beside its title: the title's paddings and the chevron, and the arrow when sorted (Date
    // Created is the sorted column, Permissions not).
    const chromeOf = (column: string): Promise<number> =>
      page.locator(`[role="columnheader"][data-item-key="${column}"] .ms-DetailsHeader-cellTitle`).evaluate((title) => {
        const name = title.querySelector('.ms-DetailsHeader-cellName') as HTMLElement;
        const range = document.createRange();
        range.selectNodeContents(name);
        const textRight = range.getBoundingClientRect().right;
        const iconsRight = Math.max(...Array.from(title.querySelectorAll('i')).map((icon) => icon.getBoundingClientRect().right));
        const style = getComputedStyle(title);
        return Math.ceil(iconsRight - textRight + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight));
      });
    const [sortedChrome, chrome] = [await chromeOf('created'), await chromeOf('permission')];
    expect(chrome).toBeGreaterThan(30);
    expect(sortedChrome).toBeGreaterThan(chrome + 10);
    const font = await page.locator('.ms-DetailsHeader-cellName').first().evaluate((el) => getComputedStyle(el).font);
    const titleKeys: Partial<Record<ListColumnKey, string>> = {
      name: 'ColumnName',
      tail: 'ColumnApiKey',
      status: 'ColumnStatus',
      expires: 'ExpiresLabel',
      lastUsed: 'ColumnLastUsed',
      permission: 'ColumnPermission',
      created: 'ColumnCreated',
      createdBy: 'ColumnCreatedBy',
      revokedAt: 'ColumnRevokedAt',
      revokedBy: 'ColumnRevokedBy'
    };
    const tooWide: string[] = [];
    for (const file of ['en-us.js', 'fr-fr.js']) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const strings = require(`../../src/components/loc/${file}`) as Record<string, string>;
      for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
        // The condensed layout's Created column holds Date Created and Created By under a shorter title.
        const titles = (Object.keys(titleKeys) as ListColumnKey[])
          .filter((column) => columnWidths(layout, 'en-US')[column])
          .map((column): [ListColumnKey, string] => [column, strings[layout === 'condensed' && column === 'created' ? 'ColumnCreatedMerged' : titleKeys[column]!]]);
        const widths = (await page.evaluate(
          ({ texts, font: f }) => {
            const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
            context.font = f;
            return texts.map((text) => Math.ceil(context.measureText(text).width));
          },
          { texts: titles.map(([, title]) => title), font }
        )) as number[];
        titles.forEach(([column, title], i) => {
          const min = columnWidths(layout, file === 'en-us.js' ? 'en-US' : 'fr-FR')[column]![0];
          // French titles are longer: one may lose its end (its tooltip keeps it) while its own column is sorted.
          const needed = widths[i] + (file === 'en-us.js' ? sortedChrome : chrome);
          if (needed > min) tooWide.push(`${layout} ${file} ${title}: ${needed} > ${min}`);
        });
      }
    }
    expect(tooWide).toEqual([]);
    await page.close();
  });

  for (const [width, layout] of [
    [1366, 'folded'],
    [1280, 'condensed'],
    [1024, 'essential']
  ] as const) {
    test(`${layout}: a revoked key says when and by whom in Status, with the full date in its tooltip`, async () => {
      const page = await adminPage(width);
      await page.waitForSelector(`[data-akm-layout="${layout}"]`);
      const status = page.locator('[data-akm-status="revoked"]').first();
      expect(await status.innerText()).toMatch(/^Revoked [A-Z][a-z]{2} \d{1,2}(, \d{4})? by [A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(await status.getAttribute('title')).toMatch(/^Revoked \w+day, \w+ \d{1,2}, \d{4} at \d{2}:\d{2}:\d{2} [AP]M by /);
      expect(await page.getByRole('columnheader', { name: 'Revocation Date' }).count()).toBe(0);
      await page.close();
    });
  }

  test('condensed: one Created cell reads "Nov 21 by Adele Vance" (full date and e-mail in its tooltip); its header sorts and filters by date', async () => {
    const page = await adminPage(1280);
    await page.waitForSelector('[data-akm-layout="condensed"]');
    expect(await page.getByRole('columnheader', { name: 'Created By' }).count()).toBe(0);
    const cell = rowsNamed(page, 'Quarterly finance').locator('[data-akm-created]');
    expect(await cell.innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})? by Adele Vance$/);
    expect(await cell.getAttribute('title')).toMatch(/^Created \w+day, \w+ \d{1,2}, \d{4} at .* by Adele Vance \(\S+@\S+\)$/);
    await page.getByRole('columnheader').getByRole('button', { name: 'Created', exact: true }).click();
    const menu = page.getByRole('dialog', { name: 'Sort and filter by Date Created' });
    await menu.waitFor();
    // Oldest first: the key created last (in beforeAll) moves from the top of the list.
    expect(await page.locator('[role="row"] [data-akm-name]').first().innerText()).toContain('Quarterly finance');
    await menu.getByRole('button', { name: 'Sort ascending' }).click();
    await page.waitForFunction(() => !document.querySelector('[role="row"] [data-akm-name]')!.textContent!.includes('Quarterly finance'));
    await page.close();
  });

  test('essential: Date Created and Created By are in the details pane, and Filter still sorts and filters by them', async () => {
    const page = await adminPage(1024);
    await page.waitForSelector('[data-akm-layout="essential"]');
    expect(await page.getByRole('columnheader', { name: /Created/ }).count()).toBe(0);
    const names = await page.locator('[role="row"] [data-akm-name]').allInnerTexts();
    expect(names[0]).toContain('Quarterly finance');
    await page.getByRole('menuitem', { name: 'Filter' }).click();
    await page.getByRole('menuitem', { name: 'Filter by Date Created' }).click();
    const dateMenu = page.getByRole('dialog', { name: 'Sort and filter by Date Created' });
    await dateMenu.getByRole('button', { name: 'Sort ascending' }).click();
    await page.waitForFunction(() => !document.querySelector('[role="row"] [data-akm-name]')!.textContent!.includes('Quarterly finance'));
    await page.keyboard.press('Escape');
    await dateMenu.waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: 'Filter' }).click();
    await page.getByRole('menuitem', { name: 'Filter by Created By' }).click();
    const peopleMenu = page.getByRole('dialog', { name: 'Sort and filter by Created By' });
    await peopleMenu.locator('label', { hasText: 'Alex Wilber' }).click();
    await page.getByRole('button', { name: 'Remove filter Created By: Alex Wilber' }).waitFor();
    await page.keyboard.press('Escape');
    await peopleMenu.waitFor({ state: 'detached' });
    const first = page.locator('[role="row"]').filter({ has: page.locator('[data-akm-name]') }).first();
    const name = await first.locator('[data-akm-name]').innerText();
    await first.locator('[data-automation-key="permission"]').click();
    const pane = detailsPane(page, name);
    await pane.waitFor();
    const text = await pane.innerText();
    expect(text).toMatch(/Date Created\s+\w+day, \w+ \d{1,2}, \d{4}/);
    expect(text).toMatch(/Created By\s+Alex Wilber/);
    await page.close();
  });

  test('axe finds nothing at any severity in the essential and condensed layouts, with a folded-away column\'s menu open', async () => {
    for (const [width, query] of [
      [1024, ''],
      [1280, '?lang=fr-fr']
    ] as const) {
      const page = await adminPage(width, query);
      await page.waitForSelector(`[data-akm-layout="${width === 1024 ? 'essential' : 'condensed'}"]`);
      expect(await axeFindings(page)).toEqual([]);
      await page.getByRole('menuitem', { name: query ? 'Filtrer' : 'Filter' }).click();
      await page.getByRole('menuitem', { name: query ? 'Filtrer par Créée par' : 'Filter by Created By' }).click();
      await page.getByRole('dialog', { name: query ? 'Trier et filtrer par Créée par' : 'Sort and filter by Created By' }).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      await page.close();
    }
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
    await rowsNamed(page, name).locator('[data-automation-key="permission"]').click();
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
    const target = rowsNamed(page, 'Quarterly finance');
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
    const page = await adminPage(1366);
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
    expect(await rowsNamed(page, 'Incident key A').locator('[data-akm-status]').innerText()).toBe('Revoked');
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
