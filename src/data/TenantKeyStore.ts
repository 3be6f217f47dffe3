import { SharePointKeyUsageReader } from './SharePointKeyUsageReader';
import type { KeyUsageState } from './KeyUsageStore.types';
import type { SPFI } from '@pnp/sp';
import { NotProvisionedError, sameSiteUrl, setStoreSettingCommand, TENANT_STORE_SETTING_KEY, unpinnedStoreError } from '../core';
import type { ExpiryPresetDays, KeyHistoryEvent, KeyRecord, Permission, RollOptions, TenantStoreSetting } from '../core';
import type { CreatedKey, KeyStore, ProvisioningReport, RollResult } from './KeyStore.types';
import { SharePointKeyStore } from './SharePointKeyStore';
import { httpStatusOf } from './sharePointErrors';
import type { TenantStoreLocator } from './TenantStoreLocator';

export interface TenantKeyStoreOptions {
  /** The web the page runs in: the key site must be on the same host (SPFx calls only its own tenant). */
  currentWebUrl?: string;
  /**
   * A store this page was configured with before the tenant setting existed (the web part's old `siteUrl` property).
   * When it names another site than the tenant setting, every call fails with NotProvisionedError('wrong-store').
   */
  configuredSiteUrl?: string;
}

interface Located {
  setting: TenantStoreSetting;
  store: SharePointKeyStore;
}

/**
 * The key store the tenant setting names, for the page in any host. Reads the setting once per instance (again after
 * a failure, so a fixed setting is picked up by Retry), checks this page is not configured for another store, and
 * addresses the list by its pinned id. Between the deployment and the first "Set up" the setting holds only the site:
 * set-up then pins the new list's id into the setting when SharePoint lets this user, and otherwise every call reports
 * 'unpinned' with the exact command, so the page never quietly works on a list the verifiers do not read.
 */
export class TenantKeyStore implements KeyStore {
  private _usageState: KeyUsageState = 'not-configured';
  private _located: Promise<Located> | undefined;
  private _pinFailure: string | undefined;

  public constructor(
    private readonly _locator: TenantStoreLocator,
    /** PnPjs for a site URL with the host's behaviours (SPFx in the web part, SPBrowser in the workbench). */
    private readonly _spFor: (siteUrl: string) => SPFI,
    private readonly _options: TenantKeyStoreOptions = {}
  ) {}

  /** The tenant setting as read (for display); fails as every call would. */
  public async setting(): Promise<TenantStoreSetting> {
    return (await this._locate()).setting;
  }

  public async ensureProvisioned(): Promise<ProvisioningReport> {
    const { setting, store } = await this._locate();
    const report = await store.ensureProvisioned();
    if (setting.listId) {
      return report;
    }
    try {
      const pinned = await this._locator.pin(setting, report.listId);
      this._located = Promise.resolve({ setting: pinned, store: this._storeFor(pinned) });
      this._pinFailure = undefined;
      return { ...report, changes: [...report.changes, `Pinned the list (id ${report.listId}) in the tenant setting ${TENANT_STORE_SETTING_KEY}.`] };
    } catch (error) {
      const status = httpStatusOf(error);
      const answer = status !== undefined ? `SharePoint answered ${status}` : error instanceof Error ? error.message : String(error);
      this._pinFailure = `Set-up could not write the tenant setting (${answer}): that takes an owner of the tenant app catalog, while custom script is allowed there.`;
      return { ...report, changes: [...report.changes, `Could not pin the list in the tenant setting ${TENANT_STORE_SETTING_KEY}: ${setStoreSettingCommand({ ...setting, listId: report.listId })}`] };
    }
  }

  public async checkProvisioned(): Promise<void> {
    return (await this._pinned()).checkProvisioned();
  }

  public async listKeys(): Promise<KeyRecord[]> {
    const store = await this._pinned();
    const records = await store.listKeys();
    this._usageState = store.usageState();
    return records;
  }

  /** After listKeys: whether last-used could be read ('missing': a Global Administrator runs "Set up the key list"). */
  public usageState(): KeyUsageState {
    return this._usageState;
  }

  /** The tenant setting's default expiry, which the Generate panel proposes. */
  public async defaultExpiryDays(): Promise<ExpiryPresetDays | undefined> {
    return (await this.setting()).defaultExpiryDays;
  }

