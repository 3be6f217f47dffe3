// PnPjs for Node pointed at the emulator (or any site reachable with a bearer token): the same pipeline as
// @pnp/nodejs's SPDefault (DefaultHeaders, DefaultInit, NodeFetchWithRetry, DefaultParse) with a fixed bearer
// token where production uses MSAL. Used by the contract tests, the bench and the verifier's workbench wiring.
import type { TimelinePipe } from '@pnp/core';
import { NodeFetchWithRetry } from '@pnp/nodejs';
import { DefaultParse } from '@pnp/queryable';
import type { Queryable } from '@pnp/queryable';
import { DefaultHeaders, DefaultInit, spfi } from '@pnp/sp';
import type { SPFI } from '@pnp/sp';
import { FetchGraphRequester } from '../../src/data/FetchGraphRequester';

export interface NodeSharePointOptions {
  /** Attempts in all (PnPjs counts the first). Default 6, as storeRequestBehaviors(). */
  retries?: number;
  /** First back-off in ms without Retry-After. Default 200. */
  interval?: number;
}

/** Sends `Authorization: Bearer <token>` on every request. */
export function BearerToken(token: string): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.auth(async (url: URL, init: RequestInit) => {
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      return [url, init];
    });
    return instance;
  };
}

export function nodeSharePoint(siteUrl: string, token: string, options: NodeSharePointOptions = {}): SPFI {
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    NodeFetchWithRetry({ retries: options.retries ?? 6, interval: options.interval ?? 200 }),
    DefaultParse(),
    BearerToken(token)
  );
}

export function nodeGraph(graphUrl: string, token: string): FetchGraphRequester {
  return new FetchGraphRequester({ baseUrl: graphUrl, token });
}
