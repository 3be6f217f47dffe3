import { mergeStyleSets } from '@fluentui/react';

export const apiKeyManagementPageClassNames = mergeStyleSets({
  root: { padding: '16px 20px', minHeight: '100%', boxSizing: 'border-box' },
  header: { marginBottom: 12 },
  title: { margin: '0 0 4px' },
  messages: { display: 'flex', flexDirection: 'column', gap: 8, margin: '8px 0' },
  placeholder: { display: 'flex', flexDirection: 'column', gap: 12, padding: '16px 0' }
});
