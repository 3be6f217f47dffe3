import { columnWidths, LAYOUTS_WIDEST_FIRST, layoutMinWidth, SORT_ARROW, TITLE_CHROME, TITLE_WIDTHS, titleLanguages } from './keyColumnWidths';
import type { KeyListLayout } from './keyColumnWidths';
import { COMPACT_LAYOUT_BELOW, LAYOUT_HYSTERESIS, layoutForWidth, layoutThreshold } from './keyListLayout';

// Section widths (the list's plus its 2 px border) in a Teams tab or personal app at common laptop viewports.
const TAB = { 768: 728, 1024: 984, 1280: 1240, 1366: 1326, 1760: 1720 };
const EN = 'en-US';
const FR = 'fr-FR';

describe('layoutForWidth', () => {
  test('the widest layout whose columns fit: all ten on a desktop, fewer at Teams tab widths, compact on a phone', () => {
    for (const locale of [EN, FR]) {
      expect(layoutForWidth(TAB[1760], undefined, locale)).toBe('full');
      expect(layoutForWidth(TAB[1366], undefined, locale)).toBe('folded');
      expect(layoutForWidth(TAB[1024], undefined, locale)).toBe('essential');
      expect(layoutForWidth(TAB[768], undefined, locale)).toBe('essential');
      expect(layoutForWidth(COMPACT_LAYOUT_BELOW, undefined, locale)).toBe('essential');
      expect(layoutForWidth(COMPACT_LAYOUT_BELOW - 1, undefined, locale)).toBe('compact');
      expect(layoutForWidth(360, undefined, locale)).toBe('compact');
    }
    // A 1,280 px window keeps Date Created and Created By in one cell, and the room goes to Name.
    expect(layoutForWidth(TAB[1280], undefined, EN)).toBe('condensed');
    expect(layoutForWidth(TAB[1280], undefined, FR)).toBe('condensed');
    // English titles are shorter: a list a little wider gets a layout sooner in English.
    expect(layoutForWidth(1260, undefined, EN)).toBe('folded');
    expect(layoutForWidth(1260, undefined, FR)).toBe('condensed');
    expect(layoutForWidth(1100, undefined, EN)).toBe('condensed');
    expect(layoutForWidth(1100, undefined, FR)).toBe('essential');
  });

  test('each layout from exactly its threshold, the next narrower one a pixel below, in English and French', () => {
    for (const locale of [EN, FR]) {
      LAYOUTS_WIDEST_FIRST.slice(0, -1).forEach((layout, i) => {
        expect(layoutForWidth(layoutThreshold(layout, locale), undefined, locale)).toBe(layout);
        expect(layoutForWidth(layoutThreshold(layout, locale) - 1, undefined, locale)).toBe(LAYOUTS_WIDEST_FIRST[i + 1]);
      });
    }
  });

  test('a layout is chosen only where its columns fit at their minimum widths (above the essential one, nothing scrolls sideways)', () => {
    // In English, French, and any other culture (room for both).
    for (const locale of [EN, FR, 'de-DE']) {
      // Fluent pads each cell by 20 px; the check box column takes 48, the border 2, a vertical scrollbar up to 17.
      const needed = (layout: KeyListLayout): number => Object.values(columnWidths(layout, locale)).reduce((sum, [min]) => sum + min + 20, 0) + 48 + 2 + 17;
      for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) expect(layoutMinWidth(layout, locale)).toBe(needed(layout));
      for (const layout of ['full', 'folded', 'condensed'] as const) expect(layoutThreshold(layout, locale)).toBeGreaterThanOrEqual(needed(layout));
      // A Teams tab in a 1,024 px window has every essential column without scrolling, even with Windows' 17 px page
      // scrollbar beside it; at 1,280 px, the condensed layout's eight; at 1,366 px, the folded layout's nine; at
      // 1,760 px, all ten.
      expect(needed('essential')).toBeLessThanOrEqual(TAB[1024] - 17);
      expect(needed('condensed')).toBeLessThanOrEqual(TAB[1280] - 17);
      expect(needed('folded')).toBeLessThanOrEqual(TAB[1366] - 17);
      expect(needed('full')).toBeLessThanOrEqual(TAB[1760] - 17);
      // Thresholds fall as layouts narrow, so "the widest that fits" is well defined.
      const thresholds = LAYOUTS_WIDEST_FIRST.map((layout) => layoutThreshold(layout, locale));
      expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
    }
  });

  test('every title fits its column with its chevron, and in English with the sort arrow too', () => {
    for (const [locale, chrome] of [
      [EN, TITLE_CHROME + SORT_ARROW],
      [FR, TITLE_CHROME]
    ] as const) {
      const titles = TITLE_WIDTHS[titleLanguages(locale)[0]];
      for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
        const widths = columnWidths(layout, locale);
        for (const column of Object.keys(widths) as Array<keyof typeof widths>) {
          if (column === 'actions') continue;
          const title = titles[layout === 'condensed' && column === 'created' ? 'createdMerged' : column];
          expect(widths[column]![0]).toBeGreaterThanOrEqual(title + chrome);
          expect(widths[column]![1]).toBeGreaterThanOrEqual(widths[column]![0]);
        }
      }
    }
  });

  test('English columns are no wider than English titles need: Last used gives its room back, and Name takes it', () => {
    const [english, french] = [columnWidths('essential', EN), columnWidths('essential', FR)];
    // "Last used" with its arrow and chevron, not "Dernière utilisation".
    expect(english.lastUsed![0]).toBe(TITLE_WIDTHS['en-us'].lastUsed + TITLE_CHROME + SORT_ARROW);
    expect(english.lastUsed![0]).toBeLessThan(french.lastUsed![0] - 40);
    for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
      expect(layoutThreshold(layout, EN)).toBeLessThanOrEqual(layoutThreshold(layout, FR));
    }
    // Fluent's justified mode widens columns from the first, each up to its max: Name, first, can take a 1,024 px
    // window's spare room in English.
    const spare = TAB[1024] - 17 - layoutMinWidth('essential', EN);
    expect(english.name![1] - english.name![0]).toBeGreaterThanOrEqual(spare);
    expect(english.name![0] + spare).toBeGreaterThanOrEqual(150);
  });

  test('the titles\' language from the page\'s locale: English for any English culture, French for fr-FR, room for both elsewhere', () => {
    expect(titleLanguages('en-US')).toEqual(['en-us']);
    expect(titleLanguages('en-gb')).toEqual(['en-us']);
    expect(titleLanguages('en')).toEqual(['en-us']);
    expect(titleLanguages('fr-FR')).toEqual(['fr-fr']);
    // SPFx shows en-us strings (its fallback) or fr-fr ones on these pages: the columns hold either.
    for (const locale of ['fr-CA', 'de-DE', 'enx-XX', undefined]) expect(titleLanguages(locale)).toEqual(['en-us', 'fr-fr']);
    for (const layout of LAYOUTS_WIDEST_FIRST) {
      const [english, french, widest] = [columnWidths(layout, EN), columnWidths(layout, FR), columnWidths(layout, 'de-DE')];
      for (const column of Object.keys(widest) as Array<keyof typeof widest>) {
        expect(widest[column]![0]).toBe(Math.max(english[column]![0], french[column]![0]));
      }
      expect(layoutThreshold(layout, 'de-DE')).toBeGreaterThanOrEqual(Math.max(layoutThreshold(layout, EN), layoutThreshold(layout, FR)));
    }
  });

  test('the layouts keep what an admin works on: Name, key ending, Status, Expires, Last used and Permissions until compact', () => {
    for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
      expect(Object.keys(columnWidths(layout, EN))).toEqual(expect.arrayContaining(['name', 'actions', 'tail', 'status', 'expires', 'lastUsed', 'permission']));
    }
    expect(Object.keys(columnWidths('folded', EN))).not.toContain('revokedAt');
    expect(Object.keys(columnWidths('condensed', EN))).not.toContain('createdBy');
    expect(Object.keys(columnWidths('essential', EN))).not.toContain('created');
  });

  test('an unmeasured width (0) shows everything rather than guessing small', () => {
    expect(layoutForWidth(0, undefined, EN)).toBe('full');
    expect(layoutForWidth(0, 'compact', FR)).toBe('full');
  });
});

