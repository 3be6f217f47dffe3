// Tenant-wide settings: storage entities (SPFx "tenant properties") kept on the tenant app catalog, and the
// other sites a tenant has (root site, a Teams team's site, the app catalog) so the page can be run from each.
// Sources:
// - GET {any web}/_api/web/GetStorageEntity('key') answers {Comment, Description, Value} and is readable from any
//   site; tenant properties are stored in the tenant app catalog (SharePoint/sp-dev-docs docs/spfx/tenant-properties.md,
//   https://learn.microsoft.com/sharepoint/dev/spfx/tenant-properties). A missing key answers `{"odata.null":true}`
//   (pnp/cli-microsoft365 src/m365/spo/commands/storageentity/storageentity-get.ts tests `property["odata.null"] === true`).
// - Writing: "If you specify the URL of a site different than the app catalog, you will get an access denied error"
//   (tenant-properties.md, CLI for Microsoft 365 section); only owners of the app catalog site or tenant admins may
//   write, and only while custom script is allowed there, else "Access denied. You do not have permission to perform
//   this action or access this resource." (tenant-properties.md, "Custom script and site collection app catalogs").
//   Custom script set on one site reverts within 24 hours (OfficeDocs-SharePoint allow-or-prevent-custom-script.md).
// - POST {appcatalog}/_api/web/setStorageEntity with {key, value, description, comments} and
//   POST {appcatalog}/_api/web/removeStorageEntity('key'): what PnPjs 4 sends (pnp/pnpjs packages/sp/webs/types.ts).
// - GET _api/SP_TenantSettings_Current → CorporateCatalogUrl, how PnPjs finds the tenant app catalog
//   (pnp/pnpjs packages/sp/appcatalog/index.ts, getTenantAppCatalogWeb).
// - The personal app runs at the tenant root site (`https://{teamSiteDomain}/_layouts/15/teamshostedapp.aspx`), a team
//   tab at its team's site (`{teamSitePath}`) (SharePoint/sp-dev-docs docs/spfx/deployment-spfx-teams-solutions.md).
// No site collection app catalogs are modelled: every site reads the tenant's entities.
import { formatTenantStoreSetting, TENANT_STORE_SETTING_DESCRIPTION, TENANT_STORE_SETTING_KEY } from '../../src/core/tenantStoreSetting';
import { DEFAULT_LIST_TITLE } from '../../src/data/keyListSchema';
import { ODataError } from './odata';
import type { Reply, RequestContext, SiteData } from './exchange';

/** The tenant app catalog (where tenant properties live). */
export const APP_CATALOG_PATH = '/sites/appcatalog';
/** The site of a Microsoft Teams team: where its channel tab runs. */
export const TEAM_SITE_PATH = '/sites/contoso-team';
/** The tenant root site: where the Teams personal app runs. */
export const ROOT_SITE_PATH = '';

export interface StorageEntity {
  Value: string;
  Description: string;
  Comment: string;
}

export interface TenantState {
  storageEntities: Record<string, StorageEntity>;
  /** Custom script on the app catalog (DenyAddAndCustomizePages off): needed to write storage entities. */
  appCatalogCustomScript: boolean;
}

export function newTenantState(): TenantState {
  return { storageEntities: {}, appCatalogCustomScript: false };
}

/** The other sites' paths whose `_api` the emulator answers (the key site is server.ts's SITE_PATH). */
export const TENANT_SITE_PATHS = [APP_CATALOG_PATH, TEAM_SITE_PATH];

/** Which tenant site (not the key site) a lower-cased request path belongs to, if any. */
export function tenantSiteOf(lowerPath: string): string | undefined {
  for (const sitePath of TENANT_SITE_PATHS) {
    if (lowerPath.indexOf(`${sitePath}/_api/`) === 0 || lowerPath === `${sitePath}/_api`) return sitePath;
  }
  return lowerPath.indexOf('/_api/') === 0 || lowerPath === '/_api' ? ROOT_SITE_PATH : undefined;
}

