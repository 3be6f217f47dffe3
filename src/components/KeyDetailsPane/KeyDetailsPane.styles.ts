import { mergeStyleSets } from '@fluentui/react';

export const keyDetailsPaneClassNames = mergeStyleSets({
  actions: { display: 'flex', flexWrap: 'wrap', gap: 4, margin: '4px 0 12px' },
  fields: { display: 'grid', gridTemplateColumns: 'minmax(110px, max-content) 1fr', columnGap: 16, rowGap: 10, margin: 0 },
  term: { fontWeight: 600 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  tail: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
  section: { marginTop: 24 },
  sectionTitle: { margin: '0 0 8px' },
  tampered: { marginBottom: 12 }
});
