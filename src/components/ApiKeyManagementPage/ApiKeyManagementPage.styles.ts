import { mergeStyleSets } from '@fluentui/react';

export const apiKeyManagementPageClassNames = mergeStyleSets({
  root: { padding: '16px 20px', minHeight: '100%', boxSizing: 'border-box' },
  header: { marginBottom: 12 },
  title: { margin: '0 0 4px' },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, margin: '8px 0' },
  search: { width: 320, maxWidth: '100%' },
  count: { marginLeft: 'auto' },
  messages: { display: 'flex', flexDirection: 'column', gap: 8, margin: '8px 0' },
  empty: { padding: '32px 0', textAlign: 'center' }
});
