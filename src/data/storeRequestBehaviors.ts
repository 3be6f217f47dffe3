import { BrowserFetchWithRetry } from '@pnp/queryable';
import type { Queryable } from '@pnp/queryable';
import type { TimelinePipe } from '@pnp/core';

export interface StoreRetryOptions {
  /** Attempts in all (PnPjs counts the first one). Default 6: rides out a throttling storm of about 6 s without Retry-After. */
  retries?: number;
  /** First wait in ms when SharePoint sends no Retry-After; doubles on each attempt. Default 200. */
  interval?: number;
}

/**
 * PnPjs's own retry (429, 503, 504 and network errors; honours Retry-After in seconds), configured for storms:
 * its default is three attempts in all. Use after the base behavior, which it replaces on the send moment:
 * `spfi(url).using(SPFx(context), storeRequestBehaviors())`. BrowserFetchWithRetry uses the global fetch, so the
 * same behavior serves Node 18+ (tests, verifier) too.
 */
export function storeRequestBehaviors(options: StoreRetryOptions = {}): TimelinePipe<Queryable> {
  return BrowserFetchWithRetry({ retries: options.retries !== undefined ? options.retries : 6, interval: options.interval !== undefined ? options.interval : 200 });
}
