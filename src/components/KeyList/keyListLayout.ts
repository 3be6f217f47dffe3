import { LAYOUTS_WIDEST_FIRST, layoutMinWidth } from './keyColumnWidths';
import type { KeyListLayout } from './keyColumnWidths';

/**
 * Below this width a row is one compact cell (Teams' narrowest tab, a phone). Between it and the essential layout's
 * own width (`layoutMinWidth('essential', locale)`) the essential columns stay and the list scrolls sideways inside itself:
 * Expires and Last used as columns are worth a short scroll on a 768 px tab.
 */
export const COMPACT_LAYOUT_BELOW = 600;

/**
 * How much wider than a layout's own width the list must be to move up to it from a narrower one. More than a
 * vertical scrollbar (17 px on Windows): a page scrollbar that comes with one layout and goes with the other
 * must not flip the list between them.
 */
export const LAYOUT_HYSTERESIS = 24;

/**
 * The width from which each layout is chosen on a page in `locale` (moving down; moving up takes
 * `LAYOUT_HYSTERESIS` more). English titles are shorter than French ones, so an English list gets a layout sooner.
 */
export function layoutThreshold(layout: KeyListLayout, locale: string | undefined): number {
  if (layout === 'compact') return 0;
  return layout === 'essential' ? COMPACT_LAYOUT_BELOW : layoutMinWidth(layout, locale);
}

function widestFitting(width: number, margin: number, locale: string | undefined): KeyListLayout {
  return LAYOUTS_WIDEST_FIRST.filter((layout) => width >= layoutThreshold(layout, locale) + (layout === 'compact' ? 0 : margin))[0];
}

/**
 * The layout for a list `width` px wide on a page in `locale`: the widest whose columns fit. `previous` (the layout
 * shown now) makes the choice stable: a list narrows as soon as it must, but widens only with `LAYOUT_HYSTERESIS` px
 * to spare.
 */
export function layoutForWidth(width: number, previous: KeyListLayout | undefined, locale: string | undefined): KeyListLayout {
  // 0 means not measured (no layout engine, or not mounted yet): show everything.
  if (width <= 0) return 'full';
  const fitting = widestFitting(width, 0, locale);
  if (!previous || LAYOUTS_WIDEST_FIRST.indexOf(fitting) >= LAYOUTS_WIDEST_FIRST.indexOf(previous)) return fitting;
  const withRoomToSpare = widestFitting(width, LAYOUT_HYSTERESIS, locale);
  return LAYOUTS_WIDEST_FIRST.indexOf(withRoomToSpare) < LAYOUTS_WIDEST_FIRST.indexOf(previous) ? withRoomToSpare : previous;
}
