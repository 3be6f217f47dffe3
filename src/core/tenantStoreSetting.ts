import { NotProvisionedError } from './errors';
import { EXPIRY_PRESET_DAYS } from './expiry';
import type { ExpiryPresetDays } from './expiry';

/**
 * Where the tenant's one key store lives: a SharePoint tenant property (storage entity) on the tenant app
 * catalog, readable by every user from any site with `GET {web}/_api/web/GetStorageEntity('key')`
 * (https://learn.microsoft.com/sharepoint/dev/spfx/tenant-properties). The page in every host (SharePoint,
 * each Teams team, the personal app at the root site) and the verifier read this one value, so they all
 * work on the same list.
 */
export const TENANT_STORE_SETTING_KEY = 'ApiKeyManagement.Store';

/** Shown in the app catalog beside the value (Set-SPOStorageEntity -Description). */
export const TENANT_STORE_SETTING_DESCRIPTION = 'API Key Management: the site and list that hold the API keys (siteUrl, listId).';

/** Stands in for the tenant app catalog's address in commands when the page could not read it. */
export const APP_CATALOG_PLACEHOLDER = 'https://<tenant>.sharepoint.com/sites/appcatalog';

export interface TenantStoreSetting {
  /** Absolute URL of the key site, e.g. https://contoso.sharepoint.com/sites/apikeys (no trailing slash). */
  siteUrl: string;
  /** The list's id (lowercase GUID) once provisioned; absent only between deployment and the first "Set up". */
  listId?: string;
  /** The expiry the Generate panel proposes (7, 30, 90 or 365 days); absent: it proposes none. The admin may still change it. */
  defaultExpiryDays?: ExpiryPresetDays;
}

const KNOWN_PROPERTIES = ['siteUrl', 'listId', 'defaultExpiryDays'];
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

function invalid(problem: string, fix?: string): NotProvisionedError {
  return new NotProvisionedError(
    'tenant-setting',
    `The tenant setting ${TENANT_STORE_SETTING_KEY} is not valid: ${problem}`,
    fix || `A SharePoint administrator sets it again, for example: ${setStoreSettingCommand({ siteUrl: 'https://contoso.sharepoint.com/sites/apikeys' })}`
  );
}

/**
 * The site URL as the store addresses it: absolute, no query, fragment or trailing slash. https only
 * (SharePoint Online), except on loopback hosts where the local workbench's emulator answers over http.
 */
export function normalizeSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(`siteUrl '${value}' is not an absolute URL.`);
  }
  const loopback = LOOPBACK_HOSTS.indexOf(url.hostname.toLowerCase()) >= 0;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid(`siteUrl '${value}' must start with https://.`);
  }
  if (url.search !== '' || url.hash !== '' || /\.aspx$/i.test(url.pathname) || /\/_(api|layouts)(\/|$)/i.test(url.pathname)) {
    throw invalid(`siteUrl '${value}' must be the site's address (e.g. https://contoso.sharepoint.com/sites/apikeys), not a page, a query or an API path.`);
  }
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}

/** SharePoint site URLs compare case-insensitively, with or without a trailing slash. */
export function sameSiteUrl(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '').toLowerCase() === b.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * Parses the storage entity's Value (a JSON object). Throws NotProvisionedError('tenant-setting') naming what
 * is wrong: missing, not JSON, unknown properties (a misspelt `siteURL` must not be ignored), a site URL that
 * is not a site, a list id that is not a GUID.
 */
