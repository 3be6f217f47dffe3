// What a handler receives and returns; the server turns a Reply into HTTP.
import type { EmulatorUser, EmulatorUsers } from './identity';
import type { ChangeLogSettings } from './changes';
import type { ListState } from './model';
import type { SiteSecurity } from './security';
import type { TenantState } from './storageEntities';

export interface SiteData {
  /** Absolute site URL, e.g. http://127.0.0.1:4321/sites/apikeys. */
  siteUrl: string;
  lists: ListState[];
  users: EmulatorUsers;
  /** Permission levels, the web's role assignments, site collection administrators (security.ts). */
  security: SiteSecurity;
  graph: GraphSettings;
  /** Tenant-wide: storage entities on the app catalog (storageEntities.ts). */
  tenant: TenantState;
  /** Change-log retention (changes.ts); absent = SharePoint Online's 60 days. */
  changeLog?: ChangeLogSettings;
  /** Called after every committed write (persistence). */
  changed(): void;
}

export type GraphMode = 'normal' | 'limited-information' | 'error';

export interface GraphSettings {
  mode: GraphMode;
  /** Entries per page of /me/transitiveMemberOf (Graph's default is 100). */
  pageSize: number;
}

export interface RequestContext {
  method: string;
  /** Path below the site's `/_api/`, decoded, original case. */
  apiPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  user: EmulatorUser;
  site: SiteData;
  /** `X-HTTP-Method` (MERGE, DELETE) when a POST tunnels another verb, as PnPjs does. */
  tunnelledMethod: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Verbose OData (`odata=verbose`): PnPjs asks for it when it adds fields; the answer is wrapped in `{"d":...}`. */
export function wantsVerbose(ctx: RequestContext): boolean {
  return /odata=verbose/i.test(header(ctx, 'accept') ?? '');
}
