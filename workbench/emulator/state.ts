// Direct access to the emulated site for tests and the workbench (not HTTP): set scenarios up quickly.
import { randomBytes } from 'crypto';
import { DEFAULT_LIST_TITLE, KEY_COLUMNS, listDescription, SCHEMA_VERSION } from '../../src/data/keyListSchema';
import { ADMIN_BASE_PERMISSIONS, ADMIN_ROLE_DESCRIPTION, ADMIN_ROLE_NAME } from '../../src/data/keyListSecurity';
import type { GraphMode, SiteData } from './exchange';
import type { EmulatorUser } from './identity';
import { breakInheritance, findList } from './lists';
import { newField, newList, nowSp, recordChange } from './model';
import type { FieldState, ItemState, ListState } from './model';
import { spDate } from './odata';
import { GLOBAL_ADMIN_PRINCIPAL, READ } from './security';
import { appGrantsOf, setAppGrants } from './graphLists';
import { USAGE_COLUMNS, USAGE_LIST_TITLE, USAGE_SCHEMA_VERSION, usageListDescription } from '../../src/data/keyUsageSchema';
import { recordVersion } from './versions';
import { seedTenantStoreSetting, storageEntityControl } from './storageEntities';
import type { StorageEntityControl } from './storageEntities';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomTail(): string {
  const bytes = randomBytes(12);
  let tail = '';
  for (let i = 0; i < 12; i++) tail += BASE62.charAt(bytes[i] % 62);
  return tail;
}

export interface KeyItemInput {
  name: string;
  hash: string;
  tail: string;
  permission: 'ReadOnly' | 'FullControl';
  status?: 'Active' | 'Revoked';
  author: EmulatorUser;
  created?: Date;
  revokedBy?: EmulatorUser;
  revokedAt?: Date;
  /** When the key stops working (the Expires column, fixed in version 1.0). */
  expires?: Date;
}

export interface BulkInsertOptions {
  author?: EmulatorUser;
  namePrefix?: string;
  permission?: 'ReadOnly' | 'FullControl';
}

export interface EmulatorState extends StorageEntityControl {
  /** The list, by title (default 'API Keys'). */
  list(title?: string): ListState | undefined;
  /**
   * Creates the list exactly as a completed SharePointKeyStore.ensureProvisioned() leaves it: unique permissions
   * held by the Global Administrator principal alone, at the 'API Key Administrators' level; for the default title
   * also the usage list beside it (without the verifier's Graph grant: provisionUsageList() adds it).
   */
  provisionList(title?: string): ListState;
  deleteList(title?: string): void;
  /** true: unique permissions as provisioning leaves them (Global Administrator principal only); false: back to inheriting (the unsafe state). */
  breakListInheritance(unique: boolean, title?: string): void;
  /** Reset to inherit, then "Stop Inheriting Permissions" as the SharePoint UI does it: copying the site's groups (Owners Full Control, Members Edit, Visitors Read). */
  copyPermissionsFromSite(title?: string): void;
  /** Grants a principal (user or group id) a permission level on the list, as a site collection administrator could. */
  grantOnList(principalId: number, roleDefId: number, title?: string): void;
  /** Makes a user a site collection administrator of the key site in person (or not). */
  setSiteAdmin(user: EmulatorUser, admin: boolean): void;
  /**
   * A list created before provisioning by someone else (a team-site member may create lists): `squatter` holds Full
   * Control on it alone, it has the key columns, and, when `description` is given, that description (a copied
   * provisioning marker).
   */
  squatList(squatter: EmulatorUser, options?: { title?: string; description?: string }): ListState;
  /**
   * Overwrites values of the current version in place, without a new version (what a system update by a site
   * collection administrator can do): the one change version history cannot show.
   */
  overwriteInPlace(id: number, values: Record<string, unknown>, title?: string): void;
  /** Changes a column in place, for example its type, to stage a wrongly typed column. */
  setField(internalName: string, patch: Partial<FieldState>, title?: string): void;
  removeField(internalName: string, title?: string): void;
  /** Adds `count` keys with random hashes; returns their ids and hashes. Fast: meant for 20,000. */
  bulkInsertKeys(count: number, options?: BulkInsertOptions): { id: number; hash: string }[];
  insertKey(input: KeyItemInput, title?: string): ItemState;
  /**
   * A script's SystemUpdate (CSOM ListItem.SystemUpdate, PnP PowerShell `Set-PnPListItem -UpdateType SystemUpdate`):
   * values change in the current version, no new version is made, Modified and Editor stay, and the change log records
   * ChangeType 15 (SystemUpdate).
   */
  systemUpdateItem(id: number, values: Record<string, unknown>, title?: string): void;
  /** Another writer changes an item directly (any column, as a site collection administrator could): new ETag, new version recording `editor`, change log entry. */
  updateItem(id: number, values: Record<string, unknown>, editor?: EmulatorUser, title?: string): void;
  itemCount(title?: string): number;
  /**
   * The usage list as provisioning leaves it (hidden, NoCrawl, unique permissions: the Global Administrator principal
   * at Read alone) plus, unless `grantApp` is false, the deployer's Graph grant: the verifier's app holds `write` on
   * this list (POST /sites/{siteId}/lists/{listId}/permissions, graphLists.ts).
   */
  provisionUsageList(options?: { grantApp?: boolean }): ListState;
  /** Sets a key's last-used time in the usage list, as a verifier would have written it. */
  setLastUsed(keyId: number, tail: string, at: Date): void;
  setGraphMode(mode: GraphMode): void;
  setGraphPageSize(size: number): void;
  /** Empties the site, then seeds it, and the tenant setting naming it (pinned to the demo list; unpinned when empty). */
  reset(seed: 'demo' | 'empty'): void;
}

