import type { AdminRoleChecker, AdminRoleResult } from './KeyStore.types';

/** The least the role check needs from a Graph client: SPFx's MSGraphClientV3 and fetch both adapt to it in a few lines. */
export interface GraphRequester {
  /** GET a path below /v1.0 (e.g. `/me/transitiveMemberOf?...`) or an absolute `@odata.nextLink`; resolves to the parsed JSON, rejects on an HTTP error. */
  get(pathOrUrl: string, headers?: Record<string, string>): Promise<unknown>;
}

/** Role template id of Global Administrator, the same in every tenant. */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/**
 * Transitive, so roles held through role-assignable groups count. No type cast and no $filter: those need
 * `ConsistencyLevel: eventual` and `$count`; the page filters directoryRole entries itself instead
 * (https://learn.microsoft.com/en-us/graph/api/user-list-transitivememberof).
 */
export const MEMBERSHIP_QUERY = '/me/transitiveMemberOf?$select=id,displayName,roleTemplateId';

const DIRECTORY_ROLE = '#microsoft.graph.directoryRole';
/** A hostile or broken nextLink chain must not spin forever. */
const MAX_PAGES = 50;

interface MembershipPage {
  value?: { '@odata.type'?: string; roleTemplateId?: string | null }[];
  '@odata.nextLink'?: string;
}

/**
 * Is the signed-in user an active Entra Global Administrator? Fails closed: an error, or role entries without
 * roleTemplateId (Graph's "limited information" when RoleManagement.Read.Directory was not approved), means no.
 * The answer is computed once per instance (the page's life).
 */
export class GraphAdminRoleChecker implements AdminRoleChecker {
  private readonly _graph: GraphRequester;
  private _result: Promise<AdminRoleResult> | undefined;

  public constructor(graph: GraphRequester) {
    this._graph = graph;
  }

  public check(): Promise<AdminRoleResult> {
    if (!this._result) {
      this._result = this._evaluate();
    }
    return this._result;
  }

  private async _evaluate(): Promise<AdminRoleResult> {
    let hiddenRoles = 0;
    try {
      let next: string | undefined = MEMBERSHIP_QUERY;
      for (let pages = 0; next !== undefined; pages++) {
        if (pages >= MAX_PAGES) {
          return { isGlobalAdmin: false, reason: 'error', detail: `Graph kept returning pages after ${MAX_PAGES}.` };
        }
        const page = (await this._graph.get(next)) as MembershipPage | null;
        const entries = page && Array.isArray(page.value) ? page.value : [];
        for (const entry of entries) {
          if (entry['@odata.type'] !== DIRECTORY_ROLE) {
            continue;
          }
          if (typeof entry.roleTemplateId !== 'string' || entry.roleTemplateId === '') {
            hiddenRoles++;
          } else if (entry.roleTemplateId.toLowerCase() === GLOBAL_ADMINISTRATOR_TEMPLATE_ID) {
            return { isGlobalAdmin: true };
          }
        }
        next = page && typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
      }
    } catch (error) {
      return { isGlobalAdmin: false, reason: 'error', detail: error instanceof Error ? error.message : String(error) };
    }
    if (hiddenRoles > 0) {
      return {
        isGlobalAdmin: false,
        reason: 'grant-missing',
        // Since March 2025 SPFx gets its tokens as the shared "SharePoint Online Web Client Extensibility" principal
        // (https://devblogs.microsoft.com/microsoft365dev/changes-on-sharepoint-framework-spfx-permission-grants-in-microsoft-entra-id/);
        // only a Global Administrator may approve a Microsoft Graph scope (https://learn.microsoft.com/sharepoint/api-access).
        detail: `Microsoft Graph hid the details of ${hiddenRoles} directory role(s): a Global Administrator must approve Microsoft Graph RoleManagement.Read.Directory on the API access page of the SharePoint admin center. The approval goes to the shared "SharePoint Online Web Client Extensibility" principal and applies to every SharePoint Framework solution in the tenant.`
      };
    }
    return { isGlobalAdmin: false, reason: 'not-assigned' };
  }
}
