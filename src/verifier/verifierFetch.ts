import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';

/**
 * The verifier's own send: one fetch, no retry loop. PnPjs's NodeFetchWithRetry would wait out a
 * Retry-After (up to minutes) and re-send lookups the verifier has already given up on; here a 429/503
 * surfaces at once as ThrottledError, the verifier pauses its lookups and polls for that long, and a
 * caller retries on its own 503. A reused keep-alive socket the server closed meanwhile gets one retry.
 */
export function VerifierFetch(): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.send.clear();
    instance.on.send(async (url: URL, init: RequestInit): Promise<Response> => {
      try {
        return await fetch(url.toString(), init);
      } catch (error) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        if (init.signal?.aborted !== true && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')) {
          return fetch(url.toString(), init);
        }
        throw error;
      }
    });
    return instance;
  };
}
