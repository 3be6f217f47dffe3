import { ForbiddenError, NotFoundError, NotProvisionedError, ThrottledError } from '../core';
import type { KeyManagementError, RequestDetails } from '../core';

/** What PnPjs's HttpRequestError carries (structural, so the data layer needs no runtime import of @pnp/queryable). */
interface HttpErrorLike {
  isHttpRequestError: true;
  status: number;
  message: string;
  response?: { headers?: { get(name: string): string | null } } | null;
}

export function isHttpError(error: unknown): error is HttpErrorLike {
  return typeof error === 'object' && error !== null && (error as { isHttpRequestError?: unknown }).isHttpRequestError === true && typeof (error as { status?: unknown }).status === 'number';
}

export function httpStatusOf(error: unknown): number | undefined {
  return isHttpError(error) ? error.status : undefined;
}

/** The `odata.error` code (e.g. "-1, System.ArgumentException") that PnPjs puts in the message after "::>". */
export function sharePointErrorCode(error: unknown): string {
  if (!isHttpError(error)) {
    return '';
  }
  const match = /"code"\s*:\s*"([^"]*)"/.exec(error.message);
  return match ? match[1] : '';
}

export function missingListError(listTitle: string): NotProvisionedError {
  return new NotProvisionedError(
    'missing-list',
    `The API key list '${listTitle}' does not exist on this site.`,
    'A Global Administrator who owns the site opens the API Keys page and chooses "Set up the key list" (SharePointKeyStore.ensureProvisioned), or the web part is pointed at the site that holds the list.'
  );
}

/** The list pinned by the tenant setting is gone: say so, and how to get it back, instead of offering a new empty list. */
export function missingPinnedListError(listId: string): NotProvisionedError {
  return new NotProvisionedError(
    'missing-list',
    `The API key list pinned by the tenant setting (id ${listId}) is not there for your account: it was deleted, the setting names another list, or you have no access to it (SharePoint answers the same for all three). If it was deleted, keys it held keep failing until it is restored.`,
    "Restore the list from the key site's recycle bin (Site contents, Recycle bin). To start over with a new, empty list instead, remove listId from the tenant setting ApiKeyManagement.Store and let a Global Administrator set the list up again: every existing key then stops working."
  );
}

/** Status, correlation id (SharePoint's `SPRequestGuid`, Graph's `request-id`) and time of a failed request, for "Copy details". */
export function requestDetailsOf(error: unknown, time: Date = new Date()): RequestDetails | undefined {
  if (!isHttpError(error)) {
    return undefined;
  }
  const headers = error.response && error.response.headers ? error.response.headers : undefined;
  const correlationId = headers ? headers.get('SPRequestGuid') || headers.get('request-id') || undefined : undefined;
  return { status: error.status, correlationId, time };
}

function withRequestDetails<T extends KeyManagementError>(typed: T, error: unknown): T {
  typed.requestDetails = requestDetailsOf(error);
  return typed;
}

export interface ErrorContext {
  listTitle: string;
  itemId?: number;
  /** When the list is addressed by id (pinned by the tenant setting). */
  pinnedListId?: string;
}

/**
 * Turns a PnPjs failure into the product's typed errors; anything unrecognised is returned as is.
 * 412 is not mapped here: the store reads the current record back first (ConflictError carries it).
 */
export function toStoreError(error: unknown, context: ErrorContext): unknown {
  if (!isHttpError(error)) {
    return error;
  }
  const code = sharePointErrorCode(error);
  switch (error.status) {
    case 404:
      // By id SharePoint answers `-2130575322, Microsoft.SharePoint.SPException` "List does not exist." (TP_E_LISTDELETED).
      if (context.pinnedListId !== undefined && (/List does not exist/i.test(error.message) || /-2130575322/.test(code) || /does not exist at site/i.test(error.message))) {
        return missingPinnedListError(context.pinnedListId);
      }
      if (/does not exist at site/i.test(error.message) || (context.itemId === undefined && /ArgumentException/.test(code))) {
        return withRequestDetails(missingListError(context.listTitle), error);
      }
      return context.itemId !== undefined ? withRequestDetails(new NotFoundError(context.itemId), error) : error;
    case 401:
    case 403:
      return withRequestDetails(new ForbiddenError(), error);
    case 429:
    case 503:
    case 504: {
      // PnPjs throws these only once its retries have run out.
      const header = error.response && error.response.headers ? error.response.headers.get('Retry-After') : null;
      const seconds = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
      return withRequestDetails(new ThrottledError(seconds), error);
    }
    case 500:
      if (/SPQueryThrottledException/.test(code)) {
        return withRequestDetails(
          new NotProvisionedError(
            'unsafe-settings',
            'SharePoint refused a lookup because the list is past its view threshold and a column the store filters on has no index.',
            'A Global Administrator runs "Set up the key list" again: it indexes KeyHash and Status.'
          ),
          error
        );
      }
      return error;
    default:
      return error;
  }
}
