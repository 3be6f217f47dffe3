// The shipped bundle (dist/, the JavaScript the .sppkg carries, built by `npm run package`) runs in Chromium before any
// tenant: the web part class is constructed and driven through onInit and render as SharePoint does, by a small host
// (workbench/spfx-host) with a fake page context, Teams context and Graph client, against the emulator.
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { teamsThemeFor } from '../../src/components/ApiKeyManagementPage/teamsThemes';
import { TENANT_STORE_SETTING_KEY } from '../../src/core';
import { shippedWebPart, startSpfxHost } from '../../workbench/spfx-host/server';
import type { SpfxHost } from '../../workbench/spfx-host/server';
import { launchChromium, waitUntil } from './workbenchBrowser';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');

interface PageProps {
  locale?: string;
  currentUserName?: string;
  hasTheme: boolean;
  renders: number;
}

let browser: Browser;
let host: SpfxHost;

beforeAll(async () => {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsx', path.join('workbench', 'spfx-host', 'build.ts')], { cwd: ROOT, stdio: 'pipe' });
  browser = await launchChromium();
  host = await startSpfxHost('demo');
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

interface Mounted {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** Requests that left the machine (blocked): what SharePoint's own CDN would serve. */
  external: string[];
}

async function mount(options: { web: string; user: string; teams?: { theme: string; locale: string }; properties?: Record<string, unknown> }): Promise<Mounted> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(15000);
  await context.addCookies([{ name: 'wb_user', value: options.user, url: host.url }]);
  await context.route(/^https?:\/\/(?!localhost)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith(host.url)) external.push(request.url());
  });
  page.on('console', (message) => {
    // A blocked request to a CDN is reported in `external`; every other console error is a defect.
    if (message.type() === 'error' && !/^Failed to load resource: net::ERR_FAILED$/.test(message.text())) errors.push(message.text());
  });
  await page.goto(host.url);
  const shipped = shippedWebPart();
  await page.evaluate(
    (mountOptions) => (window as unknown as { akmHost: { mount(o: unknown): Promise<void> } }).akmHost.mount(mountOptions),
    { ...shipped, webUrl: `${host.url}${options.web}`, userDisplayName: 'Adele Vance', uiCulture: 'en-US', teams: options.teams, properties: options.properties }
  );
  return { page, context, errors, external };
}

