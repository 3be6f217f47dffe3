/** @jest-environment jsdom */
import * as React from 'react';
import { render } from '@testing-library/react';
import type { KeyListLayout } from './keyColumnWidths';
import { LAYOUT_HYSTERESIS, layoutThreshold } from './keyListLayout';
import { useKeyListLayout } from './useKeyListLayout';

let seen: KeyListLayout[] = [];
const Probe: React.FC<{ width: number; locale?: string }> = ({ width, locale = 'en-US' }) => {
  seen.push(useKeyListLayout(width, locale));
  return null;
};

beforeEach(() => {
  seen = [];
});

test('remembers the layout it showed: a page scrollbar coming and going after a widening does not flip it back', () => {
  const condensed = layoutThreshold('condensed', 'en-US');
  const { rerender } = render(<Probe width={condensed - 10} />);
  // Past the threshold by less than the hysteresis: still essential; with room to spare: condensed, and it stays
  // condensed when a 17 px scrollbar then takes some of that room.
  for (const width of [condensed + 5, condensed + LAYOUT_HYSTERESIS, condensed + LAYOUT_HYSTERESIS - 17, condensed + LAYOUT_HYSTERESIS]) rerender(<Probe width={width} />);
  expect(seen).toEqual(['essential', 'essential', 'condensed', 'condensed', 'condensed']);
  rerender(<Probe width={condensed - 1} />);
  expect(seen[seen.length - 1]).toBe('essential');
});

test('the first, unmeasured render shows every column without holding the list wide once measured', () => {
  const { rerender } = render(<Probe width={0} />);
  rerender(<Probe width={layoutThreshold('folded', 'en-US') - 1} />);
  expect(seen).toEqual(['full', 'condensed']);
  // Measured straight at a width: the widest layout that fits, without waiting for room to spare.
  seen = [];
  render(<Probe width={layoutThreshold('folded', 'en-US')} />);
  expect(seen).toEqual(['folded']);
});

test('the page\'s language sets the thresholds: at a width between the English and the French one, English gets the richer layout', () => {
  const width = layoutThreshold('condensed', 'en-US');
  expect(width).toBeLessThan(layoutThreshold('condensed', 'fr-FR'));
  render(<Probe width={width} locale="en-US" />);
  render(<Probe width={width} locale="fr-FR" />);
  expect(seen).toEqual(['condensed', 'essential']);
});
