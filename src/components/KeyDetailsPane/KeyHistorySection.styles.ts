import { mergeStyleSets } from '@fluentui/react';
import type { ITheme } from '@fluentui/react';

export const keyHistorySectionClassNames = (theme: ITheme) =>
  mergeStyleSets({
    list: { listStyle: 'none', margin: 0, padding: 0 },
    entry: {
      display: 'grid',
      gridTemplateColumns: '20px 1fr',
      columnGap: 8,
      padding: '8px 0',
      borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`,
      selectors: { ':last-child': { borderBottom: 'none' } }
    },
    icon: { paddingTop: 2, color: theme.semanticColors.bodySubtext },
    // errorIcon, not errorText: the Teams themes set the icon colours for their backgrounds (errorText stays light-theme red).
    tamperedIcon: { paddingTop: 2, color: theme.semanticColors.errorIcon, selectors: { '@media (forced-colors: active)': { color: 'CanvasText' } } },
    what: { margin: 0, overflowWrap: 'anywhere' },
    meta: { margin: '2px 0 0', color: theme.semanticColors.bodySubtext, fontSize: 12 },
    shimmer: { display: 'grid', rowGap: 12, padding: '8px 0' }
  });
