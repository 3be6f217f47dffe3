import { mergeStyleSets } from '@fluentui/react';

export const rollKeyPanelClassNames = mergeStyleSets({
  form: { display: 'flex', flexDirection: 'column', gap: 16, paddingTop: 8 },
  choiceDescription: { display: 'block', marginLeft: 26, marginTop: 2 },
  graceDays: { marginLeft: 26, maxWidth: 240 },
  footer: { display: 'flex', flexWrap: 'wrap', gap: 8 }
});
