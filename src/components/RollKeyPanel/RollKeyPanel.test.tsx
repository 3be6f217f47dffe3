/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ThrottledError } from '../../core';
import type { KeyRecord } from '../../core';
import { ALEX, FakeKeyStore, fakeRecord } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import { formatDateTime } from '../keyLabels';
import RollKeyPanel from './RollKeyPanel';

installBrowserGaps();
jest.setTimeout(20000);

const DAY = 24 * 60 * 60 * 1000;

function setup(record: KeyRecord = fakeRecord(5, { name: 'Orders sync', permission: 'FullControl', tail: 'aaaaBBBBcccc' })) {
  const store = new FakeKeyStore([record]);
  const rolled: Array<[KeyRecord, KeyRecord]> = [];
  const onReload = jest.fn();
  const onDismiss = jest.fn();
  render(<RollKeyPanel store={store} record={record} onRolled={(created, old) => rolled.push([created, old])} onReload={onReload} onDismiss={onDismiss} />);
  return { store, rolled, onReload, onDismiss };
}

describe('Roll panel', () => {
  beforeEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: jest.fn().mockResolvedValue(undefined) }, configurable: true });
  });

  test('says what happens, revokes the old key now by default, then shows the new key once with Copy focused', async () => {
    const { store, rolled } = setup();
    expect(screen.getByText(/ends this key \(ending in aaaaBBBBcccc\)/)).toBeTruthy();
    expect(screen.getByText(/keeps the expiry policy this key was generated with/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Revoke the old key now/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    const keyField = (await screen.findByRole('textbox', { name: 'Your new API key' })) as HTMLInputElement;
    expect(keyField.value).toBe(store.issuedKeys[0]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy key' })));
    expect(await screen.findByText('The old key (ending in aaaaBBBBcccc) is revoked.')).toBeTruthy();
    // Rolled by this admin alone: no warning of another replacement.
    expect(screen.queryByText(/also rolled this key/)).toBeNull();
    expect(store.records.find((r) => r.id === 5)).toMatchObject({ status: 'Revoked' });
    expect(rolled).toHaveLength(1);
    expect(rolled[0][0]).toMatchObject({ name: 'Orders sync', permission: 'FullControl', rolledFromId: 5 });
    expect(rolled[0][1]).toMatchObject({ id: 5, status: 'Revoked' });
    // The page is told the record, never the key.
    expect(JSON.stringify(rolled)).not.toContain(store.issuedKeys[0]);
  });

  test('"Keep the old key working" for 3 days: the old key ends 3 days from the roll, as the panel said beforehand', async () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('radio', { name: /Keep the old key working/ }));
    fireEvent.click(screen.getByRole('combobox', { name: /Days the old key keeps working/ }));
    fireEvent.click(screen.getByRole('option', { name: '3 days' }));
    const promised = new Date(Date.now() + 3 * DAY);
    // MessageBar renders its text a moment later (DelayedRender, for screen readers).
    expect(await screen.findByText(/^The old key stops working on/)).toBeTruthy();
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    const old = store.records.find((r) => r.id === 5)!;
    expect(old.status).toBe('Active');
    expect(old.expires!.getTime()).toBeGreaterThanOrEqual(Math.floor((before + 3 * DAY) / 1000) * 1000);
    expect(old.expires!.getTime()).toBeLessThanOrEqual(Date.now() + 3 * DAY);
    expect(Math.abs(old.expires!.getTime() - promised.getTime())).toBeLessThan(60_000);
    expect(await screen.findByText(/The old key \(ending in aaaaBBBBcccc\) keeps working until/)).toBeTruthy();
  });

  test('the 7 choices run from 1 day to 7 days, 7 preselected; an old key expiring sooner keeps its date', async () => {
    setup(fakeRecord(6, { name: 'Short', expires: new Date(Date.now() + 2 * DAY), created: new Date(Date.now() - 5 * DAY) }));
    fireEvent.click(screen.getByRole('radio', { name: /Keep the old key working/ }));
    fireEvent.click(screen.getByRole('combobox', { name: /Days the old key keeps working/ }));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['1 day', '2 days', '3 days', '4 days', '5 days', '6 days', '7 days']);
    expect(screen.getByRole('option', { name: '7 days' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('option', { name: '7 days' }));
    expect(await screen.findByText(/The old key already expires sooner/)).toBeTruthy();
  });

  test('the old key could not be ended: the new key is still shown, with what to do about the old key', async () => {
    const { store } = setup();
    store.failNext('rollEndOldKey', new ThrottledError(30));
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    const keyField = (await screen.findByRole('textbox', { name: 'Your new API key' })) as HTMLInputElement;
    expect(keyField.value).toBe(store.issuedKeys[0]);
    const warning = (await screen.findByText('The new key was made, but the old key still works')).closest('.ms-MessageBar') as HTMLElement;
    expect(warning.textContent).toContain('The new key was made, but the old key still works');
    expect(warning.textContent).toContain('The old key (ending in aaaaBBBBcccc) could not be revoked');
    expect(warning.textContent).toContain('SharePoint asked to wait 30 seconds');
    expect(warning.textContent).toContain('revoke the old key from the list');
    expect(warning.textContent).not.toContain(store.issuedKeys[0]);
    expect(store.records.find((r) => r.id === 5)!.status).toBe('Active');
  });

  test('another admin rolled the same key at the same time: a warning names their replacement, and nothing is revoked for the admin', async () => {
    const old = fakeRecord(5, { name: 'Orders sync', permission: 'FullControl', tail: 'aaaaBBBBcccc' });
    // Alex's roll in flight: his replacement exists, the old key is not ended yet.
    const alexAt = new Date(Date.UTC(2026, 11, 3, 10, 42, 0));
    const alexKey = fakeRecord(6, { name: 'Orders sync', permission: 'FullControl', tail: 'alexALEXalex', rolledFromId: 5, createdBy: ALEX, created: alexAt });
    const store = new FakeKeyStore([old, alexKey]);
    render(<RollKeyPanel store={store} record={old} onRolled={() => undefined} onReload={jest.fn()} onDismiss={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    const warning = (await screen.findByText(/also rolled this key/)).closest('.ms-MessageBar') as HTMLElement;
    expect(warning.querySelector('.ms-MessageBar-innerText')!.textContent).toBe(
      `Alex Wilber also rolled this key on ${formatDateTime(alexAt)}: its replacement (ending in alexALEXalex) is active too. ` +
        "Both are named “Orders sync” in the key list (refresh it to see them): revoke the one you don't use."
    );
    expect(warning.className).toContain('ms-MessageBar--warning');
    // Announced like the panel's other messages (Fluent's MessageBar: a polite live region).
    expect(warning.querySelector('[role="status"][aria-live="polite"]')).not.toBeNull();
    expect(warning.textContent).not.toContain(store.issuedKeys[0]);
    expect(store.records.find((r) => r.id === 6)).toMatchObject({ status: 'Active' });
    expect(store.records.filter((r) => r.rolledFromId === 5 && r.status === 'Active')).toHaveLength(2);
  });

  test('the look-up of other replacements failed: the new key is shown, with where to check', async () => {
    const { store } = setup();
    const roll = store.rollKey.bind(store);
    store.rollKey = async (...args) => ({ ...(await roll(...args)), otherReplacementsUnknown: true });
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    expect(await screen.findByText(/Could not check whether another admin rolled this key at the same time/)).toBeTruthy();
    expect(screen.queryByText(/also rolled this key/)).toBeNull();
  });

  test('someone else changed the key first: nothing is made, the conflict says so and offers Reload', async () => {
    const record = fakeRecord(5, { name: 'Orders sync' });
    const { store, rolled, onReload } = setup(record);
    store.changeBehindTheScenes(5, { name: 'Orders (EU)' });
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    expect(await screen.findByText(/Orders \(EU\)/)).toBeTruthy();
    expect(store.records).toHaveLength(1);
    expect(rolled).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  test('closing before the key was copied asks first', async () => {
    const { onDismiss } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Roll key' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('alertdialog')).toBeTruthy();
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    await waitFor(() => expect(screen.getByText('Copied to the clipboard.')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onDismiss).toHaveBeenCalled();
  });
});
