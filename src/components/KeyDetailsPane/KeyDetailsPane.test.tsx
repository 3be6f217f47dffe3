/** @jest-environment jsdom */
// The details pane's History section on a fake store: read when the pane opens (shimmer meanwhile), newest first
// with who and when, tampering as entries of their own, an error with Retry, and read again when the key changes.
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ThrottledError } from '../../core';
import type { KeyRecord } from '../../core';
import { ALEX, FakeKeyStore, fakeRecord, MEGAN } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { setDisplayLocale } from '../keyLabels';
import KeyDetailsPane from './KeyDetailsPane';

installBrowserGaps();
jest.setTimeout(20000);

const CREATED = new Date(Date.UTC(2026, 2, 3, 9, 0, 0));

function renderPane(store: FakeKeyStore, record: KeyRecord): { rerender: (next: KeyRecord) => void } {
  const pane = (shown: KeyRecord): React.ReactElement => (
    <KeyDetailsPane record={shown} isAdmin onEdit={() => undefined} onRevoke={() => undefined} onCopyTail={async () => true} onDismiss={() => undefined} loadHistory={(id) => store.keyHistory(id)} />
  );
  const result = render(pane(record));
  return { rerender: (next) => result.rerender(pane(next)) };
}

// Without the icon glyphs (private use characters); Intl's narrow no-break spaces ("9:30\u202fAM") as plain spaces.
const entries = (): string[] => within(screen.getByRole('list', { name: /^History of / })).getAllByRole('listitem').map((li) => (li.textContent || '').replace(/[\uE000-\uF8FF]/g, '').replace(/\s+/g, ' '));

afterEach(() => setDisplayLocale(undefined));

describe('History in the details pane', () => {
  test('shimmers while the history is read, then lists renamed and revoked above created, each with who and when', async () => {
    const store = new FakeKeyStore([fakeRecord(1, { name: 'Order sync', created: CREATED })], ALEX);
    await store.renameKey(1, 'Order sync (EU)', '"1"');
    const revoked = await store.revokeKey(1, '"2"');
    const release = store.hold('keyHistory');
    renderPane(store, revoked);
    expect(await screen.findByRole('status', { name: 'Reading the history of this key…' })).toBeTruthy();
    expect(store.calls.keyHistory).toBe(1);
    release();
    await screen.findByRole('list', { name: 'History of Order sync (EU), newest first' });
    const [revokedEntry, renamedEntry, createdEntry] = entries();
    expect(revokedEntry).toMatch(/^Revoked.* by Alex Wilber · Version 3\.0$/);
    expect(renamedEntry).toMatch(/^Renamed from “Order sync” to “Order sync \(EU\)”.* by Alex Wilber · Version 2\.0$/);
    expect(createdEntry).toMatch(/^Generated as “Order sync”, Read Only\w+day, March 3, 2026 at \d\d:00:00 [AP]M by Adele Vance · Version 1\.0$/);
    expect(screen.queryByRole('status', { name: 'Reading the history of this key…' })).toBeNull();
  });

  test("a site admin's permission change is a tampered entry of its own, naming him, dated in the page's locale", async () => {
    setDisplayLocale('fr-FR');
    const record = fakeRecord(2, { name: 'Reporting', created: CREATED });
    const store = new FakeKeyStore([record]);
    store.setHistory(2, [
      { kind: 'created', version: 1, name: 'Reporting', permission: 'ReadOnly', at: CREATED, by: ALEX },
      { kind: 'tampered', reason: 'permission-changed', version: 2, from: 'ReadOnly', to: 'FullControl', at: new Date(Date.UTC(2026, 10, 23, 9, 30)), by: MEGAN },
      { kind: 'tampered', reason: 'unreadable-history', version: 5, from: '3', to: '4' }
    ]);
    renderPane(store, record);
    await screen.findByRole('list', { name: /^History of Reporting/ });
    const [gap, tampered] = entries();
    expect(tampered).toMatch(/^Tampered: permission changed from Read Only to Full Control.*lundi 23 novembre 2026.* by Megan Bowen · Version 2\.0$/);
    expect(gap).toBe('Tampered: versions 3.0 to 4.0 were deleted' + 'Not recorded who or when · Version 5.0');
    const items = within(screen.getByRole('list', { name: /^History of Reporting/ })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-akm-history-event'))).toEqual(['tampered:unreadable-history', 'tampered:permission-changed', 'created']);
  });

  test('a failed read says so with Try again, which reads it again', async () => {
    const record = fakeRecord(3, { name: 'Payroll' });
    const store = new FakeKeyStore([record]);
    store.failNext('keyHistory', new ThrottledError(30));
    renderPane(store, record);
    const failure = await screen.findByText('The history could not be read.');
    const bar = failure.closest('[data-akm-history="failed"]') as HTMLElement;
    expect(bar.textContent).toMatch(/30/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('list', { name: /^History of Payroll/ });
    expect(entries()).toHaveLength(1);
    expect(store.calls.keyHistory).toBe(2);
  });

  test('read again when the key changes while the pane is open, not on every render', async () => {
    const record = fakeRecord(4, { name: 'Sync' });
    const store = new FakeKeyStore([record]);
    const pane = renderPane(store, record);
    await screen.findByRole('list', { name: /^History of Sync/ });
    pane.rerender({ ...record });
    expect(store.calls.keyHistory).toBe(1);
    const renamed = await store.renameKey(4, 'Sync 2', '"1"');
    pane.rerender(renamed);
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(store.calls.keyHistory).toBe(2);
  });
});
