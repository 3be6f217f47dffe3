import { mergeStyleSets } from '@fluentui/react';

export const revokeKeyDialogClassNames = mergeStyleSets({
  body: { display: 'flex', flexDirection: 'column', gap: 12 }
});
