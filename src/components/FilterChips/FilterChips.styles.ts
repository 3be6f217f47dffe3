import { mergeStyleSets } from '@fluentui/react';
import type { ITheme } from '@fluentui/react';

export const filterChipsClassNames = (theme: ITheme): { root: string; list: string; item: string; chip: string } =>
  mergeStyleSets({
    root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: '8px 0' },
    list: { display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', margin: 0, padding: 0, minWidth: 0, maxWidth: '100%' },
    // A chip naming several people is cut on a narrow tab (its title keeps the whole text), never the page.
    item: { minWidth: 0, maxWidth: '100%' },
    chip: {
      borderRadius: 16,
      height: 28,
      maxWidth: '100%',
      selectors: { '.ms-Button-label': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }, '.ms-Button-flexContainer': { minWidth: 0 } },
      padding: '0 8px 0 12px',
      border: `1px solid ${theme.semanticColors.inputBorder}`,
      background: theme.palette.neutralLighter,
      color: theme.semanticColors.bodyText
    }
  });
