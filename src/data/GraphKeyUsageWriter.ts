import '@pnp/sp/webs';
import '@pnp/sp/sites';
import '@pnp/sp/lists';
import type { SPFI } from '@pnp/sp';
import type { KeyUse, KeyUsageWriteResult, KeyUsageWriter } from './KeyUsageStore.types';
import { UsageListMissingError } from './KeyUsageStore.types';
import { USAGE_LIST_TITLE } from './keyUsageSchema';
import { httpStatusOf } from './sharePointErrors';

// The verifier writes the usage list through Microsoft Graph, not SharePoint REST: list-level app grants exist for
// Graph's Lists.SelectedOperations.Selected scope (https://learn.microsoft.com/en-us/graph/permissions-selected-overview:
// consent the scope, `POST /sites/{siteId}/lists/{listId}/permissions` with role "write" (v1.0:
// https://learn.microsoft.com/en-us/graph/api/list-post-permissions?view=graph-rest-1.0), a token carrying the scope),
// and no source shows SharePoint's own REST resource honouring that scope. The app keeps Sites.Selected read on the
// site for SharePoint REST, so write access exists on this one list only.
// Endpoints: list items with fields (https://learn.microsoft.com/en-us/graph/api/listitem-list?view=graph-rest-1.0),
// create (listitem-create: POST .../items {"fields":{...}}), update fields with If-Match
// (listitem-update: PATCH .../items/{id}/fields; a stale eTag answers 412 and changes nothing). Throttling: 429/503
// with Retry-After in seconds (https://learn.microsoft.com/en-us/graph/throttling).

export interface UsageListLocation {
  /** Graph's composite site id: `{hostname},{site collection id},{web id}`. */
  siteId: string;
  listId: string;
}

export interface GraphKeyUsageWriterOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (the emulator's graphUrl in the workbench). */
  graphUrl: string;
  /** Where the usage list is; resolved once (the verifier reads it through SharePoint REST). Rejects with UsageListMissingError when missing. */
  locate: () => Promise<UsageListLocation>;
  /** An app-only token for https://graph.microsoft.com/.default. */
  token: () => Promise<string>;
  /** Attempts per request on 429, 503, 504 or a network error, honouring Retry-After. Default 3. */
  maxAttempts?: number;
  /** Writes sent at once. Default 4. */
  concurrency?: number;
  /** Waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

interface KnownItem {
  itemId: string;
  etag: string | undefined;
  lastUsed: number;
}

interface GraphListItem {
  id?: string;
  eTag?: string;
  fields?: { KeyId?: number; LastUsed?: string; '@odata.etag'?: string };
}

class GraphHttpError extends Error {
  public constructor(public readonly status: number, message: string) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

const RETRIED = new Set([429, 503, 504]);

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** KeyUsageWriter over Microsoft Graph: one item per key, created once, then its LastUsed updated with If-Match. */
export class GraphKeyUsageWriter implements KeyUsageWriter {
  private readonly _options: GraphKeyUsageWriterOptions;
  private _location: UsageListLocation | undefined;
  private _known: Map<number, KnownItem> | undefined;

  public constructor(options: GraphKeyUsageWriterOptions) {
    this._options = options;
  }

  public async recordUse(uses: KeyUse[]): Promise<KeyUsageWriteResult> {
    const result: KeyUsageWriteResult = { written: 0, failed: [], skipped: 0 };
    if (uses.length === 0) {
      return result;
    }
    const known = await this._index();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < uses.length) {
        const use = uses[next++];
        try {
          const wrote = await this._writeOne(known, use);
          if (wrote) {
            result.written++;
          } else {
            result.skipped++;
          }
        } catch (error) {
          if (error instanceof UsageListMissingError) {
            throw error;
          }
          result.failed.push(use);
        }
      }
    };
    const workers: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, this._options.concurrency || 4); i++) {
      workers.push(worker());
    }
    await Promise.all(workers);
    return result;
  }

  /** Whether a request was sent that changed the list. */
  private async _writeOne(known: Map<number, KnownItem>, use: KeyUse): Promise<boolean> {
    const at = use.lastUsed.getTime();
    for (let attempt = 0; attempt < 2; attempt++) {
      const item = known.get(use.keyId);
      if (item !== undefined && item.lastUsed >= at) {
        return false;
      }
      try {
        if (item === undefined) {
          const created = (await this._request('POST', '/items', { fields: { Title: use.tail, KeyId: use.keyId, LastUsed: use.lastUsed.toISOString() } })) as GraphListItem;
          known.set(use.keyId, { itemId: String(created.id), etag: created.eTag, lastUsed: at });
        } else {
          const headers: Record<string, string> = item.etag === undefined ? {} : { 'If-Match': item.etag };
          const fields = (await this._request('PATCH', `/items/${item.itemId}/fields`, { LastUsed: use.lastUsed.toISOString() }, headers)) as GraphListItem['fields'];
          known.set(use.keyId, { itemId: item.itemId, etag: fields && fields['@odata.etag'], lastUsed: at });
        }
        return true;
      } catch (error) {
        // 412: another verifier wrote since our read; 409/400 on create: another created the key's item (KeyId is
        // unique). Read the item as it is now and try once more, keeping the later time.
        const status = error instanceof GraphHttpError ? error.status : 0;
        if (attempt === 0 && (status === 412 || status === 409 || (status === 400 && item === undefined))) {
          await this._refresh(known, use.keyId);
          continue;
        }
        throw error;
      }
    }
    return false;
  }

  private async _index(): Promise<Map<number, KnownItem>> {
    if (this._known !== undefined) {
      return this._known;
    }
    const known = new Map<number, KnownItem>();
    let url: string | undefined = '/items?$select=id,eTag&$expand=fields($select=KeyId,LastUsed)&$top=999';
    while (url !== undefined) {
      const page = (await this._request('GET', url)) as { value?: GraphListItem[]; '@odata.nextLink'?: string };
      for (const item of page.value || []) {
        this._remember(known, item);
      }
      url = page['@odata.nextLink'];
    }
    this._known = known;
    return known;
  }

  private async _refresh(known: Map<number, KnownItem>, keyId: number): Promise<void> {
    const page = (await this._request('GET', `/items?$select=id,eTag&$expand=fields($select=KeyId,LastUsed)&$filter=fields/KeyId eq ${keyId}`)) as { value?: GraphListItem[] };
    known.delete(keyId);
    for (const item of page.value || []) {
      this._remember(known, item);
    }
  }

  private _remember(known: Map<number, KnownItem>, item: GraphListItem): void {
    const keyId = item.fields && item.fields.KeyId;
    if (typeof keyId !== 'number' || item.id === undefined) {
      return;
    }
    const lastUsed = item.fields && item.fields.LastUsed ? Date.parse(item.fields.LastUsed) : 0;
    const previous = known.get(keyId);
    if (previous === undefined || previous.lastUsed < lastUsed) {
      known.set(keyId, { itemId: item.id, etag: item.eTag, lastUsed: isNaN(lastUsed) ? 0 : lastUsed });
    }
  }

  private async _request(method: string, pathOrUrl: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    if (this._location === undefined) {
      this._location = await this._options.locate();
    }
    const { siteId, listId } = this._location;
    const base = `${this._options.graphUrl.replace(/\/$/, '')}/sites/${encodeURIComponent(siteId)}/lists/${encodeURIComponent(listId)}`;
    const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl}`;
    const send = this._options.fetch || fetch;
    const sleep = this._options.sleep || delay;
    const attempts = Math.max(1, this._options.maxAttempts || 3);
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await send(url, {
          method,
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${await this._options.token()}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers
          },
          body: body === undefined ? undefined : JSON.stringify(body)
        });
      } catch (error) {
        if (attempt >= attempts) {
          throw error;
        }
        await sleep(200 * 2 ** (attempt - 1));
        continue;
      }
      const text = await response.text();
      if (response.ok) {
        return text === '' ? undefined : JSON.parse(text);
      }
      if (RETRIED.has(response.status) && attempt < attempts) {
        const retryAfter = Number(response.headers.get('Retry-After'));
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 200 * 2 ** (attempt - 1));
        continue;
      }
      if (response.status === 404 && method === 'GET' && !/\/items\//.test(url)) {
        // The list (or the app's grant on it) is gone: locate it again next time.
        this._location = undefined;
        this._known = undefined;
        throw new UsageListMissingError();
      }
      throw new GraphHttpError(response.status, `Microsoft Graph answered ${response.status} to ${method} on the usage list.`);
    }
  }
}

/**
 * Finds the usage list through SharePoint REST, which the verifier's app reads with Sites.Selected: the site's and
 * web's ids (Graph's site id is `{hostname},{site id},{web id}`) and the list's id by title beside the key list.
 */
export async function locateUsageList(sp: SPFI, listTitle: string = USAGE_LIST_TITLE): Promise<UsageListLocation> {
  try {
    const [site, web, list] = await Promise.all([
      sp.site.select('Id')<{ Id: string }>(),
      sp.web.select('Id')<{ Id: string }>(),
      sp.web.lists.getByTitle(listTitle).select('Id')<{ Id: string }>()
    ]);
    return { siteId: `${new URL(sp.web.toUrl()).hostname},${site.Id},${web.Id}`, listId: list.Id };
  } catch (error) {
    if (httpStatusOf(error) === 404) {
      throw new UsageListMissingError();
    }
    throw error;
  }
}
