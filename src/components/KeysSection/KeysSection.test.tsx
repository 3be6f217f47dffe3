/** @jest-environment jsdom */
// The list section as an admin center list: details pane, "⋯" menu, multi-select with Revoke selected,
// the tampered flag, what screen readers hear, and the layouts by width. Through the whole page, on a fake store.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ConflictError } from '../../core';
import type { AdminRoleResult } from '../../data';
import { ALEX, FakeAdminRoleChecker, FakeKeyStore, fakeRecord, MEGAN } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { ApiKeyManagementPage } from '../ApiKeyManagementPage';

installBrowserGaps();
jest.setTimeout(20000);

// CommandBar as plain menu items: jsdom lays nothing out (see fluentWithPlainCommandBar).
jest.mock('@fluentui/react', () => jest.requireActual('../__tests__/fluentWithPlainCommandBar').fluentWithPlainCommandBar());

const TAMPERED_AT = new Date(2026, 10, 23, 9, 30);

function seededStore(): FakeKeyStore {
  return new FakeKeyStore([
    fakeRecord(1, { name: 'Power BI sales', permission: 'ReadOnly' }),
    fakeRecord(2, { name: 'Payroll sync', permission: 'FullControl', createdBy: ALEX }),
    fakeRecord(3, { name: 'Old connector', status: 'Revoked', revokedAt: new Date(2026, 1, 2), revokedBy: MEGAN }),
    fakeRecord(4, {
      name: 'Escalated reader',
      permission: 'FullControl',
      integrity: { reason: 'permission-changed', detail: 'Its permission was changed from Read Only to Full Control.', changedBy: MEGAN, changedAt: TAMPERED_AT }
    })
  ]);
}

function renderPage(store: FakeKeyStore, role: AdminRoleResult = { isGlobalAdmin: true }): void {
  render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker(role)} currentUserName="Adele Vance" />);
}

async function waitForRows(count: number, total: number): Promise<void> {
  await screen.findByText(`${count} of ${total} keys`);
}

function rowFor(name: string): HTMLElement {
  const cell = screen.getAllByText(name).filter((el) => el.closest('[role="row"]'))[0];
  if (!cell) throw new Error(`no row for ${name}`);
  return cell.closest('[role="row"]') as HTMLElement;
}

/** An element's text without Fluent's icon glyphs (icon fonts use the private use area). */
function plain(element: Element): string {
  return (element.textContent || '').replace(/[\uE000-\uF8FF]/g, '');
}

function command(name: RegExp): HTMLButtonElement {
  return screen.getByRole('menuitem', { name }) as HTMLButtonElement;
}