  public async createKey(name: string, permission: Permission, expires?: Date): Promise<CreatedKey> {
    return (await this._pinned()).createKey(name, permission, expires);
  }

  public async renameKey(id: number, name: string, etag: string): Promise<KeyRecord> {
    return (await this._pinned()).renameKey(id, name, etag);
  }

  public async revokeKey(id: number, etag: string): Promise<KeyRecord> {
    return (await this._pinned()).revokeKey(id, etag);
  }

  public async bringExpiryForward(id: number, expires: Date, etag: string): Promise<KeyRecord> {
    return (await this._pinned()).bringExpiryForward(id, expires, etag);
  }

  public async rollKey(id: number, etag: string, options: RollOptions): Promise<RollResult> {
    return (await this._pinned()).rollKey(id, etag, options);
  }

  public async findByHash(hash: string): Promise<KeyRecord | undefined> {
    return (await this._pinned()).findByHash(hash);
  }

  public async keyHistory(id: number): Promise<KeyHistoryEvent[]> {
    return (await this._pinned()).keyHistory(id);
  }

  /** The store, once the setting pins the list; 'unpinned' (with the command) or 'missing-list' before that. */
  private async _pinned(): Promise<SharePointKeyStore> {
    const { setting, store } = await this._locate();
    if (setting.listId) {
      return store;
    }
    // Read the setting again next time: the administrator may pin the list by hand in the meantime.
    this._located = undefined;
    // Throws missing-list when there is no list yet: the page then offers "Set up the key list".
    const listId = await store.resolveListId();
    const why = this._pinFailure || 'Set-up pins it automatically only when the signed-in administrator may write tenant settings.';
    throw unpinnedStoreError(setting, listId, why, await this._locator.appCatalogUrl());
  }

  private _locate(): Promise<Located> {
    if (!this._located) {
      const located = this._resolve();
      this._located = located;
      // A failed read is not cached: Retry on the page reads the (maybe fixed) setting again.
      located.catch(() => {
        if (this._located === located) this._located = undefined;
      });
    }
    return this._located;
  }

  private async _resolve(): Promise<Located> {
    const setting = await this._locator.read();
    const { configuredSiteUrl, currentWebUrl } = this._options;
    if (configuredSiteUrl && configuredSiteUrl.trim() !== '' && !sameSiteUrl(configuredSiteUrl, setting.siteUrl)) {
      throw new NotProvisionedError(
        'wrong-store',
        `This page was configured for the key store on ${configuredSiteUrl}, but the tenant's store (tenant setting ${TENANT_STORE_SETTING_KEY}) is on ${setting.siteUrl}. Keys kept on ${configuredSiteUrl} are not the ones the API verifiers read, so this page shows nothing rather than the wrong keys.`,
        `Edit the page, remove this web part and add it again: this version takes the key store only from the tenant setting. If ${configuredSiteUrl} is the right store, a SharePoint administrator changes the tenant setting instead.`
      );
    }
    if (currentWebUrl && new URL(currentWebUrl).host.toLowerCase() !== new URL(setting.siteUrl).host.toLowerCase()) {
      throw new NotProvisionedError(
        'tenant-setting',
        `The tenant setting ${TENANT_STORE_SETTING_KEY} names a site on ${new URL(setting.siteUrl).host}, but this page runs on ${new URL(currentWebUrl).host}: the page can only reach sites of its own tenant.`,
        `A SharePoint administrator corrects siteUrl in the tenant setting: ${setStoreSettingCommand({ ...setting, siteUrl: setting.siteUrl.replace(/^https?:\/\/[^/]+/i, new URL(currentWebUrl).origin) }, await this._locator.appCatalogUrl())}`
      );
    }
    return { setting, store: this._storeFor(setting) };
  }

  private _storeFor(setting: TenantStoreSetting): SharePointKeyStore {
    const sp = this._spFor(setting.siteUrl);
    // The usage list lives beside the key list on the store's site, found by title.
    return new SharePointKeyStore(sp, { ...(setting.listId ? { listId: setting.listId } : {}), usage: new SharePointKeyUsageReader(sp) });
  }
}
