// Where the contract suite runs: always the emulator over HTTP; also a real tenant when AKM_TENANT_* is set.
import * as fs from 'fs';
import { MSAL, SPDefault } from '@pnp/nodejs';
import { spfi } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import type { SPFI } from '@pnp/sp';
import { storeRequestBehaviors } from '../../src/data';
import { startEmulator } from '../../workbench/emulator';
import type { Emulator } from '../../workbench/emulator';
import { nodeSharePoint } from '../../workbench/emulator/sharePointClient';

export interface StoreTarget {
  name: string;
  /** The list the suite may create and fill (a throwaway list on a tenant). */
  listTitle: string;
  /** Two administrators (on a tenant: the same app principal twice, which is enough for ETag races). */
  admin(): SPFI;
  secondAdmin(): SPFI;
  /** The Global Administrator principal's login name when it must be configured (an app cannot read the root site); undefined: read it there. */
  adminPrincipal?: string;
  /** Emulator only: faults, direct state, other identities. */
  emulator?: Emulator;
  close(): Promise<void>;
}

export interface TenantConfig {
  siteUrl: string;
  tenantId: string;
  clientId: string;
  certPath: string;
  thumbprintSha256: string;
}

export const TENANT_ENV_HELP =
  'set AKM_TENANT_SITE_URL, AKM_TENANT_ID, AKM_TENANT_CLIENT_ID, AKM_TENANT_CERT_PATH (PEM private key) and AKM_TENANT_CERT_THUMBPRINT (SHA-256)';

export function tenantConfig(): TenantConfig | undefined {
  const env = process.env;
  if (!env.AKM_TENANT_SITE_URL || !env.AKM_TENANT_ID || !env.AKM_TENANT_CLIENT_ID || !env.AKM_TENANT_CERT_PATH || !env.AKM_TENANT_CERT_THUMBPRINT) return undefined;
  return {
    siteUrl: env.AKM_TENANT_SITE_URL,
    tenantId: env.AKM_TENANT_ID,
    clientId: env.AKM_TENANT_CLIENT_ID,
    certPath: env.AKM_TENANT_CERT_PATH,
    thumbprintSha256: env.AKM_TENANT_CERT_THUMBPRINT
  };
}

/** Test-speed retries: same PnPjs behavior, shorter first back-off. */
export const TEST_RETRY = { retries: 6, interval: 50 };

export async function emulatorTarget(): Promise<StoreTarget & { emulator: Emulator }> {
  const emulator = await startEmulator({ port: 0 });
  return {
    name: 'emulator',
    listTitle: 'API Keys',
    emulator,
    admin: () => nodeSharePoint(emulator.siteUrl, emulator.users.adele.token, TEST_RETRY),
    secondAdmin: () => nodeSharePoint(emulator.siteUrl, emulator.users.alex.token, TEST_RETRY),
    close: () => emulator.close()
  };
}

/** App-only with a certificate (the app needs Sites.Selected write or Sites.FullControl.All on the site to provision). */
export function tenantTarget(config: TenantConfig): StoreTarget {
  const resource = new URL(config.siteUrl).origin;
  const privateKey = fs.readFileSync(config.certPath, 'utf8');
  const sp = (): SPFI =>
    spfi(config.siteUrl).using(
      SPDefault({ baseUrl: config.siteUrl }),
      MSAL(
        {
          auth: {
            authority: `https://login.microsoftonline.com/${config.tenantId}`,
            clientId: config.clientId,
            clientCertificate: { thumbprintSha256: config.thumbprintSha256, privateKey }
          }
        },
        [`${resource}/.default`]
      ),
      storeRequestBehaviors()
    );
  const listTitle = `API Keys contract ${Date.now()}`;
  return {
    name: 'tenant',
    listTitle,
    adminPrincipal: process.env.AKM_TENANT_ADMIN_PRINCIPAL,
    admin: sp,
    secondAdmin: sp,
    // The throwaway list goes to the site's recycle bin.
    close: async () => {
      await sp().web.lists.getByTitle(listTitle).delete();
    }
  };
}
