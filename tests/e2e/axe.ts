// One axe-core run for every e2e file, so that each measures the same settled page.
import * as fs from 'fs';
import type { Page } from 'playwright-core';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export interface AxeOptions {
  /** Only inside the first element this selector matches (the whole document when omitted). */
  scope?: string;
  /** Only WCAG 2.0/2.1 A and AA rules at serious or critical impact; otherwise every rule (best practices too) at any severity. */
  wcagSeriousOnly?: boolean;
}

/** axe-core's findings as readable lines ("impact rule: help (targets)"); an empty array when there are none. */
export async function axeFindings(page: Page, options: AxeOptions = {}): Promise<string[]> {
  // A pointer left on a header opens its tooltip after a delay, which could start fading in while axe measures
  // contrast (a blend, not the colours people read): park the pointer where nothing has a tooltip first.
  await page.mouse.move(1, 1);
  await page.waitForTimeout(400);
  // Fluent fades rows and panels in; contrast measured mid-fade is the blend too.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10000 });
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(
    async ({ scope, wcagSeriousOnly }) => {
      const axe = (window as unknown as { axe: { run: (context: Element | Document, options?: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const root = scope ? document.querySelector(scope) : document;
      if (!root) throw new Error(`nothing matches ${scope}`);
      const runOptions = wcagSeriousOnly ? { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } } : undefined;
      return (await axe.run(root, runOptions)).violations;
    },
    { scope: options.scope, wcagSeriousOnly: options.wcagSeriousOnly ?? false }
  )) as AxeViolation[];
  return violations
    .filter((v) => !options.wcagSeriousOnly || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join(', ')})`);
}
