// Where a search keystroke's time goes at 10,000 keys: a Chromium CPU profile over the page bench's
// keystrokes, on an unminified build, summed by function (self time) and by source file.
// `npx tsx bench/pageKeystroke.profile.ts`. Prints numbers; never fails on timing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startWorkbench } from '../workbench/server';
import { BUILD_DIR, PAGE_DIR } from '../workbench/page/build';

const ROOT = path.resolve(__dirname, '..');
const KEYSTROKES = ['s', 'a', 'l', 'e', 'Backspace', 'Backspace', 'Backspace', 'Backspace', '1', '2', 'Backspace', 'Backspace'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  // Unminified so the profile names React's and Fluent's functions.
  await build({
    entryPoints: [path.join(PAGE_DIR, 'main.tsx')],
    outfile: path.join(BUILD_DIR, 'main.js'),
    bundle: true,
    minify: false,
    format: 'iife',
    platform: 'browser',
    alias: { ApiKeyManagementStrings: path.join(ROOT, 'src', 'components', 'loc', 'en-us.js') },
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { jsx: 'react', experimentalDecorators: true } },
    logLevel: 'warning'
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akm-page-profile-'));
  const workbench = await startWorkbench({ port: 0, dataFile: path.join(dir, 'emulator.json'), seed: 'empty', reuseBuild: true });
  const browser = await chromium.launch({ executablePath: process.env.AKM_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    workbench.emulator.state.provisionList();
    workbench.emulator.state.bulkInsertKeys(10000, { author: workbench.emulator.users.adele });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'wb_user', value: 'admin-adele', url: workbench.url }]);
    await context.route(/^https?:\/\/(?!localhost)/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(workbench.url);
    await page.locator('[data-akm-count]', { hasText: '10,000 of 10,000 keys' }).waitFor({ timeout: 60000 });
    await page.getByRole('searchbox').first().focus();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    for (const key of KEYSTROKES) {
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + profile.timeDeltas[i] / 1000));
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const node of profile.nodes) {
      const ms = self.get(node.id) || 0;
      const name = node.callFrame.functionName || '(anonymous)';
      if (name === '(idle)' || name === '(program)') continue;
      const where = `${name} @${node.callFrame.lineNumber + 1}`;
      byFunction.set(where, (byFunction.get(where) || 0) + ms);
      const file = node.callFrame.url ? path.basename(node.callFrame.url) : name;
      byFile.set(file, (byFile.get(file) || 0) + ms);
    }
    const top = (map: Map<string, number>, n: number): string =>
      Array.from(map.entries())
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`)
        .join('\n');
    console.log(`profile: self time over ${KEYSTROKES.length} keystrokes at 10,000 keys, by function (line in the unminified bundle):\n${top(byFunction, 30)}`);
    // Who forces layout: the callers of the DOM reads that took time.
    const parent = new Map<number, ProfileNode>();
    profile.nodes.forEach((n) => (n.children || []).forEach((c) => parent.set(c, n)));
    const layoutCallers = new Map<string, number>();
    for (const node of profile.nodes) {
      if (!/^get (client|offset|scroll)|getBoundingClientRect/.test(node.callFrame.functionName)) continue;
      const chain: string[] = [];
      for (let p = parent.get(node.id); p && chain.length < 6; p = parent.get(p.id)) chain.push(`${p.callFrame.functionName || '(anonymous)'}@${p.callFrame.lineNumber + 1}`);
      const key = `${node.callFrame.functionName} ← ${chain.join(' ← ')}`;
      layoutCallers.set(key, (layoutCallers.get(key) || 0) + (self.get(node.id) || 0));
    }
    console.log(`profile: forced layout by caller:\n${top(layoutCallers, 6)}`);
    console.log(`profile: by script:\n${top(byFile, 8)}`);
    await context.close();
  } finally {
    await browser.close();
    await workbench.close();
    fs.rmSync(dir, { recursive: true, force: true });
    // Remove the unminified bundle: a later workbench with reuseBuild (e2e, bench) would serve it as is.
    fs.rmSync(path.join(BUILD_DIR, 'main.js'), { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
