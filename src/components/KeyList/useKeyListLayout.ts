import * as React from 'react';
import { layoutForWidth } from './keyListLayout';
import type { KeyListLayout } from './keyColumnWidths';

/**
 * The list's layout for its measured `width` on a page in `locale` (its titles' language sets its columns' widths),
 * remembering the one shown so a few pixels back and forth keep it.
 */
export function useKeyListLayout(width: number, locale: string | undefined): KeyListLayout {
  const shown = React.useRef<KeyListLayout | undefined>(undefined);
  const layout = layoutForWidth(width, shown.current, locale);
  // Only measured widths count: the first, unmeasured render shows 'full' and must not hold the list wide.
  if (width > 0) shown.current = layout;
  return layout;
}
