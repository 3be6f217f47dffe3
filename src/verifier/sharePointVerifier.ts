import { MSAL, SPDefault } from '@pnp/nodejs';
import { spfi } from '@pnp/sp';
import type { SPFI } from '@pnp/sp';
import { SharePointKeyStore } from '../data';
import { GraphKeyUsageWriter, locateUsageList } from '../data/GraphKeyUsageWriter';
import { KeyVerifier } from './KeyVerifier';
import type { KeyVerifierOptions } from './KeyVerifier.types';
import { VerifierFetch } from './verifierFetch';

/** An Entra app registration's certificate credential (the app holds Sites.Selected, read, on the store's site). */
export interface AppCertificateCredential {
  tenantId: string;
  clientId: string;
  /** Hex SHA-256 thumbprint of the certificate uploaded to the app registration. */
  thumbprintSha256: string;
  /** PEM private key (-----BEGIN PRIVATE KEY-----). Load it from a vault or a protected file, never from source. */
  privateKey: string;
}

/** Last-used recording: the verifier writes the usage list ('API Key Usage', beside the key list) through Microsoft Graph. */
export interface SharePointLastUsedOptions {
  /** Default https://graph.microsoft.com/v1.0. */
  graphUrl?: string;
  /**
   * An app-only Microsoft Graph token of the same app (for https://graph.microsoft.com/.default), e.g. from
   * @azure/msal-node's ConfidentialClientApplication.acquireTokenByClientCredential with the same certificate.
   */
  token: () => Promise<string>;
  /** At most one write per key per window (across instances sharing Redis). Default 5 minutes. */
  windowMs?: number;
  /** How often pending uses are looked at. Default 1 s. */
  flushIntervalMs?: number;
}

export interface SharePointVerifierOptions extends Omit<KeyVerifierOptions, 'store' | 'changes'> {
  /**
   * Records when each key was last used (the app needs Lists.SelectedOperations.Selected with `write` on the usage
   * list, see README). `false` or absent: nothing is recorded.
   */
  recordLastUsed?: SharePointLastUsedOptions | false;
  /** The site that holds the hidden list, e.g. https://contoso.sharepoint.com/sites/apikeys. */
  siteUrl: string;
  /** The list's title when not the product's default (only used while the list is not pinned by id). */
  listTitle?: string;
  /**
   * Login name of the tenant's Global Administrator principal (`c:0t.c|tenant|<id>`), the one principal allowed to
   * write the list: the page's set-up reports it. Required in practice: the app cannot read the root site where
   * SharePoint shows it, and start() refuses to run without knowing it.
   */
  adminPrincipal?: string;
  /** Site collection administrators of the key site (login names) who hold the Global Administrator role: not exposures. */
  trustedSiteAdmins?: string[];
  /**
   * The list's id, as pinned in the tenant setting ApiKeyManagement.Store: pass the same setting the page reads,
   * e.g. `...parseTenantStoreSetting(process.env.AKM_STORE)`, so verifier and page use one list, even renamed.
   */
  listId?: string;
  /** Production: app-only access with a certificate. */
  credential?: AppCertificateCredential;
  /** Instead of `credential`: a ready PnPjs root (the workbench passes one with a bearer-token behavior for the emulator). */
  sp?: SPFI;
}

/** PnPjs for Node, app-only: SPDefault (headers, retrying fetch, parsing) and MSAL's client-credentials flow with the certificate. */
export function appOnlySharePoint(siteUrl: string, credential: AppCertificateCredential): SPFI {
  const resource = new URL(siteUrl).origin;
  return spfi(siteUrl).using(
    SPDefault({ baseUrl: siteUrl }),
    MSAL(
      {
        auth: {
          authority: `https://login.microsoftonline.com/${credential.tenantId}`,
          clientId: credential.clientId,
          clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKey }
        }
      },
      [`${resource}/.default`]
    )
  );
}

/**
 * The production verifier: the same SharePointKeyStore the page uses, read app-only, with its change
 * log. Call `await verifier.start()` before serving: it refuses a list that inherits permissions or that anyone
 * but the Global Administrator principal can write.
 */
export function createSharePointVerifier(options: SharePointVerifierOptions): KeyVerifier {
  const { siteUrl, listTitle, listId, credential, sp, adminPrincipal, trustedSiteAdmins, recordLastUsed: lastUsed, ...verifierOptions } = options;
  let root: SPFI;
  if (sp !== undefined) {
    root = sp;
  } else if (credential !== undefined) {
    root = appOnlySharePoint(siteUrl, credential);
  } else {
    throw new TypeError('createSharePointVerifier needs either `credential` (production) or `sp` (a configured PnPjs root).');
  }
  // A copy of the caller's root, whose send is replaced: the verifier owns its retry policy (VerifierFetch).
  const store = new SharePointKeyStore(spfi(root).using(VerifierFetch()), { ...(listTitle === undefined ? {} : { listTitle }), listId, adminPrincipal, trustedSiteAdmins });
  const reader = spfi(root).using(VerifierFetch());
  let usage = verifierOptions.lastUsed;
  if (lastUsed) {
    const writer = new GraphKeyUsageWriter({ graphUrl: lastUsed.graphUrl ?? 'https://graph.microsoft.com/v1.0', token: lastUsed.token, locate: () => locateUsageList(reader) });
    usage = { store: writer, windowMs: lastUsed.windowMs, flushIntervalMs: lastUsed.flushIntervalMs };
  }
  return new KeyVerifier({ ...verifierOptions, store, changes: store, lastUsed: usage });
}

