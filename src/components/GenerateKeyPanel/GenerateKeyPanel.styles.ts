import { mergeStyleSets } from '@fluentui/react';

export const generateKeyPanelClassNames = mergeStyleSets({
  form: { display: 'flex', flexDirection: 'column', gap: 16, paddingTop: 8 },
  choiceDescription: { display: 'block', marginLeft: 26, marginTop: 2 },
  key: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
  footer: { display: 'flex', flexWrap: 'wrap', gap: 8 },
  usageTitle: { margin: '8px 0 4px' },
  usage: { display: 'block', marginTop: 4, padding: '6px 8px', fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace', overflowWrap: 'anywhere' }
});
