import { mergeStyleSets } from '@fluentui/react';

export const generateKeyPanelClassNames = mergeStyleSets({
  form: { display: 'flex', flexDirection: 'column', gap: 16, paddingTop: 8 },
  choiceDescription: { display: 'block', marginLeft: 26, marginTop: 2 },
  key: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
  footer: { display: 'flex', gap: 8 }
});
