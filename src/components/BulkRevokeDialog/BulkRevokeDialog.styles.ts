import { mergeStyleSets } from '@fluentui/react';

export const bulkRevokeDialogClassNames = mergeStyleSets({
  body: { display: 'flex', flexDirection: 'column', gap: 12 },
  names: { margin: 0, paddingLeft: 20, maxHeight: 180, overflowY: 'auto', overflowWrap: 'anywhere' },
  tail: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, monospace' },
  failures: { margin: '4px 0 0', paddingLeft: 20 }
});
