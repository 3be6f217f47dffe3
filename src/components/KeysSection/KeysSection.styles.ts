import { mergeStyleSets } from '@fluentui/react';

export const keysSectionClassNames = mergeStyleSets({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, margin: '8px 0' },
  search: { width: 320, maxWidth: '100%' },
  count: { marginLeft: 'auto' },
  empty: { padding: '32px 0', textAlign: 'center' }
});
