import { mergeStyleSets } from '@fluentui/react';

export const keyListClassNames = mergeStyleSets({
  tailCell: { display: 'flex', alignItems: 'center', gap: 4 },
  tail: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
  copyButton: { height: 24, width: 24 },
  revoked: { fontWeight: 600 }
});
