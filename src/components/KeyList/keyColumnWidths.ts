import type { KeyColumn } from '../../core';

/**
 * How much of a record a row shows, widest first, by the width the list has:
 * - `full`: all ten columns, dates with their time;
 * - `folded`: Revocation Date and Revoked By folded into Status ("Revoked Nov 22 by Alex Wilber"), dates by the day;
 * - `condensed`: Date Created and Created By in one Created cell too ("Nov 21 by Adele Vance");
 * - `essential`: what an admin works on, Name, key ending, Status, Expires, Last used and Permissions (who created
 *   a key and when is in its details pane, and its filters behind the Filter command);
 * - `compact`: one cell per row (a phone, Teams' narrowest tab), the rest in the details pane.
 */
export type KeyListLayout = 'full' | 'folded' | 'condensed' | 'essential' | 'compact';

/** Widest first: the order a narrowing list gives columns up in. */
export const LAYOUTS_WIDEST_FIRST: readonly KeyListLayout[] = ['full', 'folded', 'condensed', 'essential', 'compact'];

/** A column of the list: the ten key columns and the row's "⋯" menu. */
export type ListColumnKey = KeyColumn | 'actions';

// [min, max] content widths before the titles: each min holds its column's usual value (the 12-character key ending
// after "…", "Nov 22, 2027", "Contrôle total", "21 nov. 2026") in English and French; longer text (a name,
// "Revoked Nov 22 by Alex Wilber") is cut with an ellipsis and keeps its full value in a tooltip. A column whose
// title needs more gets it from `TITLE_WIDTHS`, in the page's language (see `columnWidths`). Name keeps 120 px in the
// folded layout: a list barely wider than its columns need keeps the condensed layout and a wider Name (English at a
// 1,280 px window: condensed with a 277 px Name column, not folded with a 128 px one).
const FULL_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [122, 320],
  actions: [32, 32],
  tail: [100, 130],
  status: [97, 110],
  expires: [154, 180],
  lastUsed: [84, 180],
  permission: [76, 150],
  created: [154, 180],
  createdBy: [84, 200],
  revokedAt: [170, 190],
  revokedBy: [80, 200]
};
const FOLDED_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [120, 260],
  actions: [32, 32],
  tail: [100, 130],
  status: [116, 260],
  expires: [92, 130],
  lastUsed: [84, 170],
  permission: [76, 150],
  created: [92, 160],
  createdBy: [84, 200]
};
// The Created cell holds both: "Nov 21 by Adele Vance" ("21 nov. par Adele Vance"); its header sorts and filters by date.
const CONDENSED_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [100, 260],
  actions: [32, 32],
  tail: [100, 130],
  status: [106, 240],
  expires: [92, 130],
  lastUsed: [84, 170],
  permission: [76, 150],
  created: [150, 220]
};
const ESSENTIAL_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [100, 320],
  actions: [32, 32],
  tail: [100, 130],
  status: [106, 260],
  expires: [92, 130],
  lastUsed: [84, 170],
  permission: [76, 150]
};
const COMPACT_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [200, 2000],
  actions: [32, 32]
};
const VALUE_WIDTHS: Record<KeyListLayout, Partial<Record<ListColumnKey, [number, number]>>> = {
  full: FULL_WIDTHS,
  folded: FOLDED_WIDTHS,
  condensed: CONDENSED_WIDTHS,
  essential: ESSENTIAL_WIDTHS,
  compact: COMPACT_WIDTHS
};

/** The languages the list's titles are written in (src/components/loc). */
export type TitleLanguage = 'en-us' | 'fr-fr';