export function parseTenantStoreSetting(value: string | null | undefined): TenantStoreSetting {
  if (value === null || value === undefined || value.trim() === '') {
    throw missingTenantStoreSetting();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`its value is not JSON: ${value.length > 120 ? `${value.slice(0, 120)}…` : value}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('its value must be a JSON object such as {"siteUrl":"https://contoso.sharepoint.com/sites/apikeys"}.');
  }
  const record = parsed as Record<string, unknown>;
  const unknown = Object.keys(record).filter((name) => KNOWN_PROPERTIES.indexOf(name) < 0);
  if (unknown.length > 0) {
    throw invalid(`unknown propert${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((n) => `'${n}'`).join(', ')}; expected siteUrl, once the list exists listId, and optionally defaultExpiryDays.`);
  }
  if (typeof record.siteUrl !== 'string' || record.siteUrl.trim() === '') {
    throw invalid('siteUrl is missing.');
  }
  const setting: TenantStoreSetting = { siteUrl: normalizeSiteUrl(record.siteUrl) };
  if (record.listId !== undefined && record.listId !== null && record.listId !== '') {
    const match = typeof record.listId === 'string' ? GUID.exec(record.listId.trim()) : null;
    if (!match) {
      throw invalid(`listId ${JSON.stringify(record.listId)} is not a list id (a GUID such as 8c6f2a4e-1b3d-4e5f-9a0b-1c2d3e4f5a6b).`);
    }
    setting.listId = match[1].toLowerCase();
  }
  if (record.defaultExpiryDays !== undefined && record.defaultExpiryDays !== null) {
    if ((EXPIRY_PRESET_DAYS as readonly unknown[]).indexOf(record.defaultExpiryDays) < 0) {
      throw invalid(`defaultExpiryDays ${JSON.stringify(record.defaultExpiryDays)} must be one of ${EXPIRY_PRESET_DAYS.join(', ')} (a number of days), or absent for no default expiry.`);
    }
    setting.defaultExpiryDays = record.defaultExpiryDays as ExpiryPresetDays;
  }
  return setting;
}

/** The Value to store, in the canonical form parseTenantStoreSetting reads back. */
export function formatTenantStoreSetting(setting: TenantStoreSetting): string {
  return JSON.stringify({
    siteUrl: setting.siteUrl,
    ...(setting.listId ? { listId: setting.listId } : {}),
    ...(setting.defaultExpiryDays !== undefined ? { defaultExpiryDays: setting.defaultExpiryDays } : {})
  });
}

/**
 * The SharePoint Online Management Shell command that writes the setting (tenant properties live on the tenant
 * app catalog; writing them needs custom script allowed there, see README "Deploy to a real tenant").
 */
export function setStoreSettingCommand(setting: TenantStoreSetting, appCatalogUrl: string = APP_CATALOG_PLACEHOLDER): string {
  const value = formatTenantStoreSetting(setting).replace(/'/g, "''");
  return `Set-SPOStorageEntity -Site "${appCatalogUrl}" -Key "${TENANT_STORE_SETTING_KEY}" -Value '${value}' -Description "${TENANT_STORE_SETTING_DESCRIPTION}" -Comments "Set at deployment"`;
}

/** No tenant setting at all: never fall back to the current site (the personal app would make a second store at the root site). */
export function missingTenantStoreSetting(appCatalogUrl?: string): NotProvisionedError {
  return new NotProvisionedError(
    'tenant-setting',
    `No API key store is configured for this tenant: the tenant setting ${TENANT_STORE_SETTING_KEY} does not exist. Every page, Teams tab and verifier reads the key site from it, so none of them works until it is set.`,
    `A SharePoint administrator allows custom script on the tenant app catalog for a moment and runs: ${setStoreSettingCommand(
      { siteUrl: 'https://contoso.sharepoint.com/sites/apikeys' },
      appCatalogUrl
    )} (with the address of your dedicated key site).`
  );
}

/** The list exists but the tenant setting does not name it yet: the exact command that pins it. */
export function unpinnedStoreError(setting: TenantStoreSetting, listId: string, why: string, appCatalogUrl?: string): NotProvisionedError {
  return new NotProvisionedError(
    'unpinned',
    `The key list exists on ${setting.siteUrl} but the tenant setting ${TENANT_STORE_SETTING_KEY} does not pin it by its id yet, so verifiers cannot be configured and the page will not use it. ${why}`,
    `A SharePoint administrator runs: ${setStoreSettingCommand({ ...setting, listId }, appCatalogUrl)}`
  );
}
