import { Web } from '@pnp/sp/webs';
import type { IWeb } from '@pnp/sp/webs';
import type { SPFI } from '@pnp/sp';
import { formatTenantStoreSetting, missingTenantStoreSetting, parseTenantStoreSetting, TENANT_STORE_SETTING_DESCRIPTION, TENANT_STORE_SETTING_KEY } from '../core';
import type { TenantStoreSetting } from '../core';
import { toStoreError } from './sharePointErrors';

interface TenantSettings {
  CorporateCatalogUrl?: string | null;
}

interface StorageEntityAnswer {
  Value?: string | null;
  'odata.null'?: boolean;
}

/**
 * Finds the tenant's key store from the tenant setting ApiKeyManagement.Store, the same way in every host:
 * `GET {current web}/_api/web/GetStorageEntity('ApiKeyManagement.Store')`, which any user may read from any site
 * (https://learn.microsoft.com/sharepoint/dev/spfx/tenant-properties). Never falls back to the current web: the
 * Teams personal app runs at the tenant root site and would create a second store there.
 */
export class TenantStoreLocator {
  /** @param currentWeb PnPjs rooted at the web the page runs in (SPFx behaviour in the web part). */
  public constructor(private readonly _currentWeb: SPFI) {}

  /** The setting, parsed; NotProvisionedError('tenant-setting') when it is missing or malformed. */
  public async read(): Promise<TenantStoreSetting> {
    let answer: StorageEntityAnswer | null;
    try {
      answer = await this._currentWeb.web.getStorageEntity(TENANT_STORE_SETTING_KEY);
    } catch (error) {
      throw toStoreError(error, { listTitle: TENANT_STORE_SETTING_KEY });
    }
    if (!answer || answer['odata.null'] === true || typeof answer.Value !== 'string' || answer.Value.trim() === '') {
      throw missingTenantStoreSetting(await this.appCatalogUrl());
    }
    return parseTenantStoreSetting(answer.Value);
  }

  /**
   * The tenant app catalog's URL from `_api/SP_TenantSettings_Current` (what PnPjs's getTenantAppCatalogWeb reads, without
   * bundling the whole app catalog module), for commands and for writing; undefined when unreadable or absent.
   */
  public async appCatalogUrl(): Promise<string | undefined> {
    try {
      const webUrl = this._currentWeb.web.toUrl().replace(/\/_api\/web\/?$/i, '');
      const settings = await Web([this._currentWeb.web, webUrl], '_api/SP_TenantSettings_Current')<TenantSettings>();
      const url = settings && settings.CorporateCatalogUrl;
      return typeof url === 'string' && /^https?:\/\//i.test(url) ? url.replace(/\/+$/, '') : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Writes the list's id into the setting (after the first provisioning), then reads it back. SharePoint allows it to
   * owners of the tenant app catalog while custom script is allowed there; otherwise it rejects the write and the
   * caller shows the command instead. Resolves to the pinned setting.
   */
  public async pin(setting: TenantStoreSetting, listId: string): Promise<TenantStoreSetting> {
    // Everything else the setting says (the default expiry) is kept.
    const pinned: TenantStoreSetting = { ...setting, listId: listId.toLowerCase() };
    const catalogUrl = await this.appCatalogUrl();
    if (!catalogUrl) {
      throw new Error('the tenant app catalog could not be found (SP_TenantSettings_Current has no CorporateCatalogUrl)');
    }
    const catalog: IWeb = Web([this._currentWeb.web, catalogUrl]);
    await catalog.setStorageEntity(TENANT_STORE_SETTING_KEY, formatTenantStoreSetting(pinned), TENANT_STORE_SETTING_DESCRIPTION, 'Pinned by API Key Management after provisioning the list');
    const readBack = await this.read();
    if (readBack.listId !== pinned.listId) {
      throw new Error(`SharePoint accepted the write but the tenant setting still reads ${formatTenantStoreSetting(readBack)}.`);
    }
    return readBack;
  }
}
