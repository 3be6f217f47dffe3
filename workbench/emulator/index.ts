// The SharePoint REST + Microsoft Graph emulator: speaks the same HTTP as SharePoint Online for exactly the calls
// the product makes, so the product code (PnPjs included) runs unchanged against it. Dev and test only.
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { SiteData } from './exchange';
import { DEFAULT_CHANGE_LOG_MAX_AGE_MS, expireChangeTokens } from './changes';
import type { ChangeLogControl } from './changes';
import { Faults } from './faults';
import type { FaultControl } from './faults';
import { createUsers } from './identity';
import type { EmulatorUsers } from './identity';
import type { ListState } from './model';
import { DebouncedSaver, loadLists } from './persistence';
import type { SavedSecurity } from './persistence';
import { builtInRoleDefinitions, GLOBAL_ADMIN_PRINCIPAL, newSiteSecurity } from './security';
import { GRAPH_PATH, isEmulatorPath, serve, SITE_PATH } from './server';
import type { RequestLogEntry } from './server';
import { createState } from './state';
import { APP_CATALOG_PATH, newTenantState, ROOT_SITE_PATH, seedTenantStoreSetting, TEAM_SITE_PATH } from './storageEntities';
import type { EmulatorState } from './state';

export type { EmulatorUser, EmulatorUsers } from './identity';
export type { FaultControl, FaultRule, DropRule } from './faults';
export type { ChangeLogControl } from './changes';
export type { RequestLogEntry } from './server';
export type { EmulatorState, KeyItemInput, BulkInsertOptions } from './state';
export type { StorageEntity } from './storageEntities';
export type { GraphMode } from './exchange';
export { isEmulatorPath, SITE_PATH, GRAPH_PATH };

/** The emulated tenant's Global Administrator principal, as the verifier is configured with it (security.ts). */
export const EMULATED_ADMIN_PRINCIPAL = GLOBAL_ADMIN_PRINCIPAL.loginName;

export interface EmulatorOptions {
  /** 0 = a free port (startEmulator only). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persist the site to this JSON file (loaded on start when it exists); omitted = in memory. */
  dataFile?: string;
  /** demo: ~25 keys by several admins, a few revoked, list provisioned. Default empty (no list). Ignored when dataFile exists. */
  seed?: 'demo' | 'empty';
  /** For createEmulator mounted on another server: the origin it is reached at (default http://127.0.0.1:4321). */
  publicUrl?: string;
  /** How long change tokens stay valid. Default 60 days, as SharePoint Online. */
  changeLogMaxAgeMs?: number;
}

export interface Emulator {
  /** Origin, e.g. http://127.0.0.1:PORT. */
  url: string;
  /** `${url}/sites/apikeys`: the SharePoint site holding the list. */
  siteUrl: string;
  /** `${url}/graph/v1.0`. */
  graphUrl: string;
  /** The tenant app catalog, where storage entities (tenant properties) are written. */
  appCatalogUrl: string;
  /** The tenant root site: where the Teams personal app runs. */
  rootSiteUrl: string;
  /** A Microsoft Teams team's site: where its channel tab runs. */
  teamSiteUrl: string;
  users: EmulatorUsers;
  faults: FaultControl;
  /** The change log's retention; `expireTokens()` makes every token issued so far fail as too old. */
  changeLog: ChangeLogControl;
  /** Every request, in arrival order (for request counting in tests and benches). Clear with `requests.length = 0`. */
  requests: RequestLogEntry[];
  /** Serves one request (mount it on another server for paths where isEmulatorPath(req.url) is true). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  close(): Promise<void>;
  state: EmulatorState;
}

function build(options: EmulatorOptions, origin: () => string): { emulator: Emulator; saver: DebouncedSaver | undefined; reseed: () => void } {
  const lists: ListState[] = [];
  const users = createUsers();
  const faults = new Faults();
  const requests: RequestLogEntry[] = [];
  let saver: DebouncedSaver | undefined;
  const security = newSiteSecurity();
  const base: Omit<SiteData, 'siteUrl'> = {
    lists,
    users,
    security,
    graph: { mode: 'normal', pageSize: 100 },
    tenant: newTenantState(),
    changeLog: { maxAgeMs: options.changeLogMaxAgeMs ?? DEFAULT_CHANGE_LOG_MAX_AGE_MS },
    changed: () => saver?.schedule()
  };
  const stateSite: SiteData = {
    ...base,
    get siteUrl(): string {
      return `${origin()}${SITE_PATH}`;
    }
  };
  const state = createState(stateSite);
  const savedSecurity: SavedSecurity = { customRoleDefinitions: [] };
  const loaded = options.dataFile ? loadLists(options.dataFile, savedSecurity) : undefined;
  // Storage entities are not saved: a loaded site gets the setting a deployer would have left (see seedTenantStoreSetting).
  if (loaded) {
    lists.push(...loaded);
    for (const definition of savedSecurity.customRoleDefinitions) {
      security.roleDefinitions.push(definition);
      security.nextRoleDefinitionId = Math.max(security.nextRoleDefinitionId, definition.Id + 1);
    }
    seedTenantStoreSetting(stateSite);
  } else state.reset(options.seed ?? 'empty');
  const builtIns = builtInRoleDefinitions().map((d) => d.Id);
  const customs = (): SavedSecurity => ({ customRoleDefinitions: security.roleDefinitions.filter((d) => builtIns.indexOf(d.Id) < 0) });
  if (options.dataFile) saver = new DebouncedSaver(options.dataFile, () => lists, 100, customs);
  if (!loaded && saver) saver.schedule();

  const parts = { base, faults, requests, digests: new Set<string>() };
  const emulator: Emulator = {
    get url(): string {
      return origin();
    },
    get siteUrl(): string {
      return `${origin()}${SITE_PATH}`;
    },
    get graphUrl(): string {
      return `${origin()}${GRAPH_PATH}`;
    },
    get appCatalogUrl(): string {
      return `${origin()}${APP_CATALOG_PATH}`;
    },
    get rootSiteUrl(): string {
      return `${origin()}${ROOT_SITE_PATH}`;
    },
    get teamSiteUrl(): string {
      return `${origin()}${TEAM_SITE_PATH}`;
    },
    users,
    faults,
    changeLog: {
      get maxAgeMs(): number {
        return base.changeLog?.maxAgeMs ?? DEFAULT_CHANGE_LOG_MAX_AGE_MS;
      },
      set maxAgeMs(value: number) {
        base.changeLog = { maxAgeMs: value };
      },
      expireTokens(listTitle?: string) {
        const list = state.list(listTitle);
        if (!list) throw new Error(`The emulated site has no list '${listTitle ?? 'API Keys'}'.`);
        expireChangeTokens(list);
        base.changed();
      }
    },
    requests,
    state,
    handle(req, res) {
      serve(parts, req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
        }
        res.end(error instanceof Error ? error.message : String(error));
      });
    },
    async close() {
      saver?.flush();
    }
  };
  // startEmulator knows its origin only once listening: it seeds the setting again then.
  return { emulator, saver, reseed: () => seedTenantStoreSetting(stateSite) };
}

/** The handler only, no listening socket (the workbench mounts it next to its static files). */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const origin = options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${options.port ?? 4321}`;
  return build(options, () => origin.replace(/\/$/, '')).emulator;
}

/** Listens on host:port (port 0 = a free one) and serves the emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const { emulator, reseed } = build(options, () => origin);
  const server = http.createServer((req, res) => emulator.handle(req, res));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;
  reseed();
  const closeState = emulator.close.bind(emulator);
  emulator.close = async () => {
    await closeState();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return emulator;
}