const noPermission = (): ODataError =>
  new ODataError(403, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.');

function findKey(tenant: TenantState, key: string): string | undefined {
  const lower = key.toLowerCase();
  return Object.keys(tenant.storageEntities).find((k) => k.toLowerCase() === lower);
}

function demandWriter(ctx: RequestContext, sitePath: string): void {
  if (sitePath !== APP_CATALOG_PATH || !ctx.user.isGlobalAdmin || !ctx.site.tenant.appCatalogCustomScript) throw noPermission();
}

function stringField(body: Record<string, unknown>, name: string): string {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : body[key];
  return typeof value === 'string' ? value : '';
}

/** Storage entity and tenant settings endpoints, on any site; undefined when the path is not one of them. */
export function handleTenantWide(ctx: RequestContext, sitePath: string): Reply | undefined {
  const lower = ctx.apiPath.toLowerCase();
  const tenant = ctx.site.tenant;
  const get = /^\/web\/getstorageentity\('((?:[^']|'')*)'\)$/i.exec(ctx.apiPath);
  if (get && ctx.method === 'GET') {
    const key = findKey(tenant, get[1].replace(/''/g, "'"));
    const metadata = `${ctx.site.siteUrl}/_api/$metadata#SP.StorageEntity`;
    return { status: 200, body: key === undefined ? { 'odata.null': true } : { 'odata.metadata': metadata, ...tenant.storageEntities[key] } };
  }
  if (lower === '/web/setstorageentity' && ctx.method === 'POST') {
    demandWriter(ctx, sitePath);
    const body = ctx.body !== null && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {};
    const key = stringField(body, 'key');
    if (key === '') throw new ODataError(400, '-2147024809, System.ArgumentException', 'Value cannot be null.\nParameter name: key');
    tenant.storageEntities[findKey(tenant, key) ?? key] = { Value: stringField(body, 'value'), Description: stringField(body, 'description'), Comment: stringField(body, 'comments') };
    ctx.site.changed();
    return { status: 200, body: { 'odata.null': true } };
  }
  const remove = /^\/web\/removestorageentity\('((?:[^']|'')*)'\)$/i.exec(ctx.apiPath);
  if (remove && ctx.method === 'POST') {
    demandWriter(ctx, sitePath);
    const key = findKey(tenant, remove[1].replace(/''/g, "'"));
    if (key !== undefined) delete tenant.storageEntities[key];
    ctx.site.changed();
    return { status: 200, body: { 'odata.null': true } };
  }
  if (lower === '/sp_tenantsettings_current' && ctx.method === 'GET') {
    const origin = new URL(ctx.site.siteUrl).origin;
    return { status: 200, body: { 'odata.metadata': `${ctx.site.siteUrl}/_api/$metadata#SP.TenantSettings`, CorporateCatalogUrl: `${origin}${APP_CATALOG_PATH}` } };
  }
  return undefined;
}

/** The control tests and the workbench use instead of PowerShell (Set-SPOStorageEntity, Set-SPOSite -DenyAddAndCustomizePages). */
export interface StorageEntityControl {
  setStorageEntity(key: string, value: string, description?: string, comment?: string): void;
  removeStorageEntity(key: string): void;
  storageEntity(key: string): StorageEntity | undefined;
  allowCustomScriptOnAppCatalog(allowed: boolean): void;
}

export function storageEntityControl(site: SiteData): StorageEntityControl {
  const tenant = site.tenant;
  return {
    setStorageEntity(key, value, description = '', comment = '') {
      tenant.storageEntities[findKey(tenant, key) ?? key] = { Value: value, Description: description, Comment: comment };
      site.changed();
    },
    removeStorageEntity(key) {
      const found = findKey(tenant, key);
      if (found !== undefined) delete tenant.storageEntities[found];
      site.changed();
    },
    storageEntity(key) {
      const found = findKey(tenant, key);
      return found === undefined ? undefined : { ...tenant.storageEntities[found] };
    },
    allowCustomScriptOnAppCatalog(allowed) {
      tenant.appCatalogCustomScript = allowed;
    }
  };
}

/**
 * What a deployer leaves behind, derived from the emulated site: the tenant setting naming the key site, pinned to
 * the list when it exists (a deployment done long ago: custom script back to blocked), or not yet (just deployed:
 * custom script still allowed on the app catalog, so the first "Set up" can pin it).
 */
export function seedTenantStoreSetting(site: SiteData): void {
  const list = site.lists.find((l) => l.title.toLowerCase() === DEFAULT_LIST_TITLE.toLowerCase());
  const value = formatTenantStoreSetting(list ? { siteUrl: site.siteUrl, listId: list.id } : { siteUrl: site.siteUrl });
  site.tenant.storageEntities[TENANT_STORE_SETTING_KEY] = { Value: value, Description: TENANT_STORE_SETTING_DESCRIPTION, Comment: 'Seeded by the workbench' };
  site.tenant.appCatalogCustomScript = !list;
}
