/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { KeyRecord } from '../../core';
import { FakeKeyStore, fakeRecord } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import BringExpiryForwardDialog from './BringExpiryForwardDialog';

installBrowserGaps();
jest.setTimeout(20000);

const DAY = 24 * 60 * 60 * 1000;

function setup(record: KeyRecord) {
  const store = new FakeKeyStore([record]);
  const saved: KeyRecord[] = [];
  const onReload = jest.fn();
  render(<BringExpiryForwardDialog store={store} record={record} onSaved={(r) => saved.push(r)} onReload={onReload} onDismiss={() => undefined} />);
  return { store, saved, onReload };
}

const radio = (name: string | RegExp): HTMLInputElement => screen.getByRole('radio', { name }) as HTMLInputElement;

describe('Bring expiry forward dialog', () => {
  test('offers only what is earlier than the current expiry: 10 days left disables 30 days', () => {
    setup(fakeRecord(1, { name: 'Quarterly', expires: new Date(Date.now() + 10 * DAY) }));
    expect(screen.getByText(/^It expires on /)).toBeTruthy();
    expect(radio('Now').disabled).toBe(false);
    expect(radio('In 1 day').disabled).toBe(false);
    expect(radio('In 7 days').disabled).toBe(false);
    expect(radio('In 30 days').disabled).toBe(true);
  });

  test('"In 7 days" shows the resulting end, then stores it: 7 × 24 h from the click, to the second', async () => {
    const { store, saved } = setup(fakeRecord(1, { name: 'Quarterly', expires: new Date(Date.now() + 90 * DAY) }));
    fireEvent.click(radio('In 7 days'));
    expect(await screen.findByText(/^The key will stop working on /)).toBeTruthy();
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Bring forward' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const expires = store.records[0].expires!.getTime();
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 7 * DAY) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect(saved[0].expires!.getTime()).toBe(expires);
  });

  test('a key without expiry gets one; "Now" warns that it stops at once and ends it now', async () => {
    const { store } = setup(fakeRecord(1, { name: 'Forever' }));
    expect(screen.getByText('It has no expiry now.')).toBeTruthy();
    expect(radio('In 30 days').disabled).toBe(false);
    expect(radio('Now').checked).toBe(true);
    expect(await screen.findByText(/stops working at once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Bring forward' }));
    await waitFor(() => expect(store.records[0].expires).toBeDefined());
    expect(store.records[0].expires!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  test('a day on or after the current expiry is refused inline and nothing is written', async () => {
    const expires = new Date(Date.now() + 3 * DAY);
    const { store } = setup(fakeRecord(1, { name: 'Soon', expires }));
    fireEvent.click(radio(/On a date/));
    const pad = (n: number): string => String(n).padStart(2, '0');
    const later = new Date(expires.getTime() + 2 * DAY);
    fireEvent.change(screen.getByLabelText(/^Last day the key works/), { target: { value: `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}` } });
    expect(await screen.findByText(/Choose a time before the current expiry/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Bring forward' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Bring forward' }));
    expect(store.calls.bringExpiryForward).toBe(0);
  });

  test('someone else brought it forward meanwhile: a conflict with Reload, nothing overwritten', async () => {
    const record = fakeRecord(1, { name: 'Raced', expires: new Date(Date.now() + 90 * DAY) });
    const { store, onReload } = setup(record);
    const theirs = new Date(Date.now() + 2 * DAY);
    store.changeBehindTheScenes(1, { expires: theirs });
    fireEvent.click(radio('In 7 days'));
    fireEvent.click(screen.getByRole('button', { name: 'Bring forward' }));
    expect(await screen.findByText('Someone else changed this key')).toBeTruthy();
    expect(store.records[0].expires).toEqual(theirs);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });
});
