// Issue 12 point 4 in Chromium against the workbench: Roll API Key with a grace period (in English and in French), the
// new key shown once and gone when the panel closes, the new key selected, both keys linked in their History; and an
// expiry brought forward from the details pane.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SharePointKeyStore } from '../../src/data';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';
import { launchChromium, openDetailsFrom, openPage, rowsNamed, signedInContext, startTestWorkbench } from './workbenchBrowser';
import type { TestWorkbench } from './workbenchBrowser';
import { historyEntries } from './workbenchBrowser';
import { axeFindings } from './axe';

jest.setTimeout(90000);

let bench: TestWorkbench;
let browser: Browser;
let context: BrowserContext;

const DAY = 24 * 60 * 60 * 1000;
const AXED = 'E2E axe roll';
const ENGLISH = 'E2E orders sync';
const FRENCH = 'E2E synchro des commandes';
const SHORTENED = 'E2E quarterly export';
const RACED = 'E2E invoices feed';
const RACED_FR = 'E2E flux des factures';

function adele(): SharePointKeyStore {
  return new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-adele'));
}


function rowWithTail(page: Page, name: string, tail: string): ReturnType<Page['locator']> {
  return rowsNamed(page, name).filter({ hasText: tail });
}


beforeAll(async () => {
  bench = await startTestWorkbench('demo');
  browser = await launchChromium();
  context = await signedInContext(browser, bench.workbench, 'admin-adele');
  await adele().createKey(ENGLISH, 'FullControl', new Date(Date.now() + 30 * DAY));
  await adele().createKey(FRENCH, 'ReadOnly');
  await adele().createKey(SHORTENED, 'ReadOnly', new Date(Date.now() + 90 * DAY));
  await adele().createKey(AXED, 'ReadOnly', new Date(Date.now() + 90 * DAY));
  await adele().createKey(RACED, 'FullControl');
  await adele().createKey(RACED_FR, 'ReadOnly');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bench?.close();
});

/** Rolls the key named `name` from the command bar, keeping the old key for `days`; returns the new key as shown. */
async function rollWithGrace(page: Page, name: string, texts: { select: string; roll: RegExp; grace: RegExp; days: RegExp; dayOption: string; confirm: string; keyLabel: string; copy: string; done: string }): Promise<string> {
  await page.getByRole('checkbox', { name: `${texts.select} ${name}`, exact: true }).click();
  const roll = page.getByRole('menuitem', { name: texts.roll });
  await page.waitForFunction((label) => Array.from(document.querySelectorAll('[role="menuitem"]')).some((el) => el.textContent?.includes(label) && el.getAttribute('aria-disabled') !== 'true'), String(texts.roll.source).replace(/[\\^$]/g, ''));
  await roll.click();
  const panel = page.getByRole('dialog', { name: new RegExp(name) });
  // Fluent's label covers its radio input: click the label, as a user does.
  await panel.locator('label', { hasText: texts.grace }).click();
  expect(await panel.getByRole('radio', { name: texts.grace }).isChecked()).toBe(true);
  await panel.getByRole('combobox', { name: texts.days }).click();
  await page.getByRole('option', { name: texts.dayOption, exact: true }).click();
  await panel.getByRole('button', { name: texts.confirm }).click();
  const keyField = panel.getByRole('textbox', { name: texts.keyLabel });
  await keyField.waitFor();
  const key = await keyField.inputValue();
  expect(key).toMatch(/^akm_/);
  // Copy has the keyboard, as in the Generate panel.
  await panel.getByRole('button', { name: texts.copy }).and(page.locator(':focus')).waitFor({ timeout: 3000 });
  await panel.getByRole('button', { name: texts.copy }).click();
  await panel.getByRole('button', { name: texts.done }).click();
  await panel.waitFor({ state: 'detached' });
  return key;
}

