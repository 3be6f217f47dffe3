import * as React from 'react';
import { layoutForWidth } from './keyListLayout';
import type { KeyListLayout } from './keyColumnWidths';

/** The list's layout for its measured `width`, remembering the one shown so a few pixels back and forth keep it. */
export function useKeyListLayout(width: number): KeyListLayout {
  const shown = React.useRef<KeyListLayout | undefined>(undefined);
  const layout = layoutForWidth(width, shown.current);
  // Only measured widths count: the first, unmeasured render shows 'full' and must not hold the list wide.
  if (width > 0) shown.current = layout;
  return layout;
}
