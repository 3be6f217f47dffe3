/** @jest-environment jsdom */
// The Expires and Last used columns through the whole page on a fake store: what their cells read, the 14-day
// flag as screen readers hear it, the quick filters with their chips, Expired in the Status filter, the header's
// freshness note, and Last used in the details pane.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeAdminRoleChecker, FakeKeyStore, fakeRecord } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { ApiKeyManagementPage } from '../ApiKeyManagementPage';

installBrowserGaps();
jest.setTimeout(20000);

// CommandBar as plain menu items: jsdom lays nothing out (see fluentWithPlainCommandBar).
jest.mock('@fluentui/react', () => jest.requireActual('../__tests__/fluentWithPlainCommandBar').fluentWithPlainCommandBar());

const DAY = 24 * 60 * 60 * 1000;

/** Local noon `days` from today: whole calendar days away whatever the hour the test runs at. */
function noon(days: number): Date {
  const today = new Date();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + days, 12, 0);
}

function store(): FakeKeyStore {
  const now = Date.now();
  return new FakeKeyStore([
    fakeRecord(1, { name: 'Used lately', created: new Date(now - 200 * DAY), lastUsed: noon(-3) }),
    fakeRecord(2, { name: 'Nobody uses me', created: new Date(now - 120 * DAY), expires: noon(5) }),
    fakeRecord(3, { name: 'Past its date', created: new Date(now - 150 * DAY), expires: new Date(now - DAY), lastUsed: new Date(now - 100 * DAY) }),
    fakeRecord(4, { name: 'Brand new', created: new Date(now - 60_000) })
  ]);
}

async function waitForRows(count: number, total: number): Promise<void> {
  await screen.findByText(`${count} of ${total} keys`);
}

function rowFor(name: string): HTMLElement {
  const cell = screen.getAllByText(name).filter((el) => el.closest('[role="row"]'))[0];
  return cell.closest('[role="row"]') as HTMLElement;
}

function cell(name: string, column: string): HTMLElement {
  return rowFor(name).querySelector(`[data-automation-key="${column}"]`) as HTMLElement;
}

function plain(element: Element): string {
  return (element.textContent || '').replace(/[\uE000-\uF8FF]/g, '');
}

function shownNames(): string[] {
  return Array.from(document.querySelectorAll('[role="row"] [data-akm-name]')).map((el) => el.textContent || '');
}

describe('when the store could not read the usage list', () => {
  test('a key without a recorded use reads Unknown, not Never; a key with one still shows it', async () => {
    const unread = store();
    unread.usage = 'unavailable';
    render(<ApiKeyManagementPage store={unread} roleChecker={new FakeAdminRoleChecker({ isGlobalAdmin: true })} currentUserName="Adele Vance" />);
    await waitForRows(4, 4);
    expect(plain(cell('Nobody uses me', 'lastUsed'))).toBe('Unknown');
    expect(plain(cell('Used lately', 'lastUsed'))).toBe('3 days ago');
  });
});

