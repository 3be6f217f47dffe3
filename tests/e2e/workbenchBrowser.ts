// Shared by the e2e suites: Debian's Chromium through playwright-core, and a workbench per suite on a
// free port with its own data file.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWorkbench } from '../../workbench/server';
import type { Workbench } from '../../workbench/server';

const ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

let built = false;

/**
 * The page bundle, built once per jest process. esbuild's JS API refuses to run inside jest's sandbox
 * (its TextEncoder/Uint8Array realm check fails), so the build runs as its own process.
 */
function buildPageOnce(): void {
  if (built) return;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsx', path.join('workbench', 'page', 'build.ts')], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export interface TestWorkbench {
  workbench: Workbench;
  dataFile: string;
  /** Stops the server and keeps the data file (to start again on it). */
  stop(): Promise<void>;
  /** Stops the server and deletes the data file. */
  close(): Promise<void>;
}

/** A workbench on a free port; on a new temporary data file unless `dataFile` names one to start from. */
export async function startTestWorkbench(seed: 'demo' | 'empty', dataFile?: string): Promise<TestWorkbench> {
  buildPageOnce();
  const file = dataFile || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'akm-e2e-')), 'emulator.json');
  const workbench = await startWorkbench({ port: 0, dataFile: file, seed, reuseBuild: true });
  let running = true;
  const stop = async (): Promise<void> => {
    if (running) await workbench.close();
    running = false;
  };
  return {
    workbench,
    dataFile: file,
    stop,
    async close(): Promise<void> {
      await stop();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.AKM_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  });
}

export type UserToken = 'admin-adele' | 'admin-alex' | 'owner-megan' | 'member-lee';

/** A fresh browser context signed in as `user` (the wb_user cookie), with clipboard access granted. */
export async function signedInContext(browser: Browser, workbench: Workbench, user: UserToken): Promise<BrowserContext> {
  // Wide enough for every column of the list (its full layout needs a 1,644 px list, 1,689 px in a culture without its own titles).
  const context = await browser.newContext({ viewport: { width: 1760, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(10000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workbench.url });
  await context.addCookies([{ name: 'wb_user', value: user, url: workbench.url }]);
  // Offline: never wait on the icon font CDN.
  await context.route(/^https?:\/\/(?!localhost)/, (route) => route.abort());
  return context;
}

/** Opens the page and waits until the keys are shown ("N of M keys") or a state message replaced the list. */
export async function openPage(context: BrowserContext, workbench: Workbench, query: string = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${workbench.url}/${query}`);
  await page.waitForSelector('[data-akm-count]:not(:text("0 of 0 keys")), [data-akm-state]', { timeout: 20000 });
  return page;
}

export function countText(page: Page): Promise<string> {
  return page.locator('[data-akm-count]').innerText();
}

/** The text of every visible row's Name cell. */
export async function visibleNames(page: Page): Promise<string[]> {
  return page.locator('[role="row"] [data-automation-key="name"]').allInnerTexts();
}

/** Polls `condition` until it holds (or fails after `timeoutMs`). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The History entries as read on screen (icon glyphs left out, Intl's narrow spaces as plain spaces). */
export async function historyEntries(pane: ReturnType<Page['locator']>): Promise<string[]> {
  await pane.locator('[data-akm-history="loaded"]').waitFor();
  const texts = await pane.locator('[data-akm-history="loaded"] > li').allInnerTexts();
  return texts.map((t) => t.replace(/[\uE000-\uF8FF]/g, '').replace(/\s+/g, ' ').trim());
}

/** The list's rows for keys whose name holds `name`, in any layout (a roll's replacement shares its old key's name). */
export function rowsNamed(page: Page, name: string): ReturnType<Page['locator']> {
  return page.locator('[role="row"]', { has: page.locator('[data-akm-name]', { hasText: name }) });
}

/** Opens a key's details pane from its row (a click on a cell that is not the name's link). */
export async function openDetailsFrom(page: Page, row: ReturnType<Page['locator']>, name: string): Promise<ReturnType<Page['locator']>> {
  await row.locator('[data-automation-key="permission"]').click();
  const pane = page.locator('.ms-Panel-main', { has: page.getByRole('heading', { name, exact: true }) });
  await pane.waitFor();
  return pane;
}