/** Hex (#f5f5f5) as getComputedStyle writes it. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function pageProps(page: Page): Promise<PageProps> {
  return page.evaluate(() => (window as unknown as { akmHost: { pageProps(): PageProps } }).akmHost.pageProps());
}

function background(page: Page): Promise<string> {
  return page.locator('main').evaluate((element) => getComputedStyle(element).backgroundColor);
}

describe('the shipped web part, driven as SharePoint drives it', () => {
  it('in a SharePoint page: reads the tenant setting from the current web, builds its services, renders the keys', async () => {
    const { page, context, errors, external } = await mount({ web: '', user: 'admin-adele' });
    try {
      await page.getByText('Power Automate: invoice approvals').waitFor();
      await page.getByRole('menuitem', { name: 'Generate API Key' }).waitFor();
      const props = await pageProps(page);
      expect(props).toMatchObject({ locale: 'en-US', currentUserName: 'Adele Vance' });
      const listId = host.emulator.state.list()!.id;
      const paths = host.emulator.requests.map((r) => r.path);
      expect(paths).toContain(`/_api/web/getStorageEntity('${TENANT_STORE_SETTING_KEY}')`);
      expect(paths).toContain(`/sites/apikeys/_api/web/lists('${listId}')/items`);
      expect(await page.evaluate(() => (window as unknown as { akmHost: { graphRequests(): string[] } }).akmHost.graphRequests())).toEqual([
        '/me/transitiveMemberOf?$select=id,displayName,roleTemplateId'
      ]);
      // The site's theme changes (a site owner picks another one): the page re-renders in it.
      const rendersBefore = (await pageProps(page)).renders;
      await page.evaluate(() =>
        (window as unknown as { akmHost: { siteThemeChanged(theme: unknown): void } }).akmHost.siteThemeChanged({
          palette: { themePrimary: '#8a2da5' },
          semanticColors: { bodyBackground: '#fdf6ff', bodyText: '#201f1e' }
        })
      );
      await waitUntil(async () => (await background(page)) === 'rgb(253, 246, 255)');
      expect((await pageProps(page)).renders).toBeGreaterThan(rendersBefore);
      // Lazily loaded chunks came from dist/ like the rest.
      expect(host.notFound).toEqual([]);
      expect(errors).toEqual([]);
      // Only Fluent's icon fonts, which SharePoint's page serves from its CDN, were asked of the outside.
      expect(external.filter((url) => !/\.woff2?(\?|$)/.test(url))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in a Teams tab: Teams theme and locale, and a theme change re-renders in the new theme', async () => {
    const { page, context, errors } = await mount({ web: '/sites/contoso-team', user: 'admin-adele', teams: { theme: 'dark', locale: 'fr-FR' } });
    try {
      await page.getByText('Power Automate: invoice approvals').waitFor();
      const before = await pageProps(page);
      expect(before).toMatchObject({ locale: 'fr-FR', hasTheme: true });
      const dark = await background(page);
      expect(await page.evaluate(() => (window as unknown as { akmHost: { teamsHandlers(): number } }).akmHost.teamsHandlers())).toBe(1);
      await page.evaluate(() => (window as unknown as { akmHost: { teamsThemeChanged(theme: string): void } }).akmHost.teamsThemeChanged('default'));
      await waitUntil(async () => (await background(page)) !== dark);
      expect((await pageProps(page)).renders).toBeGreaterThan(before.renders);
      expect(await background(page)).toBe(rgb(String(teamsThemeFor('default').semanticColors!.bodyBackground)));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an instance saved with another store (old siteUrl property) shows that instead of working elsewhere', async () => {
    const { page, context } = await mount({ web: '/sites/contoso-team', user: 'admin-adele', properties: { siteUrl: `${host.url}/sites/somewhere-else` } });
    try {
      await page.locator('[data-akm-reason="wrong-store"]').waitFor();
      await page.getByText(/This page was configured for the key store on .*somewhere-else/).waitFor();
      expect(await page.getByText('Power Automate: invoice approvals').count()).toBe(0);
      // Creating a list cannot fix this: no such button.
      expect(await page.getByRole('button', { name: 'Create the list' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('without the tenant setting, in the personal app (root site): a state, and no list created at the root', async () => {
    const saved = host.emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!;
    host.emulator.state.removeStorageEntity(TENANT_STORE_SETTING_KEY);
    const { page, context } = await mount({ web: '', user: 'admin-adele' });
    try {
      await page.locator('[data-akm-reason="tenant-setting"]').waitFor();
      await page.getByText(`the tenant setting ${TENANT_STORE_SETTING_KEY} does not exist`, { exact: false }).waitFor();
      await page.getByText(`Set-SPOStorageEntity -Site "${host.emulator.appCatalogUrl}"`, { exact: false }).waitFor();
      expect(host.emulator.requests.filter((r) => r.path.indexOf('/_api/web/lists') === 0)).toEqual([]);
    } finally {
      await context.close();
      host.emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
    }
  });

  it('a list not pinned yet: the exact command with its id; once an administrator runs it, set-up again shows the keys', async () => {
    const saved = host.emulator.state.storageEntity(TENANT_STORE_SETTING_KEY)!;
    host.emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, JSON.stringify({ siteUrl: host.emulator.siteUrl }));
    host.emulator.state.allowCustomScriptOnAppCatalog(false);
    const { page, context } = await mount({ web: '/sites/contoso-team', user: 'admin-adele' });
    try {
      await page.locator('[data-akm-reason="unpinned"]').waitFor();
      await page.getByText(`"listId":"${host.emulator.state.list()!.id}"`, { exact: false }).waitFor();
      expect(await page.getByText('Power Automate: invoice approvals').count()).toBe(0);
      host.emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
      await page.getByRole('button', { name: 'Create the list' }).click();
      await page.getByText('Power Automate: invoice approvals').waitFor();
    } finally {
      await context.close();
      host.emulator.state.setStorageEntity(TENANT_STORE_SETTING_KEY, saved.Value);
    }
  });
});