describe('the key list', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: jest.fn().mockResolvedValue(undefined) }, configurable: true });
  });

  test('a tampered key reads "Tampered" with what changed, who and when — never Active — and can still be revoked', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    const row = rowFor('Escalated reader');
    const status = row.querySelector('[data-akm-status]') as HTMLElement;
    expect(plain(status)).toBe('Tampered');
    expect(status.getAttribute('data-akm-status')).toBe('tampered');
    expect(status.title).toMatch(/Its permission was changed from Read Only to Full Control\. Changed by Megan Bowen, .*November 23, 2026/);
    expect(within(row).queryByText('Active')).toBeNull();
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Select key Escalated reader' }));
    await waitFor(() => expect(command(/^Revoke API Key$/).getAttribute('aria-disabled')).toBe('false'));
  });

  test('screen readers: each row\'s select button names its key; headers are named by their titles and say they open a menu', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    for (const name of ['Power BI sales', 'Payroll sync', 'Old connector', 'Escalated reader']) {
      expect(within(rowFor(name)).getByRole('checkbox', { name: `Select key ${name}` })).toBeTruthy();
    }
    expect(screen.getByRole('checkbox', { name: 'Select all keys' })).toBeTruthy();
    for (const title of ['Name', 'API Key', 'Status', 'Permissions', 'Date Created', 'Created By', 'Revocation Date', 'Revoked By']) {
      const header = screen.getByRole('button', { name: title });
      expect(header.getAttribute('aria-haspopup')).toBe('menu');
    }
    // The "⋯" column's header has a name too (no empty header cell).
    const actionsHeader = screen.getAllByRole('columnheader').filter((h) => h.getAttribute('data-item-key') === 'actions')[0];
    expect(actionsHeader.textContent).toBe('Actions');
  });

  test('a click on a row opens its details: every field, what the permission allows, room for history', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    fireEvent.click(within(rowFor('Power BI sales')).getByText('Read Only'));
    const pane = await screen.findByRole('dialog', { name: 'Power BI sales' });
    expect(within(pane).getByText('…tail00000001')).toBeTruthy();
    expect(within(pane).getByText(/May only read: GET, HEAD and OPTIONS requests/)).toBeTruthy();
    expect(within(pane).getByText('Adele Vance (adelev@contoso.onmicrosoft.com)')).toBeTruthy();
    expect(within(pane).getByText('Not revoked')).toBeTruthy();
    expect(within(pane).getByRole('heading', { name: 'History' })).toBeTruthy();
    expect(within(pane).getByRole('button', { name: 'Edit API Key' })).toBeTruthy();
    expect(within(pane).getByRole('button', { name: 'Revoke API Key' })).toBeTruthy();
  });

  test('the details of a tampered key warn, name who changed it and when, and still offer Revoke', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    fireEvent.click(within(rowFor('Escalated reader')).getByText('Full Control'));
    const pane = await screen.findByRole('dialog', { name: 'Escalated reader' });
    expect(within(pane).getByText('This key was changed outside this page')).toBeTruthy();
    expect(within(pane).getByText(/Changed by Megan Bowen, .*November 23, 2026/)).toBeTruthy();
    expect(within(pane).getByText(/May read, create, change and delete: every request method is allowed/)).toBeTruthy();
    fireEvent.click(within(pane).getByRole('button', { name: 'Revoke API Key' }));
    expect(await screen.findByRole('alertdialog')).toBeTruthy();
  });

  test('the "⋯" menu of a row: details, edit, revoke (not for a revoked key), copy key ending', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'More actions for Old connector' }));
    const items = (await screen.findAllByRole('menuitem')).filter((el) => el.closest('.ms-ContextualMenu'));
    expect(items.map(plain)).toEqual(['View details', 'Edit API Key', 'Revoke API Key', 'Roll API Key', 'Bring expiry forward', 'Copy key ending']);
    expect(items[2].getAttribute('aria-disabled')).toBe('true');
    // A revoked key is neither rolled nor given an earlier expiry.
    expect(items[3].getAttribute('aria-disabled')).toBe('true');
    expect(items[4].getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(items[0]);
    expect(await screen.findByRole('dialog', { name: 'Old connector' })).toBeTruthy();
  });

  test('someone who is not an admin gets details and copy only', async () => {
    renderPage(seededStore(), { isGlobalAdmin: false, reason: 'not-assigned' });
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'More actions for Payroll sync' }));
    const items = (await screen.findAllByRole('menuitem')).filter((el) => el.closest('.ms-ContextualMenu'));
    expect(items.map(plain)).toEqual(['View details', 'Copy key ending']);
  });

  test('Revoke selected: one confirmation naming the keys; a partial failure says which were revoked and which not', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(4, 4);
    for (const name of ['Power BI sales', 'Payroll sync', 'Old connector']) {
      fireEvent.click(within(rowFor(name)).getByRole('checkbox', { name: `Select key ${name}` }));
    }
    // The revoked key is left out: two keys to revoke, in the list's order (newest first).
    await waitFor(() => expect(command(/^Revoke selected \(2\)$/).getAttribute('aria-disabled')).toBe('false'));
    expect(command(/^Edit API Key$/).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(command(/^Revoke selected/));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke 2 API keys?' });
    const names = dialog.querySelector('[data-akm-bulk-names]') as HTMLElement;
    expect(Array.from(names.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['Payroll sync (…tail00000002)', 'Power BI sales (…tail00000001)']);
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 2 keys' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'I understand that revoking these keys cannot be undone' }));
    // Someone renamed Payroll sync after the page read it: its revoke is refused, Power BI sales's goes through.
    const payroll = store.records.filter((r) => r.id === 2)[0];
    const original = store.revokeKey.bind(store);
    store.revokeKey = (id, etag) => (id === 2 ? Promise.reject(new ConflictError(2, { ...payroll, name: 'Payroll sync (renamed)', modifiedBy: ALEX })) : original(id, etag));
    fireEvent.click(confirm);
    const result = await within(dialog).findByText(/Revoked 1 of 2 keys\./);
    const message = result.closest('[data-akm-bulk-result]') as HTMLElement;
    expect(message.textContent).toContain('Revoked: Power BI sales.');
    expect(message.textContent).toMatch(/Not revoked:Payroll sync: .*Payroll sync \(renamed\)/);
    expect(store.records.map((r) => [r.id, r.status])).toEqual([
      [1, 'Revoked'],
      [2, 'Active'],
      [3, 'Revoked'],
      [4, 'Active']
    ]);
    // The success shows in the list at once, before the dialog is closed.
    await waitFor(() => expect(within(rowFor('Power BI sales')).getByText('Revoked')).toBeTruthy());
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Close' }).filter((b) => b.textContent === 'Close')[0]);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  test('Revoke selected with every key revoked closes and announces it', async () => {
    const store = seededStore();
    renderPage(store);
    await waitForRows(4, 4);
    for (const name of ['Power BI sales', 'Payroll sync']) {
      fireEvent.click(within(rowFor(name)).getByRole('checkbox', { name: `Select key ${name}` }));
    }
    await waitFor(() => expect(command(/^Revoke selected \(2\)$/).getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(command(/^Revoke selected/));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke 2 API keys?' });
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 2 keys' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(store.records.filter((r) => r.status === 'Revoked').map((r) => r.id)).toEqual([1, 2, 3]);
    expect(store.calls.revokeKey).toBe(2);
  });

  test('the column menu focuses its first option and ticks the current sort', async () => {
    renderPage(seededStore());
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Date Created' }));
    const menu = await screen.findByRole('dialog', { name: 'Sort and filter by Date Created' });
    const ascending = within(menu).getByRole('button', { name: 'Sort ascending' });
    await waitFor(() => expect(document.activeElement).toBe(ascending));
    // Newest first is the default sort: "Sort descending" carries the tick.
    const descending = within(menu).getByRole('button', { name: 'Sort descending' });
    expect(descending.getAttribute('aria-pressed')).toBe('true');
    expect(descending.querySelector('[data-akm-sort-tick]')).not.toBeNull();
    expect(ascending.querySelector('[data-akm-sort-tick]')).toBeNull();
    // The filter's heading follows the page's h1 (no skipped level).
    expect(within(menu).getByRole('heading', { level: 2 })).toBeTruthy();
  });
});

describe('layouts by width', () => {
  let width = 1400;
  beforeAll(() => {
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const w = this.hasAttribute('data-akm-layout') ? width : 0;
      return { width: w, height: 0, top: 0, left: 0, right: w, bottom: 0, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
    });
  });
  afterAll(() => jest.restoreAllMocks());

  test('below the full width, Revocation Date and Revoked By fold into Status: "Revoked Feb 2 by Megan Bowen"', async () => {
    width = 1320;
    renderPage(seededStore());
    await waitForRows(4, 4);
    expect(document.querySelector('[data-akm-layout]')!.getAttribute('data-akm-layout')).toBe('folded');
    expect(screen.queryByRole('button', { name: 'Revocation Date' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoked By' })).toBeNull();
    const status = rowFor('Old connector').querySelector('[data-akm-status]') as HTMLElement;
    expect(status.textContent).toMatch(/^Revoked Feb 2(, 2026)? by Megan Bowen$/);
    expect(status.title).toMatch(/February 2, 2026/);
  });

  test('on a phone-wide tab a row is name, status, key ending and "Created … by …"; the rest is in the details pane', async () => {
    width = 400;
    renderPage(seededStore());
    await waitForRows(4, 4);
    expect(document.querySelector('[data-akm-layout]')!.getAttribute('data-akm-layout')).toBe('compact');
    expect(screen.queryByRole('button', { name: 'Permissions' })).toBeNull();
    const row = rowFor('Payroll sync');
    expect(row.textContent).toMatch(/Payroll sync.*Active.*…tail00000002 · Created Jan 2(, 2026)? by Alex Wilber/);
    fireEvent.click(row.querySelector('[data-akm-tail]') as HTMLElement);
    const pane = await screen.findByRole('dialog', { name: 'Payroll sync' });
    expect(within(pane).getByText('Full Control')).toBeTruthy();
  });
});
