import { mergeStyleSets } from '@fluentui/react';

export const bringExpiryForwardDialogClassNames = mergeStyleSets({
  body: { display: 'flex', flexDirection: 'column', gap: 12 }
});
