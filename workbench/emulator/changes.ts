// The list's change log. Sources:
// - list.getChanges(query) POSTs `.../getchanges` with `{"query":{Add, Update, DeleteObject, Item, ChangeTokenStart}}`
//   (pnp/pnpjs packages/sp/lists/types.ts) and gets SP.ChangeItem entries back, each with its ChangeToken
//   (ChangeQuery.ChangeTokenStart: https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee538679(v=office.14);
//   Change.ChangeToken: https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee544133(v=office.15);
//   a token is "the unique sequential location of a change within the change log":
//   https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee544520(v=office.14)).
// - Change token `1;3;<listId>;<ticks>;<change number>` read from the list's CurrentChangeToken (DESIGN.md, Wire facts).
import { json } from './exchange';
import type { Reply, RequestContext } from './exchange';
import { changeToken, parseChangeToken, SITE_ID, WEB_ID } from './model';
import type { ListState } from './model';
import { ODataError } from './odata';
import { demand } from './permissions';

/** ChangeQuery.FetchLimit's default: at most this many changes an answer. */
const FETCH_LIMIT = 1000;

export function handleGetChanges(ctx: RequestContext, list: ListState): Reply {
  demand(list, ctx, 'read');
  const body = (ctx.body ?? {}) as { query?: Record<string, unknown> };
  const query = body.query ?? {};
  const start = query.ChangeTokenStart as { StringValue?: string } | undefined;
  let after = 0;
  if (start && typeof start.StringValue === 'string') {
    const parsed = parseChangeToken(start.StringValue);
    if (!parsed || parsed.listId.toLowerCase() !== list.id.toLowerCase()) {
      throw new ODataError(400, '-2147024809, System.ArgumentException', 'The change token is not valid for this list.');
    }
    after = parsed.number;
  }
  const wantItems = query.Item === true;
  const wanted = new Set<number>();
  if (query.Add === true) wanted.add(1);
  if (query.Update === true) wanted.add(2);
  if (query.DeleteObject === true) wanted.add(3);
  const value = wantItems
    ? list.changes
        .filter((c) => c.number > after && wanted.has(c.type))
        .slice(0, FETCH_LIMIT)
        .map((c) => ({
          'odata.type': 'SP.ChangeItem',
          'odata.id': `${ctx.site.siteUrl}/_api/SP.ChangeItem${c.number}`,
          ChangeToken: { StringValue: changeToken(list, c.number, c.time) },
          ChangeType: c.type,
          SiteId: SITE_ID,
          Time: c.time,
          ItemId: c.itemId,
          ListId: list.id,
          WebId: WEB_ID
        }))
    : [];
  return json({ value });
}
