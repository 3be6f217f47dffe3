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

// [min, max] content widths. Each min holds its title with the chevron and the title's paddings (38 px
// in Chromium) in English and French, and with the sort arrow too (54 px) in English; French "Dernière utilisation"
// and "Expiration" are cut, with their tooltip, only while their own column is the sorted one. Each also holds its
// usual value ("…" and the 12-character key ending, "Nov 22, 2027", "Contrôle total"). Longer text (a name,
// "Revoked Nov 22 by Alex Wilber") is cut with an ellipsis and keeps its full value in a tooltip. All checked in
// tests/e2e/keyList.test.ts.
const FULL_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [122, 320],
  actions: [32, 32],
  tail: [116, 130],
  status: [97, 110],
  expires: [154, 180],
  lastUsed: [165, 180],
  permission: [138, 150],
  created: [154, 180],
  createdBy: [130, 200],
  revokedAt: [170, 190],
  revokedBy: [138, 200]
};
const FOLDED_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [100, 220],
  actions: [32, 32],
  tail: [108, 130],
  status: [116, 260],
  expires: [108, 130],
  lastUsed: [166, 170],
  permission: [140, 150],
  created: [148, 160],
  createdBy: [130, 200]
};
// The Created cell holds both: "Nov 21 by Adele Vance" ("21 nov. par Adele Vance"); its header sorts and filters by date.
const CONDENSED_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [100, 220],
  actions: [32, 32],
  tail: [108, 130],
  status: [106, 240],
  expires: [108, 130],
  lastUsed: [166, 170],
  permission: [140, 150],
  created: [150, 220]
};
const ESSENTIAL_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [100, 260],
  actions: [32, 32],
  tail: [108, 130],
  status: [106, 260],
  expires: [108, 130],
  lastUsed: [166, 170],
  permission: [140, 150]
};
const COMPACT_WIDTHS: Partial<Record<ListColumnKey, [number, number]>> = {
  name: [200, 2000],
  actions: [32, 32]
};
/** Each layout's columns, [min, max] px. */
export const COLUMN_WIDTHS: Record<KeyListLayout, Partial<Record<ListColumnKey, [number, number]>>> = {
  full: FULL_WIDTHS,
  folded: FOLDED_WIDTHS,
  condensed: CONDENSED_WIDTHS,
  essential: ESSENTIAL_WIDTHS,
  compact: COMPACT_WIDTHS
};

// What a row takes besides its columns' content, as Fluent v8's DetailsList lays it out: each cell's padding
// (cellLeftPadding 12 + cellRightPadding 8), the check box column (admins), the list's 1 px border on each side,
// and the list's own vertical scrollbar (17 px on Windows; 0 with overlay scrollbars), which comes and goes with
// the number of rows and must not push the last column out of view.
const CELL_PADDING = 20;
const CHECK_COLUMN = 48;
const LIST_BORDERS = 2;
const LIST_SCROLLBAR = 17;

/** The section width from which a layout's columns all fit at their minimum widths, with nothing to scroll sideways. */
export function layoutMinWidth(layout: KeyListLayout): number {
  const widths = COLUMN_WIDTHS[layout];
  const columns = Object.keys(widths).reduce((sum, key) => sum + widths[key as ListColumnKey]![0] + CELL_PADDING, 0);
  return columns + CHECK_COLUMN + LIST_BORDERS + LIST_SCROLLBAR;
}