describe('on the page', () => {
  beforeEach(() => {
    render(<ApiKeyManagementPage store={store()} roleChecker={new FakeAdminRoleChecker({ isGlobalAdmin: true })} currentUserName="Adele Vance" />);
  });

  test('Last used reads "3 days ago" with the exact time in its tooltip, or Never; Expires reads Never, a date, or how soon with a named flag', async () => {
    await waitForRows(4, 4);
    expect(plain(cell('Used lately', 'lastUsed'))).toBe('3 days ago');
    expect(cell('Used lately', 'lastUsed').querySelector('[title]')!.getAttribute('title')).toMatch(/^Last used \w+day, /);
    expect(plain(cell('Nobody uses me', 'lastUsed'))).toBe('Never');
    expect(plain(cell('Used lately', 'expires'))).toBe('Never');
    // The flag is text and a named icon, not colour: a screen reader hears "Expires soon, in 5 days".
    const soon = cell('Nobody uses me', 'expires');
    expect(within(soon).getByRole('img', { name: 'Expires soon' })).toBeTruthy();
    expect(plain(soon)).toBe('in 5 days');
    expect(plain(cell('Past its date', 'status'))).toBe('Expired');
    expect(within(cell('Past its date', 'expires')).queryByRole('img')).toBeNull();
  });

  test("the Last used header says how fresh the value is, to the eye and to screen readers", async () => {
    await waitForRows(4, 4);
    const header = screen.getByRole('button', { name: 'Last used' });
    const described = document.getElementById(header.getAttribute('aria-describedby') || '');
    expect(described && described.textContent).toMatch(/at most once per key every five minutes/);
    expect(header.closest('[title]')!.getAttribute('title')).toMatch(/^Last used: When a verifier last accepted the key/);
  });

  test('Last used quick filters: "Never used" and "Not used for 90 days" (a key never used counts from its creation), each with its chip', async () => {
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Last used' }));
    const menu = await screen.findByRole('dialog', { name: /Sort and filter by Last used/ });
    fireEvent.click(within(menu).getByRole('button', { name: 'Never used' }));
    await waitForRows(2, 4);
    expect(shownNames().sort()).toEqual(['Brand new', 'Nobody uses me']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Not used for 90 days' }));
    await waitForRows(2, 4);
    expect(shownNames().sort()).toEqual(['Nobody uses me', 'Past its date']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Done' }));
    const chip = await screen.findByRole('button', { name: 'Remove filter Last used: Not used for 90 days' });
    fireEvent.click(chip);
    await waitForRows(4, 4);
  });

  test('sorting by Last used, oldest first, puts the keys never used first', async () => {
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Last used' }));
    const menu = await screen.findByRole('dialog', { name: /Sort and filter by Last used/ });
    fireEvent.click(within(menu).getByRole('button', { name: /Sort ascending/ }));
    await waitFor(() => expect(shownNames()).toEqual(['Nobody uses me', 'Brand new', 'Past its date', 'Used lately']));
  });

  test('Expired is a status of its own in the Status filter; the Expires filter offers the same quick choices', async () => {
    await waitForRows(4, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Status' }));
    let menu = await screen.findByRole('dialog', { name: /Sort and filter by Status/ });
    expect(within(menu).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label') || plain(c.closest('.ms-Checkbox')!))).toEqual(['Active', 'Expired', 'Revoked']);
    fireEvent.click(within(menu).getByRole('checkbox', { name: 'Expired' }));
    await waitForRows(1, 4);
    expect(shownNames()).toEqual(['Past its date']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Clear filter' }));
    await waitForRows(4, 4);
    fireEvent.click(within(menu).getByRole('button', { name: 'Done' }));

    fireEvent.click(screen.getByRole('button', { name: 'Expires' }));
    menu = await screen.findByRole('dialog', { name: /Sort and filter by Expires/ });
    fireEvent.click(within(menu).getByRole('button', { name: 'Expires within 14 days' }));
    await waitForRows(1, 4);
    expect(shownNames()).toEqual(['Nobody uses me']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Never expires' }));
    await waitForRows(2, 4);
    await screen.findByRole('button', { name: 'Remove filter Expires: Never expires' });
  });

  test('the details pane has a Last used row', async () => {
    await waitForRows(4, 4);
    fireEvent.click(cell('Used lately', 'permission'));
    const pane = await screen.findByRole('dialog', { name: 'Used lately' });
    const term = within(pane).getByText('Last used', { selector: 'dt' });
    expect(plain(term.nextElementSibling!)).toMatch(/^\w+day, /);
  });
});

describe('with the usage list unreadable', () => {
  test('keys without a recorded use read Unknown and the Last used menu warns before anyone revokes on it', async () => {
    // The section alone: the page passes usageUnknown from its store's usage state.
    const { default: KeysSection } = await import('../KeysSection/KeysSection');
    const records = await store().listKeys();
    render(
      <KeysSection
        records={records}
        loading={false}
        isAdmin
        usageUnknown
        onGenerate={jest.fn()}
        onEdit={jest.fn()}
        onRevoke={jest.fn()}
        onRevokeMany={jest.fn()}
        onRefresh={jest.fn()}
        loadHistory={() => Promise.resolve([])}
      />
    );
    await waitForRows(4, 4);
    expect(plain(cell('Nobody uses me', 'lastUsed'))).toBe('Unknown');
    expect(plain(cell('Used lately', 'lastUsed'))).toBe('3 days ago');
    fireEvent.click(screen.getByRole('button', { name: 'Last used' }));
    const menu = await screen.findByRole('dialog', { name: /Sort and filter by Last used/ });
    expect(within(menu).getByText(/Last use could not be read/)).toBeTruthy();
  });
});

describe('on a phone-wide tab (compact rows)', () => {
  beforeAll(() => {
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const w = this.hasAttribute('data-akm-layout') ? 400 : 0;
      return { width: w, height: 0, top: 0, left: 0, right: w, bottom: 0, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
    });
  });
  afterAll(() => jest.restoreAllMocks());

  test('the second line says when the key was last used, with the exact time in its tooltip; the expiry flag stays in the status', async () => {
    render(<ApiKeyManagementPage store={store()} roleChecker={new FakeAdminRoleChecker({ isGlobalAdmin: true })} currentUserName="Adele Vance" />);
    await waitForRows(4, 4);
    expect(document.querySelector('[data-akm-layout]')!.getAttribute('data-akm-layout')).toBe('compact');
    const used = rowFor('Used lately').querySelector('[data-akm-compact-last-used]') as HTMLElement;
    expect(used.textContent).toBe('Used 3 days ago');
    expect((used.parentElement as HTMLElement).title).toMatch(/· Last used \w+day, /);
    expect(rowFor('Nobody uses me').querySelector('[data-akm-compact-last-used]')!.textContent).toBe('Never used');
    expect(plain(rowFor('Nobody uses me').querySelector('[data-akm-status]') as HTMLElement)).toMatch(/^Expires /);
  });
});