export function createState(site: SiteData): EmulatorState {
  const requireList = (title = DEFAULT_LIST_TITLE): ListState => {
    const list = findList(site, { title });
    if (!list) throw new Error(`The emulated site has no list '${title}'.`);
    return list;
  };

  const insertKey = (input: KeyItemInput, title?: string): ItemState => {
    const list = requireList(title);
    const created = input.created ? spDate(input.created) : nowSp();
    const revoked = input.status === 'Revoked';
    const item: ItemState = {
      id: list.nextItemId++,
      values: {
        Title: input.name,
        KeyHash: input.hash,
        KeyTail: input.tail,
        Permission: input.permission,
        Status: revoked ? 'Revoked' : 'Active',
        RevokedAt: revoked ? spDate(input.revokedAt ?? new Date()) : null,
        RevokedById: revoked ? (input.revokedBy ?? input.author).siteUserId : null,
        ...(input.expires ? { Expires: spDate(input.expires) } : {})
      },
      authorId: input.author.siteUserId,
      editorId: (revoked ? input.revokedBy ?? input.author : input.author).siteUserId,
      created,
      modified: revoked ? spDate(input.revokedAt ?? new Date()) : created,
      version: revoked ? 2 : 1
    };
    item.history = [{ version: 1, values: { ...item.values, Status: 'Active', RevokedAt: null, RevokedById: null }, editorId: input.author.siteUserId, modified: created }];
    if (revoked) item.history.push({ version: 2, values: { ...item.values }, editorId: item.editorId, modified: item.modified });
    list.items.set(item.id, item);
    recordChange(list, 1, item.id, created);
    if (revoked) recordChange(list, 2, item.id, item.modified);
    site.changed();
    return item;
  };

  /** The permission level provisioning creates, created here too when missing (same name, same rights). */
  const adminRoleDefinitionId = (): number => {
    const security = site.security;
    const existing = security.roleDefinitions.find((d) => d.Name === ADMIN_ROLE_NAME);
    if (existing) return existing.Id;
    const Id = security.nextRoleDefinitionId++;
    security.roleDefinitions.push({ Id, Name: ADMIN_ROLE_NAME, Description: ADMIN_ROLE_DESCRIPTION, Order: 1000, RoleTypeKind: 0, Hidden: false, BasePermissions: { ...ADMIN_BASE_PERMISSIONS } });
    return Id;
  };

  const grantAdminsOnly = (list: ListState): void => {
    list.hasUniqueRoleAssignments = true;
    list.roleAssignments = [{ principalId: GLOBAL_ADMIN_PRINCIPAL.siteUserId, roleDefId: adminRoleDefinitionId() }];
  };

  const addKeyColumns = (list: ListState): void => {
    for (const column of KEY_COLUMNS) {
      list.fields.push(
        newField(column.internalName, column.fieldTypeKind, column.kind, {
          Indexed: column.indexed,
          EnforceUniqueValues: column.unique,
          Choices: column.choices,
          MaxLength: column.kind === 'Text' ? 255 : undefined
        })
      );
    }
  };

  const state: EmulatorState = {
    ...storageEntityControl(site),
    list: (title = DEFAULT_LIST_TITLE) => findList(site, { title }),
    provisionList(title = DEFAULT_LIST_TITLE) {
      const existing = findList(site, { title });
      if (existing) return existing;
      const list = newList(title, listDescription(SCHEMA_VERSION));
      list.hidden = true;
      list.noCrawl = true;
      list.enableVersioning = true;
      grantAdminsOnly(list);
      addKeyColumns(list);
      site.lists.push(list);
      // A completed set-up leaves the usage list beside the key list; the verifier's Graph grant is the deployer's step.
      if (title === DEFAULT_LIST_TITLE) state.provisionUsageList({ grantApp: false });
      site.changed();
      return list;
    },
    deleteList(title = DEFAULT_LIST_TITLE) {
      const list = findList(site, { title });
      if (list) site.lists.splice(site.lists.indexOf(list), 1);
      site.changed();
    },
    breakListInheritance(unique, title) {
      const list = requireList(title);
      if (unique) {
        grantAdminsOnly(list);
      } else {
        list.hasUniqueRoleAssignments = false;
        list.roleAssignments = [];
      }
      site.changed();
    },
    copyPermissionsFromSite(title) {
      const list = requireList(title);
      list.hasUniqueRoleAssignments = false;
      list.roleAssignments = [];
      breakInheritance(site, list, true, undefined);
      site.changed();
    },
    grantOnList(principalId, roleDefId, title) {
      const list = requireList(title);
      if (!list.roleAssignments.some((a) => a.principalId === principalId && a.roleDefId === roleDefId)) list.roleAssignments.push({ principalId, roleDefId });
      site.changed();
    },
    setSiteAdmin(user, admin) {
      user.isSiteAdmin = admin;
    },
    squatList(squatter, options = {}) {
      const title = options.title ?? DEFAULT_LIST_TITLE;
      if (findList(site, { title })) throw new Error(`The emulated site already has a list '${title}'.`);
      const list = newList(title, options.description ?? '');
      breakInheritance(site, list, false, squatter.siteUserId);
      addKeyColumns(list);
      site.lists.push(list);
      site.changed();
      return list;
    },
    overwriteInPlace(id, values, title) {
      const list = requireList(title);
      const item = list.items.get(id);
      if (!item) throw new Error(`No item ${id}.`);
      Object.assign(item.values, values);
      const current = item.history && item.history[item.history.length - 1];
      if (current) Object.assign(current.values, values);
      site.changed();
    },
    setField(internalName, patch, title) {
      const field = requireList(title).fields.find((f) => f.InternalName === internalName);
      if (!field) throw new Error(`No column ${internalName}.`);
      Object.assign(field, patch);
      site.changed();
    },
    removeField(internalName, title) {
      const list = requireList(title);
      list.fields = list.fields.filter((f) => f.InternalName !== internalName);
      site.changed();
    },
    bulkInsertKeys(count, options = {}) {
      const author = options.author ?? site.users.adele;
      const inserted: { id: number; hash: string }[] = [];
      for (let i = 0; i < count; i++) {
        const hash = randomBytes(32).toString('hex');
        const item = insertKey({ name: `${options.namePrefix ?? 'Bulk key'} ${i + 1}`, hash, tail: randomTail(), permission: options.permission ?? (i % 3 === 0 ? 'FullControl' : 'ReadOnly'), author });
        inserted.push({ id: item.id, hash });
      }
      return inserted;
    },
    insertKey,
    updateItem(id, values, editor = site.users.alex, title) {
      const list = requireList(title);
      const item = list.items.get(id);
      if (!item) throw new Error(`No item ${id}.`);
      Object.assign(item.values, values);
      item.version += 1;
      item.modified = nowSp();
      item.editorId = editor.siteUserId;
      recordVersion(list, item);
      recordChange(list, 2, id, item.modified);
      site.changed();
    },
    systemUpdateItem(id, values, title) {
      // What a system update does to the item is an overwrite in place; it differs in the change log entry.
      state.overwriteInPlace(id, values, title);
      recordChange(requireList(title), 15, id, nowSp());
      site.changed();
    },
    itemCount: (title) => requireList(title).items.size,
    provisionUsageList(options = {}) {
      let list = findList(site, { title: USAGE_LIST_TITLE });
      if (!list) {
        list = newList(USAGE_LIST_TITLE, usageListDescription(USAGE_SCHEMA_VERSION));
        list.hidden = true;
        list.noCrawl = true;
        list.hasUniqueRoleAssignments = true;
        list.roleAssignments = [{ principalId: GLOBAL_ADMIN_PRINCIPAL.siteUserId, roleDefId: READ }];
        for (const column of USAGE_COLUMNS) list.fields.push(newField(column.internalName, column.fieldTypeKind, column.kind, { Indexed: column.indexed, EnforceUniqueValues: column.unique }));
        site.lists.push(list);
      }
      if (options.grantApp !== false && !appGrantsOf(list).some((g) => g.appId === site.users.app.objectId)) {
        setAppGrants(list, appGrantsOf(list).concat([{ id: 'aTowaS50fG1zLnNwLmV4dHw5ZDFjMmIzYQ', appId: site.users.app.objectId, displayName: site.users.app.displayName, roles: ['write'] }]));
      }
      site.changed();
      return list;
    },
    setLastUsed(keyId, tail, at) {
      const list = findList(site, { title: USAGE_LIST_TITLE }) ?? state.provisionUsageList();
      const existing = Array.from(list.items.values()).find((i) => i.values.KeyId === keyId);
      const when = spDate(at);
      if (existing) {
        existing.values.LastUsed = when;
        existing.version++;
        existing.modified = when;
        recordChange(list, 2, existing.id, when);
      } else {
        const item: ItemState = { id: list.nextItemId++, values: { Title: tail, KeyId: keyId, LastUsed: when }, authorId: site.users.app.siteUserId, editorId: site.users.app.siteUserId, created: when, modified: when, version: 1 };
        list.items.set(item.id, item);
        recordChange(list, 1, item.id, when);
      }
      site.changed();
    },
    setGraphMode(mode) {
      site.graph.mode = mode;
    },
    setGraphPageSize(size) {
      site.graph.pageSize = Math.max(1, Math.floor(size));
    },
    reset(seed) {
      site.lists.splice(0, site.lists.length);
      if (seed === 'demo') seedDemo(state, site);
      seedTenantStoreSetting(site);
      site.changed();
    }
  };
  return state;
}

