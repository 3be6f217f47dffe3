import { mergeStyleSets } from '@fluentui/react';

export const editKeyPanelClassNames = mergeStyleSets({
  form: { display: 'flex', flexDirection: 'column', gap: 16, paddingTop: 8 },
  footer: { display: 'flex', gap: 8 }
});
