import { mergeStyleSets } from '@fluentui/react';
import type { ITheme } from '@fluentui/react';

/** Every row has one height, so the virtualised list computes page heights instead of measuring the DOM. */
export const ROW_HEIGHT = { wide: 42, compact: 62 };

// merge-styles' types predate scrollbar-gutter (Chromium 94, so Edge, Teams and the SharePoint page).
const SCROLLBAR_GUTTER = { scrollbarGutter: 'stable' } as unknown as Record<string, never>;

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

export const keyListClassNames = (theme: ITheme) =>
  mergeStyleSets({
    // The list alone scrolls, both ways; its header stays in view (position: sticky in the DetailsList).
    scroller: {
      position: 'relative',
      overflow: 'auto',
      // Room for the vertical scrollbar from the first render: DetailsList spreads its columns over the width it
      // measures while the first rows load, and does not give back the 17 px a scrollbar takes later, which left
      // the last column 17 px out of view.
      ...SCROLLBAR_GUTTER,
      maxHeight: 'max(320px, calc(100vh - 220px))',
      border: `1px solid ${theme.semanticColors.bodyDivider}`,
      borderRadius: 2
    },
    text: { ...ellipsis, display: 'block' },
    tail: { ...ellipsis, display: 'block', fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
    status: { display: 'flex', alignItems: 'center', gap: 4, minWidth: 0, overflow: 'hidden' },
    statusText: { ...ellipsis, minWidth: 0 },
    revoked: { fontWeight: 600 },
    // The clock icon says "soon" without relying on colour (Fluent's warning text colour is deprecated).
    expiring: { fontWeight: 600 },
    tampered: {
      fontWeight: 600,
      color: theme.semanticColors.errorText,
      selectors: { '@media (forced-colors: active)': { color: 'CanvasText' } }
    },
    statusIcon: { flexShrink: 0 },
    person: { display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 },
    coin: {
      flexShrink: 0,
      width: 24,
      height: 24,
      borderRadius: '50%',
      color: '#ffffff',
      fontSize: 10,
      fontWeight: 600,
      lineHeight: '24px',
      textAlign: 'center'
    },
    personName: { ...ellipsis },
    more: {
      width: 32,
      height: 32,
      margin: '-6px 0',
      border: 'none',
      borderRadius: 2,
      background: 'transparent',
      color: theme.semanticColors.bodyText,
      cursor: 'pointer',
      selectors: {
        ':hover': { background: theme.semanticColors.buttonBackgroundHovered },
        ':active': { background: theme.semanticColors.buttonBackgroundPressed },
        ':focus-visible': { outline: `1px solid ${theme.semanticColors.focusBorder}`, outlineOffset: -1 },
        '@media (forced-colors: active)': { color: 'ButtonText', forcedColorAdjust: 'auto' }
      }
    },
    compact: { display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 },
    compactTop: { display: 'flex', alignItems: 'baseline', gap: 8, minWidth: 0 },
    compactName: { ...ellipsis, fontWeight: 600, flex: '1 1 auto', minWidth: 0 },
    compactStatus: { flexShrink: 0 },
    compactLine: { ...ellipsis, color: theme.semanticColors.bodySubtext, fontSize: 12 }
  });
