import { COLUMN_WIDTHS, LAYOUTS_WIDEST_FIRST, layoutMinWidth } from './keyColumnWidths';
import type { KeyListLayout } from './keyColumnWidths';
import { COMPACT_LAYOUT_BELOW, LAYOUT_HYSTERESIS, layoutForWidth, layoutThreshold } from './keyListLayout';

// Section widths (the list's plus its 2 px border) in a Teams tab or personal app at common laptop viewports.
const TAB = { 768: 728, 1024: 984, 1280: 1240, 1366: 1326, 1760: 1720 };

describe('layoutForWidth', () => {
  test('the widest layout whose columns fit: all ten on a desktop, fewer at Teams tab widths, compact on a phone', () => {
    expect(layoutForWidth(TAB[1760])).toBe('full');
    expect(layoutForWidth(TAB[1366])).toBe('folded');
    expect(layoutForWidth(TAB[1280])).toBe('condensed');
    expect(layoutForWidth(TAB[1024])).toBe('essential');
    expect(layoutForWidth(TAB[768])).toBe('essential');
    expect(layoutForWidth(COMPACT_LAYOUT_BELOW)).toBe('essential');
    expect(layoutForWidth(COMPACT_LAYOUT_BELOW - 1)).toBe('compact');
    expect(layoutForWidth(360)).toBe('compact');
  });

  test('each layout from exactly its threshold, the next narrower one a pixel below', () => {
    LAYOUTS_WIDEST_FIRST.slice(0, -1).forEach((layout, i) => {
      expect(layoutForWidth(layoutThreshold(layout))).toBe(layout);
      expect(layoutForWidth(layoutThreshold(layout) - 1)).toBe(LAYOUTS_WIDEST_FIRST[i + 1]);
    });
  });

  test('a layout is chosen only where its columns fit at their minimum widths (above the essential one, nothing scrolls sideways)', () => {
    // Fluent pads each cell by 20 px; the check box column takes 48, the border 2, a vertical scrollbar up to 17.
    const needed = (layout: KeyListLayout): number => Object.values(COLUMN_WIDTHS[layout]).reduce((sum, [min]) => sum + min + 20, 0) + 48 + 2 + 17;
    for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) expect(layoutMinWidth(layout)).toBe(needed(layout));
    for (const layout of ['full', 'folded', 'condensed'] as const) expect(layoutThreshold(layout)).toBeGreaterThanOrEqual(needed(layout));
    // A Teams tab in a 1,024 px window has every essential column without scrolling, even with Windows' 17 px page
    // scrollbar beside it; at 1,366 px, the folded layout's nine.
    expect(needed('essential')).toBeLessThanOrEqual(TAB[1024] - 17);
    expect(needed('condensed')).toBeLessThanOrEqual(TAB[1280] - 17);
    expect(needed('folded')).toBeLessThanOrEqual(TAB[1366] - 17);
    // Thresholds fall as layouts narrow, so "the widest that fits" is well defined.
    const thresholds = LAYOUTS_WIDEST_FIRST.map(layoutThreshold);
    expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
  });

  test('the layouts keep what an admin works on: Name, key ending, Status, Expires, Last used and Permissions until compact', () => {
    for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
      expect(Object.keys(COLUMN_WIDTHS[layout])).toEqual(expect.arrayContaining(['name', 'actions', 'tail', 'status', 'expires', 'lastUsed', 'permission']));
    }
    expect(Object.keys(COLUMN_WIDTHS.folded)).not.toContain('revokedAt');
    expect(Object.keys(COLUMN_WIDTHS.condensed)).not.toContain('createdBy');
    expect(Object.keys(COLUMN_WIDTHS.essential)).not.toContain('created');
  });

  test('an unmeasured width (0) shows everything rather than guessing small', () => {
    expect(layoutForWidth(0)).toBe('full');
    expect(layoutForWidth(0, 'compact')).toBe('full');
  });
});

describe('layoutForWidth with the layout shown now: no flip-flop when a scrollbar comes and goes', () => {
  const SCROLLBAR = 17;

  test('narrows as soon as the columns no longer fit', () => {
    const folded = layoutThreshold('folded');
    expect(layoutForWidth(folded - 1, 'folded')).toBe('condensed');
    expect(layoutForWidth(folded - 1, 'full')).toBe('condensed');
    expect(layoutForWidth(COMPACT_LAYOUT_BELOW - 1, 'essential')).toBe('compact');
  });

  test('widens only with room to spare: a page scrollbar appearing after the widening does not narrow it back', () => {
    for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
      const threshold = layoutThreshold(layout);
      const narrower = LAYOUTS_WIDEST_FIRST[LAYOUTS_WIDEST_FIRST.indexOf(layout) + 1];
      // Just past the threshold, a narrower list stays as it is ...
      expect(layoutForWidth(threshold + LAYOUT_HYSTERESIS - 1, narrower)).toBe(narrower);
      // ... and widens with room to spare, which a scrollbar's width then cannot take back.
      const widened = layoutForWidth(threshold + LAYOUT_HYSTERESIS, narrower);
      expect(widened).toBe(layout);
      expect(layoutForWidth(threshold + LAYOUT_HYSTERESIS - SCROLLBAR, widened)).toBe(layout);
    }
  });

  test('a width oscillating by a scrollbar around a threshold settles on one layout', () => {
    const threshold = layoutThreshold('condensed');
    let shown: KeyListLayout | undefined;
    const seen = new Set<KeyListLayout>();
    for (let i = 0; i < 6; i++) {
      // Narrower with the page scrollbar, wider without it: the width one layout's height brings about.
      const width = i % 2 === 0 ? threshold - 5 : threshold - 5 + SCROLLBAR;
      shown = layoutForWidth(width, shown);
      if (i > 0) seen.add(shown);
    }
    expect([...seen]).toEqual(['essential']);
  });

  test('widening by more than one step at once goes straight to the widest layout with room to spare', () => {
    expect(layoutForWidth(1880, 'compact')).toBe('full');
    expect(layoutForWidth(layoutThreshold('folded') + 10, 'essential')).toBe('condensed');
  });
});
