/** @jest-environment jsdom */
import * as React from 'react';
import { act, render } from '@testing-library/react';
import type { KeyRecord } from '../../core';
import { fakeRecord } from '../__tests__/FakeKeyStore';
import { PAGE_NOW_TICK_MS, usePageNow } from './usePageNow';

let seen: Date[] = [];
const Probe: React.FC<{ records: KeyRecord[] }> = ({ records }) => {
  seen.push(usePageNow(records));
  return null;
};

beforeEach(() => {
  seen = [];
  jest.useFakeTimers();
  jest.setSystemTime(new Date(Date.UTC(2026, 11, 3, 9, 0)));
});

afterEach(() => jest.useRealTimers());

test("the browser's clock, moved forward when SharePoint stamped a record later than it; a new instant every minute", () => {
  const local = Date.now();
  const { rerender } = render(<Probe records={[fakeRecord(1, { created: new Date(local - 1000) })]} />);
  expect(seen[seen.length - 1].getTime()).toBe(local);
  // A record SharePoint modified 2 minutes "in the future": the browser's clock is at least that far behind.
  rerender(<Probe records={[fakeRecord(1, { created: new Date(local - 1000), modified: new Date(local + 120_000) })]} />);
  expect(seen[seen.length - 1].getTime()).toBe(local + 120_000);
  const before = seen.length;
  act(() => {
    jest.advanceTimersByTime(PAGE_NOW_TICK_MS);
  });
  expect(seen.length).toBeGreaterThan(before);
  expect(seen[seen.length - 1].getTime()).toBe(local + PAGE_NOW_TICK_MS + 120_000);
});
