import { mergeStyleSets } from '@fluentui/react';

export const columnFilterMenuClassNames = mergeStyleSets({
  callout: { width: 300, maxWidth: '90vw' },
  body: { padding: 12 },
  peopleList: { maxHeight: 240, overflowY: 'auto', marginTop: 8 },
  footer: { marginTop: 12 },
  sortLabel: { flex: '1 1 auto', textAlign: 'left' },
  sortTick: { marginLeft: 12 }
});