// Each column title's text width in px, as the header draws it (14 px semibold). Derived once, so it can be derived
// again when a title changes: in Chromium on the workbench (`?lang=fr-fr` for French), for each header
// `ctx.font = getComputedStyle(cell.querySelector('.ms-DetailsHeader-cellName')).font;
// Math.ceil(ctx.measureText(title).width)` on a canvas; tests/e2e/keyList.test.ts measures them the same way and
// fails when a title outgrows its column. Chromium here has no Segoe UI and draws Liberation Sans Bold (Arial's
// metrics), about 5% wider than the Segoe UI Semibold a tenant's SharePoint and Teams load (capsize's average
// widths: 983 vs 937 per 2,048 em units), so a title measured here fits there too. `created` is Date Created;
// `createdMerged` the condensed layout's Created.
export const TITLE_WIDTHS: Record<TitleLanguage, Record<Exclude<ListColumnKey, 'actions'> | 'createdMerged', number>> = {
  'en-us': {
    name: 39,
    tail: 53,
    status: 43,
    expires: 51,
    lastUsed: 66,
    permission: 84,
    created: 87,
    createdMerged: 53,
    createdBy: 74,
    revokedAt: 110,
    revokedBy: 81
  },
  'fr-fr': {
    name: 32,
    tail: 61,
    status: 27,
    expires: 69,
    lastUsed: 127,
    permission: 91,
    created: 109,
    createdMerged: 57,
    createdBy: 65,
    revokedAt: 126,
    revokedBy: 93
  }
};

// What a header takes beside its title's text: the title's paddings and the filter chevron (38 px in Chromium), and
// the sort arrow when its column is the sorted one (16 more). English titles hold the arrow too; French ones are
// longer and may lose their end while their own column is sorted (the header's tooltip keeps the whole title), so
// French columns are not widened for an arrow that shows in one column at a time.
export const TITLE_CHROME = 38;
export const SORT_ARROW = 16;

/**
 * The languages the titles on a page in `locale` may be in: SPFx loads en-us strings for any English culture, and
 * fr-fr for French France; for any other culture (en-us as SPFx's fallback, or fr-fr) the list makes room for both.
 */
export function titleLanguages(locale: string | undefined): TitleLanguage[] {
  if (locale && /^en(-|$)/i.test(locale)) return ['en-us'];
  if (locale && /^fr-fr$/i.test(locale)) return ['fr-fr'];
  return ['en-us', 'fr-fr'];
}

const widthsCache: Partial<Record<string, Partial<Record<ListColumnKey, [number, number]>>>> = {};

/** What a header needs for a column's title in `language`, with its chevron, and in English the sort arrow too. */
function titleNeed(language: TitleLanguage, layout: KeyListLayout, column: ListColumnKey): number {
  if (column === 'actions' || layout === 'compact') return 0;
  const text = TITLE_WIDTHS[language][layout === 'condensed' && column === 'created' ? 'createdMerged' : column];
  return text + TITLE_CHROME + (language === 'en-us' ? SORT_ARROW : 0);
}

/**
 * A layout's columns, [min, max] px, on a page in `locale`: each min holds the column's usual value and its title
 * in the page's language; a max never falls below its min.
 */
export function columnWidths(layout: KeyListLayout, locale: string | undefined): Partial<Record<ListColumnKey, [number, number]>> {
  const languages = titleLanguages(locale);
  const cacheKey = `${layout} ${languages.join(' ')}`;
  const cached = widthsCache[cacheKey];
  if (cached) return cached;
  const widths: Partial<Record<ListColumnKey, [number, number]>> = {};
  const values = VALUE_WIDTHS[layout];
  (Object.keys(values) as ListColumnKey[]).forEach((column) => {
    const [valueMin, max] = values[column]!;
    const min = Math.max(valueMin, ...languages.map((language) => titleNeed(language, layout, column)));
    widths[column] = [min, Math.max(min, max)];
  });
  widthsCache[cacheKey] = widths;
  return widths;
}

// What a row takes besides its columns' content, as Fluent v8's DetailsList lays it out: each cell's padding
// (cellLeftPadding 12 + cellRightPadding 8), the check box column (admins), the list's 1 px border on each side,
// and the list's own vertical scrollbar (17 px on Windows; 0 with overlay scrollbars), which comes and goes with
// the number of rows and must not push the last column out of view.
const CELL_PADDING = 20;
const CHECK_COLUMN = 48;
const LIST_BORDERS = 2;
const LIST_SCROLLBAR = 17;

/** The section width from which a layout's columns all fit at their minimum widths, with nothing to scroll sideways. */
export function layoutMinWidth(layout: KeyListLayout, locale: string | undefined): number {
  const widths = columnWidths(layout, locale);
  const columns = Object.keys(widths).reduce((sum, key) => sum + widths[key as ListColumnKey]![0] + CELL_PADDING, 0);
  return columns + CHECK_COLUMN + LIST_BORDERS + LIST_SCROLLBAR;
}