const DEMO_NAMES = [
  'Power Automate: invoice approvals',
  'Logic App: HR onboarding',
  'Azure Function: order sync',
  'Contoso Portal (production)',
  'Contoso Portal (staging)',
  'Fabrikam partner feed',
  'Teams bot: helpdesk',
  'Nightly data export',
  'Power BI refresh gateway',
  'Dynamics connector',
  'Warehouse scanner app',
  'Marketing site forms',
  'CI pipeline smoke tests',
  'Payroll reconciliation',
  'Field service mobile app',
  'Customer survey webhook',
  'Legacy ERP bridge',
  'Analytics ingestion',
  'Support ticket triage flow',
  'Sales dashboard',
  'Intranet news widget',
  'Contract archive job',
  'Expense reports connector',
  'IoT telemetry relay',
  'Partner onboarding flow'
];

/** About 25 keys by several admins over the last months, a few revoked. */
function seedDemo(state: EmulatorState, site: SiteData): void {
  state.provisionList();
  state.provisionUsageList();
  const authors = [site.users.adele, site.users.alex, site.users.adele];
  const day = 24 * 3600 * 1000;
  const start = Date.now() - 120 * day;
  const now = Date.now();
  // Last used, as verifiers would have recorded it: recent for most active keys, months ago for one forgotten key
  // (the first, generated 230 days ago), never for several (stale keys an admin should find and revoke).
  const lastUsedAgo = [200 * day, 3 * 60_000, undefined, 2 * 3600_000, 30 * day, 40_000, undefined, 26 * 3600_000, 6 * day, undefined, 11 * 60_000, 4 * day];
  // Expiry, as admins chose it: a year or 180 days for some keys, none for most; one key expiring within the 14-day
  // flag (the newest but one) and one past its date (Expired) so the columns, filters and flag have something to show.
  const expiresFor = (i: number, created: Date): Date | undefined => {
    if (i === DEMO_NAMES.length - 2) return new Date(now + 5 * day + 3 * 3600_000);
    if (i === 1) return new Date(now - 3 * day);
    if (i % 5 === 0) return new Date(created.getTime() + 365 * day);
    if (i % 5 === 3) return new Date(created.getTime() + 180 * day);
    return undefined;
  };
  DEMO_NAMES.forEach((name, i) => {
    const created = i === 0 ? new Date(now - 230 * day) : new Date(start + i * 4.5 * day + (i % 7) * 3600 * 1000);
    const revoked = i % 6 === 4;
    const item = state.insertKey({
      name,
      hash: randomBytes(32).toString('hex'),
      tail: randomTail(),
      permission: i % 3 === 1 ? 'ReadOnly' : 'FullControl',
      status: revoked ? 'Revoked' : 'Active',
      author: authors[i % authors.length],
      created,
      revokedBy: revoked ? authors[(i + 1) % 2] : undefined,
      revokedAt: revoked ? new Date(created.getTime() + 10 * day) : undefined,
      expires: expiresFor(i, created)
    });
    const ago = lastUsedAgo[i % lastUsedAgo.length];
    const expires = item.values.Expires ? new Date(String(item.values.Expires)).getTime() : Infinity;
    // Never used after its expiry: verifiers refuse it from then on.
    const usedAt = ago === undefined ? undefined : Math.min(Math.max(created.getTime() + 3600_000, now - ago), expires - 3600_000);
    if (usedAt !== undefined && !revoked) state.setLastUsed(item.id, String(item.values.KeyTail), new Date(usedAt));
  });
}