test('English: roll a key keeping the old one 3 days; the new key shown once and selected; both linked in History', async () => {
  const page = await openPage(context, bench.workbench);
  const old = (await adele().listKeys()).find((r) => r.name === ENGLISH)!;
  const before = Date.now();
  const key = await rollWithGrace(page, ENGLISH, {
    select: 'Select key',
    roll: /^Roll API Key$/,
    grace: /^Keep the old key working/,
    days: /^Days the old key keeps working/,
    dayOption: '3 days',
    confirm: 'Roll key',
    keyLabel: 'Your new API key',
    copy: 'Copy key',
    done: 'Done'
  });
  // Never again once the panel is closed: not in the page, not in the list.
  expect(await page.content()).not.toContain(key);

  const stored = await adele().listKeys();
  const replacement = stored.find((r) => r.rolledFromId === old.id)!;
  expect(replacement).toMatchObject({ name: ENGLISH, permission: 'FullControl', status: 'Active' });
  expect(replacement.tail).toBe(key.slice(-12));
  const oldNow = stored.find((r) => r.id === old.id)!;
  expect(oldNow.status).toBe('Active');
  expect(oldNow.expires!.getTime()).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
  expect(oldNow.expires!.getTime()).toBeLessThanOrEqual(Date.now() + 3 * DAY);

  const newRow = rowWithTail(page, ENGLISH, replacement.tail);
  await newRow.waitFor();
  expect(await newRow.getByRole('checkbox', { name: `Select key ${ENGLISH}` }).getAttribute('aria-checked')).toBe('true');
  expect(await rowWithTail(page, ENGLISH, old.tail).getByRole('checkbox', { name: `Select key ${ENGLISH}` }).getAttribute('aria-checked')).toBe('false');

  let pane = await openDetailsFrom(page, rowWithTail(page, ENGLISH, old.tail), ENGLISH);
  const oldEntries = await historyEntries(pane);
  expect(oldEntries[0]).toMatch(/^Expiry brought forward from \w+day, .* to \w+day, .* by Adele Vance · Version 2\.0$/);
  expect(oldEntries[1]).toMatch(new RegExp(`^Rolled to “${ENGLISH}” \\(…${replacement.tail}\\); this key ends \\w+day, .* by Adele Vance$`));
  expect(oldEntries[2]).toMatch(new RegExp(`^Generated as “${ENGLISH}”, Full Control`));
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });

  pane = await openDetailsFrom(page, newRow, ENGLISH);
  const newEntries = await historyEntries(pane);
  expect(newEntries[0]).toMatch(new RegExp(`^Rolled from “${ENGLISH}” \\(…${old.tail}\\) \\w+day, .* by Adele Vance · Version 1\\.0$`));
  expect(newEntries[1]).toMatch(new RegExp(`^Generated as “${ENGLISH}”, Full Control`));
  await page.close();
});