describe('layoutForWidth with the layout shown now: no flip-flop when a scrollbar comes and goes', () => {
  const SCROLLBAR = 17;

  test('narrows as soon as the columns no longer fit', () => {
    for (const locale of [EN, FR]) {
      const folded = layoutThreshold('folded', locale);
      expect(layoutForWidth(folded - 1, 'folded', locale)).toBe('condensed');
      expect(layoutForWidth(folded - 1, 'full', locale)).toBe('condensed');
      expect(layoutForWidth(COMPACT_LAYOUT_BELOW - 1, 'essential', locale)).toBe('compact');
    }
  });

  test('widens only with room to spare: a page scrollbar appearing after the widening does not narrow it back', () => {
    for (const locale of [EN, FR]) {
      for (const layout of ['full', 'folded', 'condensed', 'essential'] as const) {
        const threshold = layoutThreshold(layout, locale);
        const narrower = LAYOUTS_WIDEST_FIRST[LAYOUTS_WIDEST_FIRST.indexOf(layout) + 1];
        // Just past the threshold, a narrower list stays as it is ...
        expect(layoutForWidth(threshold + LAYOUT_HYSTERESIS - 1, narrower, locale)).toBe(narrower);
        // ... and widens with room to spare, which a scrollbar's width then cannot take back.
        const widened = layoutForWidth(threshold + LAYOUT_HYSTERESIS, narrower, locale);
        expect(widened).toBe(layout);
        expect(layoutForWidth(threshold + LAYOUT_HYSTERESIS - SCROLLBAR, widened, locale)).toBe(layout);
      }
    }
  });

  test('a width oscillating by a scrollbar around a threshold settles on one layout', () => {
    for (const locale of [EN, FR]) {
      const threshold = layoutThreshold('condensed', locale);
      let shown: KeyListLayout | undefined;
      const seen = new Set<KeyListLayout>();
      for (let i = 0; i < 6; i++) {
        // Narrower with the page scrollbar, wider without it: the width one layout's height brings about.
        const width = i % 2 === 0 ? threshold - 5 : threshold - 5 + SCROLLBAR;
        shown = layoutForWidth(width, shown, locale);
        if (i > 0) seen.add(shown);
      }
      expect([...seen]).toEqual(['essential']);
    }
  });

  test('widening by more than one step at once goes straight to the widest layout with room to spare', () => {
    expect(layoutForWidth(1880, 'compact', EN)).toBe('full');
    expect(layoutForWidth(layoutThreshold('folded', FR) + 10, 'essential', FR)).toBe('condensed');
  });
});
