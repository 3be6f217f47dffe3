// The emulated site's data: one site, its lists, their fields, items and change log. Plain JSON so
// persistence is a straight dump; handlers in lists.ts, fields.ts, items.ts and changes.ts act on it.
import { randomUUID } from 'crypto';
import { spDate } from './odata';

export interface FieldState {
  Id: string;
  InternalName: string;
  StaticName: string;
  Title: string;
  /** SP.FieldType: 2 Text, 4 DateTime, 5 Counter, 6 Choice, 20 User. */
  FieldTypeKind: number;
  TypeAsString: string;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
  Required: boolean;
  Hidden: boolean;
  ReadOnlyField: boolean;
  Description: string;
  Group: string;
  MaxLength?: number;
  Choices?: string[];
  DefaultValue?: string | null;
  DisplayFormat?: number;
  SelectionMode?: number;
  /** Columns every list has (Title, ID, Created, Author...). */
  builtIn: boolean;
}

/**
 * Built-in columns have the same id in every list of every site (SPBuiltInFieldId; e.g. Title
 * fa564e0f-0c70-4ab9-b863-0177e6ddd247, Author 1df5e554-ec7e-46a6-901d-d85a3881cb18, as SPMeta2's BuiltInFieldId and
 * PnP's provisioning schema list them).
 */
export const BUILT_IN_FIELD_IDS = {
  ID: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1',
  Title: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247',
  Created: '8c06beca-0777-48f7-91c7-6da68bc07b69',
  Modified: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f',
  Author: '1df5e554-ec7e-46a6-901d-d85a3881cb18',
  Editor: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2'
};

export interface ItemState {
  id: number;
  /** Column values by internal name; a person column X keeps its user id under `XId`. */
  values: Record<string, unknown>;
  authorId: number;
  editorId: number;
  created: string;
  modified: string;
  /** ETag version: "\"<version>\"", 1 on creation, +1 on every update. */
  version: number;
  /** Version history (versions.ts): one entry per write while the list keeps versions, oldest first. */
  history?: ItemVersionState[];
}

/** What a version of an item recorded: its values and who made it, when. */
export interface ItemVersionState {
  version: number;
  values: Record<string, unknown>;
  editorId: number;
  modified: string;
}

export interface ChangeState {
  /** Position in the list's change log (the last part of the change token). */
  number: number;
  /** SP.ChangeType: 1 Add, 2 Update, 3 DeleteObject, 7 Restore, 15 SystemUpdate. */
  type: ChangeTypeNumber;
  itemId: number;
  time: string;
  /** Milliseconds since the epoch (time-only change tokens compare to it; older data files lack it). */
  at?: number;
}

export type ChangeTypeNumber = 1 | 2 | 3 | 7 | 15;

export interface RoleAssignmentState {
  principalId: number;
  roleDefId: number;
}

export interface ListState {
  id: string;
  title: string;
  description: string;
  hidden: boolean;
  noCrawl: boolean;
  enableVersioning: boolean;
  hasUniqueRoleAssignments: boolean;
  roleAssignments: RoleAssignmentState[];
  fields: FieldState[];
  /** Items by id, in id order (ids only grow). */
  items: Map<number, ItemState>;
  nextItemId: number;
  changes: ChangeState[];
  changeCounter: number;
  /** Tokens issued before this time (ms) are answered with "before the start of the current change log" (changes.ts). */
  changeLogStartMs?: number;
  created: string;
  lastItemModified: string;
  /** SPListTemplateType the list was created with; absent in data saved before it was kept (= 100). */
  baseTemplate?: number;
  onQuickLaunch?: boolean;
}

export const SITE_ID = '3f2b7c1e-8a4d-4b6f-9c0e-1d2e3f405162';
export const WEB_ID = '7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

export function nowSp(): string {
  return spDate(new Date());
}

function builtInField(internalName: string, title: string, kind: number, typeAsString: string, extra: Partial<FieldState> = {}): FieldState {
  return {
    Id: randomUUID(),
    InternalName: internalName,
    StaticName: internalName,
    Title: title,
    FieldTypeKind: kind,
    TypeAsString: typeAsString,
    Indexed: false,
    EnforceUniqueValues: false,
    Required: false,
    Hidden: false,
    ReadOnlyField: false,
    Description: '',
    Group: '_Hidden',
    builtIn: true,
    ...extra
  };
}

/** A new generic list (BaseTemplate 100) as SharePoint creates it: inheriting permissions, the standard columns. */
export function newList(title: string, description: string): ListState {
  const created = nowSp();
  return {
    id: randomUUID(),
    title,
    description,
    hidden: false,
    noCrawl: false,
    enableVersioning: false,
    hasUniqueRoleAssignments: false,
    roleAssignments: [],
    fields: [
      builtInField('ID', 'ID', 5, 'Counter', { Id: BUILT_IN_FIELD_IDS.ID, ReadOnlyField: true, Indexed: true }),
      builtInField('Title', 'Title', 2, 'Text', { Id: BUILT_IN_FIELD_IDS.Title, Required: true, MaxLength: 255, Group: 'Custom Columns' }),
      builtInField('Created', 'Created', 4, 'DateTime', { Id: BUILT_IN_FIELD_IDS.Created, ReadOnlyField: true }),
      builtInField('Modified', 'Modified', 4, 'DateTime', { Id: BUILT_IN_FIELD_IDS.Modified, ReadOnlyField: true }),
      builtInField('Author', 'Created By', 20, 'User', { Id: BUILT_IN_FIELD_IDS.Author, ReadOnlyField: true }),
      builtInField('Editor', 'Modified By', 20, 'User', { Id: BUILT_IN_FIELD_IDS.Editor, ReadOnlyField: true })
    ],
    items: new Map(),
    nextItemId: 1,
    changes: [],
    changeCounter: 0,
    created,
    lastItemModified: created
  };
}

export function newField(title: string, kind: number, typeAsString: string, properties: Partial<FieldState>): FieldState {
  const internalName = title.replace(/ /g, '_x0020_');
  return {
    ...builtInField(internalName, title, kind, typeAsString, properties),
    InternalName: internalName,
    StaticName: internalName,
    Title: title,
    Group: 'Custom Columns',
    builtIn: false
  };
}

export function recordChange(list: ListState, type: ChangeTypeNumber, itemId: number, time: string): void {
  list.changeCounter += 1;
  // A write made now keeps the precise moment; a seeded change dated in the past keeps its date.
  const dated = Date.parse(time);
  const at = Math.abs(Date.now() - dated) < 1000 ? Date.now() : dated;
  list.changes.push({ number: list.changeCounter, type, itemId, time, at });
}

export function etagOf(item: ItemState): string {
  return `"${item.version}"`;
}

/** SharePoint's change token: `1;3;<listId>;<ticks>;<change number>` (scope 3 = list). */
export function changeToken(list: ListState, number: number, time: string): string {
  const ticks = BigInt(new Date(time).getTime()) * BigInt(10000) + BigInt('621355968000000000');
  return `1;3;${list.id};${ticks.toString()};${number}`;
}

export function parseChangeToken(token: string): { listId: string; number: number } | undefined {
  const parts = token.split(';');
  if (parts.length !== 5) return undefined;
  const number = Number(parts[4]);
  return Number.isInteger(number) ? { listId: parts[2], number } : undefined;
}
