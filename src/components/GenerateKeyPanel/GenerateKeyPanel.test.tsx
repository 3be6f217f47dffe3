/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FakeKeyStore } from '../__tests__/FakeKeyStore';
import { installBrowserGaps } from '../__tests__/jsdomSetup';
import GenerateKeyPanel from './GenerateKeyPanel';

installBrowserGaps();
jest.setTimeout(20000);

const DAY = 24 * 60 * 60 * 1000;

async function openPanel(store: FakeKeyStore): Promise<void> {
  render(<GenerateKeyPanel store={store} onCreated={() => undefined} onDismiss={() => undefined} />);
  fireEvent.change(await screen.findByRole('textbox', { name: /^Name/ }), { target: { value: 'Nightly export' } });
}

function chooseExpiry(text: string): void {
  fireEvent.click(screen.getByRole('combobox', { name: /^Expires/ }));
  fireEvent.click(screen.getByRole('option', { name: text }));
}

describe('Generate panel: expiry', () => {
  test('never expires by default', async () => {
    const store = new FakeKeyStore([]);
    await openPanel(store);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    expect(store.records[0].expires).toBeUndefined();
  });

  test('"In 30 days" stores an expiry 30 days from Save, and the key view says until when', async () => {
    const store = new FakeKeyStore([]);
    await openPanel(store);
    chooseExpiry('In 30 days');
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    const expires = store.records[0].expires!.getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY);
    expect(document.body.textContent).toContain('It works until');
  });

  test('a date in the past is refused inline, with focus on the day, and nothing is written', async () => {
    const store = new FakeKeyStore([]);
    await openPanel(store);
    chooseExpiry('On a date…');
    const day = screen.getByLabelText(/^Last day the key works/) as HTMLInputElement;
    fireEvent.change(day, { target: { value: '2020-01-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/This day has passed/)).toBeTruthy();
    expect(document.activeElement).toBe(day);
    expect(store.calls.createKey).toBe(0);
  });

  test('a chosen day works through its end, local time', async () => {
    const store = new FakeKeyStore([]);
    await openPanel(store);
    chooseExpiry('On a date…');
    const next = new Date(Date.now() + 40 * DAY);
    const pad = (n: number): string => String(n).padStart(2, '0');
    fireEvent.change(screen.getByLabelText(/^Last day the key works/), { target: { value: `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    expect(store.records[0].expires).toEqual(new Date(next.getFullYear(), next.getMonth(), next.getDate() + 1));
  });

  test("the tenant's default expiry is proposed; the admin may still choose Never", async () => {
    const store = new FakeKeyStore([]);
    store.defaultExpiry = 90;
    await openPanel(store);
    await screen.findByText('In 90 days');
    chooseExpiry('Never');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    expect(store.records[0].expires).toBeUndefined();
  });

  test("saved as proposed, the tenant's default expiry applies", async () => {
    const defaulted = new FakeKeyStore([]);
    defaulted.defaultExpiry = 7;
    await openPanel(defaulted);
    await screen.findByText('In 7 days');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('textbox', { name: 'Your new API key' });
    expect(defaulted.records[0].expires!.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
  });
});
