// The list view threshold as SharePoint Online applies it to a query over a large list. Sources:
// - "Manage large lists and libraries" (https://support.microsoft.com/en-us/office/manage-large-lists-and-libraries-b8588dae-9387-48c2-9248-c24122f07c59):
//   past 5,000 items a query must be served by an index: the first column the filter uses must be indexed and that
//   condition must return fewer items than the list view threshold; later conditions may use unindexed columns.
//   Also https://support.microsoft.com/en-us/office/add-an-index-to-a-list-or-library-column-f3f00554-b7dc-44d1-a2ed-d477eac463b0.
// - Maintainers' answers that say the same from practice: SharePoint/PnP-JS-Core#203 ("filtering large lists ... results
//   after the first condition over the indexed field should be less than throttling to work"), pnp/pnpjs#806, and
//   SharePoint/sp-dev-docs#7149 / pnp/pnpjs#3149 (an indexed column still throttled when its condition is broad).
// - Sorting on an unindexed column forces a scan of the whole list (msdn ff798465 "How Does Indexing Affect Throttling?",
//   quoted in SharePoint/PnP-JS-Core#115), unless the filter already narrowed the rows below the threshold.
// - The answer: HTTP 500 `-2147024860, Microsoft.SharePoint.SPQueryThrottledException` (DESIGN.md, Wire facts).
// Modelled here: the top-level `and` chain is read left to right and its first clause that an index can serve decides;
// an `or` is served only when both sides are; `ne` and `not` never seek an index.
import { evaluateFilter, listThrottled } from './odata';
import type { FilterNode, OrderBy } from './odata';
import type { ItemState } from './model';

/** SharePoint Online's list view threshold (fixed; an administrator cannot raise it in Online). */
export const LIST_VIEW_THRESHOLD = 5000;

export interface ThresholdQuery {
  filter: FilterNode | undefined;
  orderBy: OrderBy[];
  isIndexed(field: string): boolean;
  read(item: ItemState, field: string): unknown;
}

/** How many rows the index behind a clause would return, or undefined when no index can serve it. */
function indexedRows(node: FilterNode, items: ItemState[], query: ThresholdQuery): number | undefined {
  switch (node.kind) {
    case 'compare': {
      if (node.op === 'ne' || !query.isIndexed(node.field)) return undefined;
      let count = 0;
      for (const item of items) if (evaluateFilter(node, (name) => query.read(item, name))) count++;
      return count;
    }
    case 'and':
      // The first clause an index serves is the one SharePoint seeks by; the rest filter its rows.
      return indexedRows(node.left, items, query) ?? indexedRows(node.right, items, query);
    case 'or': {
      const left = indexedRows(node.left, items, query);
      const right = left === undefined ? undefined : indexedRows(node.right, items, query);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case 'not':
      return undefined;
  }
  return undefined;
}

/** Throws SharePoint's throttling answer when the query would scan more than the threshold. */
export function checkListViewThreshold(items: Map<number, ItemState>, query: ThresholdQuery): void {
  if (items.size <= LIST_VIEW_THRESHOLD) return;
  const all = Array.from(items.values());
  const rows = query.filter ? indexedRows(query.filter, all, query) : undefined;
  if (query.filter && (rows === undefined || rows > LIST_VIEW_THRESHOLD)) throw listThrottled();
  const sortsByScan = query.orderBy.some((o) => !query.isIndexed(o.field));
  if (sortsByScan && rows === undefined) throw listThrottled();
}