test('French: « Renouveler la clé d’API » with 2 days of grace; the History in French links both keys', async () => {
  const page = await openPage(context, bench.workbench, '?lang=fr-fr');
  const old = (await adele().listKeys()).find((r) => r.name === FRENCH)!;
  await rollWithGrace(page, FRENCH, {
    select: 'Sélectionner la clé',
    roll: /^Renouveler la clé d'API$/,
    grace: /^Laisser l'ancienne clé fonctionner/,
    days: /^Jours de fonctionnement/,
    dayOption: '2 jours',
    confirm: 'Renouveler la clé',
    keyLabel: "Votre nouvelle clé d'API",
    copy: 'Copier la clé',
    done: 'Terminé'
  });
  const replacement = (await adele().listKeys()).find((r) => r.rolledFromId === old.id)!;
  expect(replacement.expires).toBeUndefined();
  const pane = await openDetailsFrom(page, rowWithTail(page, FRENCH, old.tail), FRENCH);
  const entries = await historyEntries(pane);
  expect(entries[0]).toMatch(/^Expiration fixée au .* \(elle n'en avait pas\) .* par Adele Vance · Version 2\.0$/);
  expect(entries[1]).toMatch(new RegExp(`^Renouvelée : remplacée par « ${FRENCH} » \\(…${replacement.tail}\\) ; cette clé prend fin le .* par Adele Vance$`));
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
  const newPane = await openDetailsFrom(page, rowWithTail(page, FRENCH, replacement.tail), FRENCH);
  expect((await historyEntries(newPane))[0]).toMatch(new RegExp(`^Remplace « ${FRENCH} » \\(…${old.tail}\\) après un renouvellement .* par Adele Vance · Version 1\\.0$`));
  await page.close();
});

test('English: bring an expiry forward from the details pane; the pane and History show the earlier date', async () => {
  const page = await openPage(context, bench.workbench);
  const before = (await adele().listKeys()).find((r) => r.name === SHORTENED)!;
  let pane = await openDetailsFrom(page, rowsNamed(page, SHORTENED), SHORTENED);
  await pane.getByRole('button', { name: 'Bring expiry forward' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Bring the expiry of “${SHORTENED}” forward` });
  await dialog.locator('label', { hasText: /^In 7 days$/ }).click();
  await dialog.getByText(/^The key will stop working on/).waitFor();
  await dialog.getByRole('button', { name: 'Bring forward' }).click();
  await dialog.waitFor({ state: 'detached' });
  const after = (await adele().listKeys()).find((r) => r.id === before.id)!;
  expect(after.expires!.getTime()).toBeLessThan(before.expires!.getTime());
  expect(after.expires!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
  expect(after.integrity).toBeUndefined();

  pane = await openDetailsFrom(page, rowsNamed(page, SHORTENED), SHORTENED);
  const full = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric' }).format(after.expires!);
  await pane.locator('[data-akm-details-expires]', { hasText: full }).waitFor();
  expect((await historyEntries(pane))[0]).toMatch(/^Expiry brought forward from \w+day, .* to \w+day, .* by Adele Vance · Version 2\.0$/);
  await page.close();
});

test('axe finds nothing in the Roll panel (form and new key) and the Bring expiry forward dialog, in the light and dark themes', async () => {
  for (const theme of ['', '?theme=dark']) {
    const page = await openPage(context, bench.workbench, theme);
    // The newest key of that name: after the first pass, the replacement (the old one now ends within 7 days).
    const latest = (await adele().listKeys()).filter((r) => r.name === AXED).sort((a, b) => b.id - a.id)[0];
    const menuButton = rowWithTail(page, AXED, latest.tail).getByRole('button', { name: `More actions for ${AXED}` });
    await menuButton.click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Bring expiry forward' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.locator('label', { hasText: /^In 30 days$/ }).click();
    await dialog.getByText(/^The key will stop working on/).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await menuButton.click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Roll API Key' }).click();
    const panel = page.getByRole('dialog', { name: new RegExp(AXED) });
    await panel.locator('label', { hasText: /^Keep the old key working/ }).click();
    await panel.getByText(/^The old key stops working on/).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    if (theme === '') {
      await panel.getByRole('button', { name: 'Roll key' }).click();
      await panel.getByRole('textbox', { name: 'Your new API key' }).waitFor();
      await panel.getByText(/keeps working until/).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      await panel.getByRole('button', { name: 'Copy key' }).click();
      await panel.getByRole('button', { name: 'Done' }).click();
    } else {
      await panel.getByRole('button', { name: 'Cancel' }).click();
    }
    await panel.waitFor({ state: 'detached' });
    await page.close();
  }
});

/**
 * Alex Wilber rolls the key named `name` from Node (revoking it now) at the moment Adele's roll has created its
 * replacement and before it ends the old key: the page's POST that carries RolledFromId is held until Alex's roll is
 * done. Returns Alex's replacement.
 */
async function alexRollsDuring(page: Page, name: string): Promise<{ tail: string; created: Date }> {
  const old = (await adele().listKeys()).find((r) => r.name === name)!;
  let alexKey: { tail: string; created: Date } | undefined;
  await page.route(
    (url) => url.pathname.endsWith('/items'),
    async (route) => {
      const request = route.request();
      if (alexKey || request.method() !== 'POST' || !(request.postData() ?? '').includes('RolledFromId')) {
        await route.fallback();
        return;
      }
      const response = await route.fetch();
      const alex = new SharePointKeyStore(nodeSharePoint(bench.workbench.emulator.siteUrl, 'admin-alex'));
      const rolled = await alex.rollKey(old.id, old.etag, { oldKeyEnds: 'now' });
      alexKey = { tail: rolled.created.record.tail, created: rolled.created.record.created };
      await route.fulfill({ response });
    }
  );
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (alexKey) {
        clearInterval(poll);
        resolve(alexKey);
      } else if (Date.now() - started > 20000) {
        clearInterval(poll);
        reject(new Error("Adele's roll never created its replacement"));
      }
    }, 50);
  });
}

const raceTexts = {
  en: { name: RACED, query: '', select: 'Select key', roll: /^Roll API Key$/, confirm: 'Roll key', keyLabel: 'Your new API key', copy: 'Copy key', done: 'Done', refresh: 'Refresh', warning: /also rolled this key/, alex: 'Alex Wilber also rolled this key on', advice: "revoke the one you don't use", rolledTo: 'Rolled to' },
  fr: { name: RACED_FR, query: '?lang=fr-fr', select: 'Sélectionner la clé', roll: /^Renouveler la clé d'API$/, confirm: 'Renouveler la clé', keyLabel: "Votre nouvelle clé d'API", copy: 'Copier la clé', done: 'Terminé', refresh: 'Actualiser', warning: /a aussi renouvelé cette clé/, alex: 'Alex Wilber a aussi renouvelé cette clé le', advice: "révoquez celle que vous n'utilisez pas", rolledTo: 'Renouvelée : remplacée par' }
};

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: Alex rolls the same key at the same time: Adele's new key view warns of his replacement; after Refresh the list and History show both`, async () => {
    const t = raceTexts[lang];
    const page = await openPage(context, bench.workbench, t.query);
    const old = (await adele().listKeys()).find((r) => r.name === t.name)!;
    await page.getByRole('checkbox', { name: `${t.select} ${t.name}`, exact: true }).click();
    await page.getByRole('menuitem', { name: t.roll }).click();
    const panel = page.getByRole('dialog', { name: new RegExp(t.name) });
    const alexRoll = alexRollsDuring(page, t.name);
    await panel.getByRole('button', { name: t.confirm }).click();
    const alexKey = await alexRoll;
    const key = await panel.getByRole('textbox', { name: t.keyLabel }).inputValue();
    const warning = panel.locator('[data-akm-roll-other-replacements]');
    await warning.getByText(t.warning).waitFor();
    const text = (await warning.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(t.alex);
    expect(text).toContain(alexKey.tail);
    expect(text).toContain(t.advice);
    expect(text).not.toContain(key);
    // Read out like the panel's other messages.
    expect(await warning.evaluate((el) => el.closest('.ms-MessageBar')?.querySelector('[role="status"][aria-live="polite"]')?.textContent)).toContain(t.alex);
    expect(await axeFindings(page)).toEqual([]);
    await panel.getByRole('button', { name: t.copy }).click();
    await panel.getByRole('button', { name: t.done }).click();
    await panel.waitFor({ state: 'detached' });

    // Nothing was revoked for Adele: both replacements are live, the admin decides.
    const replacements = (await adele().listKeys()).filter((r) => r.rolledFromId === old.id);
    expect(replacements.map((r) => [r.tail, r.status]).sort()).toEqual([[alexKey.tail, 'Active'], [key.slice(-12), 'Active']].sort());
    await page.getByRole('menuitem', { name: t.refresh }).click();
    await rowWithTail(page, t.name, alexKey.tail).waitFor();
    await rowWithTail(page, t.name, key.slice(-12)).waitFor();

    const pane = await openDetailsFrom(page, rowWithTail(page, t.name, old.tail), t.name);
    const rolledTo = (await historyEntries(pane)).filter((e) => e.startsWith(t.rolledTo));
    expect(rolledTo).toHaveLength(2);
    expect(rolledTo.some((e) => e.includes(`…${alexKey.tail}`) && e.includes('Alex Wilber'))).toBe(true);
    expect(rolledTo.some((e) => e.includes(`…${key.slice(-12)}`) && e.includes('Adele Vance'))).toBe(true);
    await page.close();
  });
}
