import { SPDefault } from '@pnp/nodejs';
import type { TimelinePipe } from '@pnp/core';
import type { Queryable } from '@pnp/queryable';
import { spfi } from '@pnp/sp';
import type { SPFI } from '@pnp/sp';

/** Sends the emulator's bearer token where production sends the MSAL app-only token. */
function BearerToken(token: string): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.auth(async (url: URL, init: RequestInit) => {
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      return [url, init];
    });
    return instance;
  };
}

/** PnPjs for Node against the emulator: the production SPDefault pipeline with a bearer token instead of MSAL. */
export function emulatorSharePoint(siteUrl: string, token: string): SPFI {
  return spfi(siteUrl).using(SPDefault({ baseUrl: siteUrl }), BearerToken(token));
}
