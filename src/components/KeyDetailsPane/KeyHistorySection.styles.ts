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
    tamperedIcon: { paddingTop: 2, color: theme.semanticColors.errorText },
    what: { margin: 0, overflowWrap: 'anywhere' },
    tampered: { color: theme.semanticColors.errorText },
    meta: { margin: '2px 0 0', color: theme.semanticColors.bodySubtext, fontSize: 12 },
    shimmer: { display: 'grid', rowGap: 12, padding: '8px 0' }
  });
