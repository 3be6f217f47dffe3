/** @jest-environment jsdom */
// Roll API Key and Bring expiry forward through the whole page, on a fake store: which keys offer them, the new key
// selected after a roll, and both keys linked in their histories.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ALEX, FakeAdminRoleChecker, FakeKeyStore, fakeRecord, MEGAN } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { ApiKeyManagementPage } from '../ApiKeyManagementPage';

installBrowserGaps();
jest.setTimeout(30000);

// CommandBar as plain menu items: jsdom lays nothing out (see fluentWithPlainCommandBar).
jest.mock('@fluentui/react', () => jest.requireActual('../__tests__/fluentWithPlainCommandBar').fluentWithPlainCommandBar());

const DAY = 24 * 60 * 60 * 1000;

function seededStore(): FakeKeyStore {
  return new FakeKeyStore([
    fakeRecord(1, { name: 'Orders sync', permission: 'FullControl', tail: 'aaaaBBBBcccc', expires: new Date(Date.now() + 30 * DAY), created: new Date(Date.now() - DAY) }),
    fakeRecord(2, { name: 'Old connector', status: 'Revoked', revokedAt: new Date(2026, 1, 2), revokedBy: MEGAN }),
    fakeRecord(3, { name: 'Escalated reader', integrity: { reason: 'permission-changed', detail: 'Changed.', changedBy: MEGAN } }),
    fakeRecord(4, { name: 'Lapsed', expires: new Date(Date.now() - DAY), createdBy: ALEX })
  ]);
}

function rowFor(name: string): HTMLElement {
  const cell = screen.getAllByText(name).filter((el) => el.closest('[role="row"]'))[0];
  if (!cell) throw new Error(`no row for ${name}`);
  return cell.closest('[role="row"]') as HTMLElement;
}

const rollCommand = (): HTMLElement => screen.getByRole('menuitem', { name: /^Roll API Key$/ });

function selectOnly(name: string): void {
  fireEvent.click(within(rowFor(name)).getByRole('checkbox', { name: `Select key ${name}` }));
}

describe('Roll API Key from the page', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: jest.fn().mockResolvedValue(undefined) }, configurable: true });
  });

  test('enabled for one Active key only: not for none, a revoked, a tampered or an expired key; absent for readers', async () => {
    const store = seededStore();
    const { unmount } = render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker()} currentUserName="Adele Vance" />);
    await screen.findByText('4 of 4 keys');
    expect(rollCommand().getAttribute('aria-disabled')).toBe('true');
    for (const name of ['Old connector', 'Escalated reader', 'Lapsed']) {
      selectOnly(name);
      await waitFor(() => expect(screen.getByRole('menuitem', { name: /^Edit API Key$/ }).getAttribute('aria-disabled')).toBe('false'));
      expect(rollCommand().getAttribute('aria-disabled')).toBe('true');
      selectOnly(name);
    }
    selectOnly('Orders sync');
    await waitFor(() => expect(rollCommand().getAttribute('aria-disabled')).toBe('false'));
    unmount();
    render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker({ isGlobalAdmin: false, reason: 'not-assigned' })} currentUserName="Nestor Wilke" />);
    await screen.findByText('4 of 4 keys');
    expect(screen.queryByRole('menuitem', { name: /^Roll API Key$/ })).toBeNull();
  });

  test('rolled with a grace period: the new key is listed and selected, and both histories link the two keys', async () => {
    const store = seededStore();
    render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker()} currentUserName="Adele Vance" />);
    await screen.findByText('4 of 4 keys');
    selectOnly('Orders sync');
    await waitFor(() => expect(rollCommand().getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(rollCommand());
    const panel = await screen.findByRole('dialog', { name: 'Roll API key “Orders sync”' });
    fireEvent.click(within(panel).getByRole('radio', { name: /Keep the old key working/ }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Roll key' }));
    await within(panel).findByRole('textbox', { name: 'Your new API key' });
    await screen.findByText('5 of 5 keys');
    const newRecord = store.records.find((r) => r.rolledFromId === 1)!;
    fireEvent.click(within(panel).getByRole('button', { name: 'Copy key' }));
    await within(panel).findByText('Copied to the clipboard.');
    fireEvent.click(within(panel).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Roll API key/ })).toBeNull());
    // The key itself is gone from the page once the panel closes.
    expect(document.body.innerHTML).not.toContain(store.issuedKeys[0]);
    const rows = screen.getAllByText('Orders sync').map((el) => el.closest('[role="row"]') as HTMLElement).filter((r) => !!r);
    const newRow = rows.find((r) => (r.textContent || '').includes(newRecord.tail))!;
    expect(within(newRow).getByRole('checkbox', { name: 'Select key Orders sync' }).getAttribute('aria-checked')).toBe('true');
    const oldRow = rows.find((r) => (r.textContent || '').includes('aaaaBBBBcccc'))!;
    expect(within(oldRow).getByRole('checkbox', { name: 'Select key Orders sync' }).getAttribute('aria-checked')).toBe('false');

    fireEvent.click(within(oldRow).getByText('Full Control'));
    const oldPane = await screen.findByRole('dialog', { name: 'Orders sync' });
    const oldHistory = await within(oldPane).findByRole('list', { name: /History of Orders sync/ });
    expect(within(oldHistory).getByText(new RegExp(`^Rolled to “Orders sync” \\(…${newRecord.tail}\\); this key ends `))).toBeTruthy();
    expect(within(oldHistory).getByText(/^Expiry brought forward from .* to /)).toBeTruthy();
  });

  test('Bring expiry forward from the details pane: the pane shows the new expiry and its history the entry', async () => {
    const store = seededStore();
    render(<ApiKeyManagementPage store={store} roleChecker={new FakeAdminRoleChecker()} currentUserName="Adele Vance" />);
    await screen.findByText('4 of 4 keys');
    fireEvent.click(within(rowFor('Orders sync')).getByText('Full Control'));
    const pane = await screen.findByRole('dialog', { name: 'Orders sync' });
    fireEvent.click(within(pane).getByRole('button', { name: 'Bring expiry forward' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Bring the expiry of “Orders sync” forward' });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'In 7 days' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Bring forward' }));
    await waitFor(() => expect(store.records[0].expires!.getTime()).toBeLessThan(Date.now() + 8 * DAY));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(store.calls.bringExpiryForward).toBe(1);
  });
});
