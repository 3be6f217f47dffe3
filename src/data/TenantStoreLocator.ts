import '@pnp/sp/webs';
import '@pnp/sp/appcatalog';
import type { SPFI } from '@pnp/sp';
import { formatTenantStoreSetting, missingTenantStoreSetting, parseTenantStoreSetting, TENANT_STORE_SETTING_DESCRIPTION, TENANT_STORE_SETTING_KEY } from '../core';
import type { TenantStoreSetting } from '../core';
import { toStoreError } from './sharePointErrors';

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

  /** The tenant app catalog's URL (SP_TenantSettings_Current), for commands and for writing; undefined when unreadable. */
  public async appCatalogUrl(): Promise<string | undefined> {
    try {
      const catalog = await this._currentWeb.getTenantAppCatalogWeb();
      const url = catalog.toUrl().replace(/\/_api\/web\/?$/i, '');
      // No tenant app catalog: PnPjs builds the URL from a null CorporateCatalogUrl.
      return /^https?:\/\//i.test(url) ? url : undefined;
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
    const pinned: TenantStoreSetting = { siteUrl: setting.siteUrl, listId: listId.toLowerCase() };
    const catalog = await this._currentWeb.getTenantAppCatalogWeb();
    await catalog.setStorageEntity(TENANT_STORE_SETTING_KEY, formatTenantStoreSetting(pinned), TENANT_STORE_SETTING_DESCRIPTION, 'Pinned by API Key Management after provisioning the list');
    const readBack = await this.read();
    if (readBack.listId !== pinned.listId) {
      throw new Error(`SharePoint accepted the write but the tenant setting still reads ${formatTenantStoreSetting(readBack)}.`);
    }
    return readBack;
  }
}
