// Who is calling. SharePoint Online takes the FedAuth cookie in a browser and an OAuth bearer token
// from apps (https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/complete-basic-operations-using-sharepoint-rest-endpoints);
// the emulator stands a fixed token in for both: `Authorization: Bearer <token>` or cookie `wb_user=<token>`.
import type * as http from 'http';

export type Role = 'owner' | 'member' | 'visitor' | 'app-reader';

export interface EmulatorUser {
  token: string;
  displayName: string;
  email: string;
  /** The user's id in the site's User Information List (AuthorId, RevokedById). */
  siteUserId: number;
  /** Holds the Global Administrator role *actively* (and so carries its claim principal; see security.ts). */
  isGlobalAdmin: boolean;
  /** Site-level standing: owners (the site's Owners group), members, visitors, or the Sites.Selected app principal (read). */
  role: Role;
  /**
   * A site collection administrator in person (keeps access to every list whatever its permissions). Active
   * Global Administrators are site admins of the key site through the Global Administrator principal instead.
   */
  isSiteAdmin: boolean;
  loginName: string;
  /** Graph object id. */
  objectId: string;
}

export interface EmulatorUsers {
  adele: EmulatorUser;
  alex: EmulatorUser;
  megan: EmulatorUser;
  lee: EmulatorUser;
  /** Global Administrator through PIM, eligible but not activated: no claim, no admin rights. */
  patti: EmulatorUser;
  nestor: EmulatorUser;
  /** Not a Global Administrator; tests make him a site collection administrator (state.setSiteAdmin). */
  diego: EmulatorUser;
  app: EmulatorUser;
  all: EmulatorUser[];
  byToken(token: string): EmulatorUser | undefined;
  bySiteUserId(id: number): EmulatorUser | undefined;
}

/** The site's Owners group (SharePoint numbers the three default groups 3, 4, 5 on a new site). */
export const OWNERS_GROUP = { Id: 3, Title: 'API Keys Owners', LoginName: 'API Keys Owners', PrincipalType: 8 };
export const VISITORS_GROUP = { Id: 4, Title: 'API Keys Visitors', LoginName: 'API Keys Visitors', PrincipalType: 8 };
export const MEMBERS_GROUP = { Id: 5, Title: 'API Keys Members', LoginName: 'API Keys Members', PrincipalType: 8 };
/** Role definition id of Full Control (RoleTypeKind.Administrator) on every SharePoint site. */
export const FULL_CONTROL_ROLE_DEF_ID = 1073741829;

function person(token: string, displayName: string, alias: string, siteUserId: number, role: Role, isGlobalAdmin: boolean, isSiteAdmin: boolean, objectId: string): EmulatorUser {
  const email = `${alias}@contoso.onmicrosoft.com`;
  return { token, displayName, email, siteUserId, isGlobalAdmin, role, isSiteAdmin, loginName: `i:0#.f|membership|${email}`, objectId };
}

export function createUsers(): EmulatorUsers {
  const adele = person('admin-adele', 'Adele Vance', 'adelev', 11, 'owner', true, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000011');
  const alex = person('admin-alex', 'Alex Wilber', 'alexw', 12, 'owner', true, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000012');
  const megan = person('owner-megan', 'Megan Bowen', 'meganb', 13, 'owner', false, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000013');
  const lee = person('member-lee', 'Lee Gu', 'leeg', 14, 'member', false, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000014');
  const patti = person('eligible-patti', 'Patti Fernandez', 'pattif', 16, 'owner', false, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000016');
  const nestor = person('visitor-nestor', 'Nestor Wilke', 'nestorw', 17, 'visitor', false, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000017');
  const diego = person('siteadmin-diego', 'Diego Siciliani', 'diegos', 18, 'owner', false, false, '5a6f1e2b-1d3c-4c5e-9f10-aa0000000018');
  const app: EmulatorUser = {
    token: 'app-verifier',
    displayName: 'API Key Verifier (app)',
    email: '',
    siteUserId: 15,
    isGlobalAdmin: false,
    role: 'app-reader',
    isSiteAdmin: false,
    loginName: 'i:0i.t|ms.sp.ext|9d1c2b3a-0000-4000-8000-00000000a991@contoso',
    objectId: '9d1c2b3a-0000-4000-8000-00000000a991'
  };
  const all = [adele, alex, megan, lee, patti, nestor, diego, app];
  return {
    adele,
    alex,
    megan,
    lee,
    patti,
    nestor,
    diego,
    app,
    all,
    byToken: (token) => all.find((u) => u.token === token),
    bySiteUserId: (id) => all.find((u) => u.siteUserId === id)
  };
}

/** The caller's token: bearer header first (Node, apps), then the workbench's cookie (browser). */
export function tokenOf(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const cookie = req.headers.cookie;
  if (cookie) {
    const match = /(?:^|;\s*)wb_user=([^;]+)/.exec(cookie);
    if (match) return decodeURIComponent(match[1]);
  }
  return undefined;
}

export function usesCookie(req: http.IncomingMessage): boolean {
  return !(req.headers.authorization && /^Bearer\s+/i.test(req.headers.authorization));
}
