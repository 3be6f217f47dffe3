import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { KeyUsageReader, KeyUsageSnapshot } from './KeyUsageStore.types';
import { forEachPage } from './itemPages';
import { PAGE_SIZE } from './keyListSchema';
import { hasUsageMarker, USAGE_ITEM_SELECT, USAGE_LIST_TITLE } from './keyUsageSchema';
import { httpStatusOf } from './sharePointErrors';

interface UsageItem {
  Id: number;
  KeyId?: number | null;
  LastUsed?: string | null;
}

export interface SharePointKeyUsageReaderOptions {
  /** Default 'API Key Usage', on the same site as the key list. */
  listTitle?: string;
  /** Told once per reader when the list is missing or unreadable (the page logs it; the key list still shows). */
  onProblem?: (state: 'missing' | 'unavailable' | 'untrusted', error: unknown) => void;
}

/**
 * The page's read of the usage list through PnPjs (the caller's retry behaviors apply): pages of 5,000 with only
 * KeyId and LastUsed. A missing list (404, also what a user without access gets) or any other failure is a state,
 * never an error: last-used is shown when it can be, and the keys always.
 */
export class SharePointKeyUsageReader implements KeyUsageReader {
  private readonly _sp: SPFI;
  private readonly _options: SharePointKeyUsageReaderOptions;
  private _told = false;

  public constructor(sp: SPFI, options: SharePointKeyUsageReaderOptions = {}) {
    this._sp = sp;
    this._options = options;
  }

  public async readAll(): Promise<KeyUsageSnapshot> {
    const lastUsed = new Map<number, Date>();
    const list = this._sp.web.lists.getByTitle(this._options.listTitle || USAGE_LIST_TITLE);
    // Beside the items, not after them: a list someone else made under this title (a team-site member may create
    // lists) is not read, so nobody can show admins made-up times. Who can write it is audited at set-up (checkUsageList).
    const settings = list.select('Description', 'HasUniqueRoleAssignments')<{ Description?: string; HasUniqueRoleAssignments?: boolean }>();
    settings.catch(() => undefined);
    try {
      await forEachPage<UsageItem>(list.items.select(...USAGE_ITEM_SELECT).top(PAGE_SIZE), (page) => {
        for (const item of page) {
          const at = typeof item.LastUsed === 'string' ? new Date(item.LastUsed) : undefined;
          if (typeof item.KeyId !== 'number' || at === undefined || isNaN(at.getTime())) {
            continue;
          }
          const known = lastUsed.get(item.KeyId);
          // Unique KeyId makes two items for one key impossible once provisioned; the maximum wins if not.
          if (known === undefined || known.getTime() < at.getTime()) {
            lastUsed.set(item.KeyId, at);
          }
        }
      });
      const { Description, HasUniqueRoleAssignments } = await settings;
      if (!hasUsageMarker(Description) || HasUniqueRoleAssignments !== true) {
        this._tell('untrusted', undefined);
        return { state: 'untrusted', lastUsed: new Map() };
      }
    } catch (error) {
      const state = httpStatusOf(error) === 404 ? 'missing' : 'unavailable';
      this._tell(state, error);
      return { state, lastUsed: new Map() };
    }
    return { state: 'ok', lastUsed };
  }

  private _tell(state: 'missing' | 'unavailable' | 'untrusted', error: unknown): void {
    if (!this._told && this._options.onProblem) {
      this._told = true;
      this._options.onProblem(state, error);
    }
  }
}
