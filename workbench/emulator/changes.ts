// The list's change log. Sources:
// - list.getChanges(query) POSTs `.../getchanges` with `{"query":{Add, Update, DeleteObject, Restore, SystemUpdate, Item, ChangeTokenStart}}`
//   (pnp/pnpjs packages/sp/lists/types.ts; IChangeQuery in packages/sp/types.ts) and gets SP.ChangeItem entries back,
//   each with its ChangeToken (ChangeQuery.ChangeTokenStart:
//   https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee538679(v=office.14);
//   Change.ChangeToken: https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee544133(v=office.15);
//   a token is "the unique sequential location of a change within the change log":
//   https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee544520(v=office.14)).
// - SP.ChangeType: 1 Add, 2 Update, 3 DeleteObject, 7 Restore ("restored from a backup or from the recycle bin"),
//   15 SystemUpdate ("changes made to an item using the SystemUpdate method"), each returned only when the query asks for it:
//   https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee543793(v=office.14)
// - Change token `1;3;<listId>;<ticks>;<change number>` read from the list's CurrentChangeToken (DESIGN.md, Wire facts).
//   PnPjs's createChangeToken (packages/sp/utils/create-change-token.ts) builds time-only tokens, change number -1:
//   "since that time".
// - The change log keeps a limited time (SharePoint Online: about 60 days); an older token fails with
//   -2130575172 "The changeToken refers to a time before the start of the current change log."
//   (Stefan Gossner, https://blog.stefan-gossner.com/2009/12/04/content-deployment-the-complete-guide-part-7-change-token-basics/;
//   the code and its English text as SharePoint REST clients match them: ChangeTokenErrors.InvalidTimeErrorCode /
//   TP_E_CHANGE_TOKEN_TOO_EARLY in public SharePoint sync code). A token of another list fails with -2130575173
//   "Cannot use the changeToken from one object against a different object".
import { json } from './exchange';
import type { Reply, RequestContext } from './exchange';
import { SITE_ID, WEB_ID } from './model';
import type { ChangeState, ChangeTypeNumber, ListState } from './model';
import { ODataError } from './odata';
import { demand } from './permissions';

/** ChangeQuery.FetchLimit's default: at most this many changes an answer. */
const FETCH_LIMIT = 1000;
const TICKS_AT_EPOCH = BigInt('621355968000000000');
const DAY_MS = 24 * 3600 * 1000;

/** SharePoint Online's change log retention. */
export const DEFAULT_CHANGE_LOG_MAX_AGE_MS = 60 * DAY_MS;

/** How the emulated change log ages; tests shorten it or expire every token at once. */
export interface ChangeLogSettings {
  /** Tokens older than this are refused (default 60 days). */
  maxAgeMs: number;
}

export interface ChangeLogControl extends ChangeLogSettings {
  /** As if the log had been trimmed now: every token issued before this call gets -2130575172. */
  expireTokens(listTitle?: string): void;
}

const QUERY_FLAGS: [string, ChangeTypeNumber][] = [
  ['Add', 1],
  ['Update', 2],
  ['DeleteObject', 3],
  ['Restore', 7],
  ['SystemUpdate', 15]
];

function tokenAt(list: ListState, number: number, atMs: number): string {
  return `1;3;${list.id};${(BigInt(Math.floor(atMs)) * BigInt(10000) + TICKS_AT_EPOCH).toString()};${number}`;
}

function changeAt(change: ChangeState): number {
  return change.at ?? Date.parse(change.time);
}

/** The list's CurrentChangeToken: the position after the last change, stamped now (never before the log's start). */
export function currentChangeToken(list: ListState): string {
  return tokenAt(list, list.changeCounter, Math.max(Date.now(), list.changeLogStartMs ?? 0));
}

/** Marks the log as starting now: what is older is gone. */
export function expireChangeTokens(list: ListState): void {
  list.changeLogStartMs = Date.now() + 1;
}

interface ParsedToken {
  listId: string;
  atMs: number;
  /** -1: a time-only token (changes since atMs). */
  number: number;
}

function parseToken(value: string): ParsedToken | undefined {
  const parts = value.split(';');
  if (parts.length !== 5 || !/^\d+$/.test(parts[3])) return undefined;
  const number = Number(parts[4]);
  if (!Number.isInteger(number) || number < -1) return undefined;
  const atMs = Number((BigInt(parts[3]) - TICKS_AT_EPOCH) / BigInt(10000));
  return { listId: parts[2], atMs, number };
}

export function handleGetChanges(ctx: RequestContext, list: ListState): Reply {
  demand(list, ctx, 'read');
  const body = (ctx.body ?? {}) as { query?: Record<string, unknown> };
  const query = body.query ?? {};
  const start = query.ChangeTokenStart as { StringValue?: string } | undefined;
  let include: (change: ChangeState) => boolean = () => true;
  if (start && typeof start.StringValue === 'string') {
    const parsed = parseToken(start.StringValue);
    if (!parsed) {
      throw new ODataError(400, '-2147024809, System.ArgumentException', 'The change token is not valid for this list.');
    }
    if (parsed.listId.toLowerCase() !== list.id.toLowerCase()) {
      throw new ODataError(500, '-2130575173, Microsoft.SharePoint.SPException', 'Cannot use the changeToken from one object against a different object');
    }
    const maxAgeMs = ctx.site.changeLog?.maxAgeMs ?? DEFAULT_CHANGE_LOG_MAX_AGE_MS;
    const logStart = Math.max(Date.now() - maxAgeMs, list.changeLogStartMs ?? 0);
    if (parsed.atMs < logStart) {
      throw new ODataError(500, '-2130575172, Microsoft.SharePoint.SPException', 'The changeToken refers to a time before the start of the current change log.');
    }
    if (parsed.number === -1) {
      // Change times are kept to the millisecond here; SharePoint's to the tick. Same-moment changes are included.
      include = (c) => changeAt(c) >= parsed.atMs;
    } else {
      include = (c) => c.number > parsed.number;
    }
  }
  const wantItems = query.Item === true;
  const wanted = new Set<number>(QUERY_FLAGS.filter(([flag]) => query[flag] === true).map(([, type]) => type));
  const value = wantItems
    ? list.changes
        .filter((c) => include(c) && wanted.has(c.type))
        .slice(0, FETCH_LIMIT)
        .map((c) => ({
          'odata.type': 'SP.ChangeItem',
          'odata.id': `${ctx.site.siteUrl}/_api/SP.ChangeItem${c.number}`,
          ChangeToken: { StringValue: tokenAt(list, c.number, changeAt(c)) },
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
