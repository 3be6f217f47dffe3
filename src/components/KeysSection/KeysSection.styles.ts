import { mergeStyleSets } from '@fluentui/react';

export const keysSectionClassNames = mergeStyleSets({
  // Commands, then search and count beside them; they wrap under the commands when the width runs out.
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 12, rowGap: 4, margin: '8px 0' },
  commands: { flex: '1 1 480px', minWidth: 0 },
  search: { flex: '0 1 280px', minWidth: 160 },
  count: { whiteSpace: 'nowrap' },
  copied: { margin: '4px 0' },
  empty: { padding: '32px 0', textAlign: 'center' }
});
