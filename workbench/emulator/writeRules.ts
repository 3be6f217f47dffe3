// What SharePoint refuses on a write, beyond permissions and ETags. Each rule cites where the limit comes from; where
// no public source gives SharePoint's exact answer, the status and code follow the exception SharePoint raises for the
// same family of error and docs/emulator.md says so ("answer inferred").
import { createHash } from 'crypto';
import type { FieldState, ItemState, ListState } from './model';
import { compareValues, ODataError } from './odata';

/**
 * `__metadata.type` of an item body must name the list's own item type (ListItemEntityTypeFullName:
 * https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest "This value
 * must be passed as the type property in the metadata"). Answer: 400 `-1, Microsoft.SharePoint.Client.InvalidClientQueryException`
 * "A type named '...' could not be resolved by the model. When a model is available, each type name must resolve to a
 * valid type." (SharePoint Online's words in pnp/pnpjs#1294; pnp/pnpjs#942 and s-KaiNet/sp-request#18 for a wrong item
 * type answered 400). A JSON light body (PnPjs v4 sends `application/json`) needs none; a verbose one
 * (`Content-Type: ...odata=verbose`) without it is refused with "An entry without a type name was found, but no
 * expected type was specified. ..." (the same code; quoted in tuan-tomy.blogspot.com 2016-02 "Fix some errors when
 * working with REST API").
 */
export function checkItemType(body: unknown, expected: string, contentType: string | undefined): void {
  if (body === null || typeof body !== 'object') return;
  const metadata = (body as Record<string, unknown>).__metadata;
  if (metadata === undefined) {
    if (/odata=verbose/i.test(contentType ?? '')) {
      throw new ODataError(
        400,
        '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
        'An entry without a type name was found, but no expected type was specified. To allow entries without type information, the expected type must also be specified when the model is specified.'
      );
    }
    return;
  }
  const type = metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>).type : undefined;
  if (type !== expected) {
    throw new ODataError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `A type named '${String(type)}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`
    );
  }
}

/**
 * A single line of text holds at most its MaxLength characters, 255 at most and by default, Title included ("the Title
 * field (a single line of text, max 255 characters)", SharePoint/sp-dev-docs#9456; pnp/PnP#1383 and
 * SharePoint/PnP-Partner-Pack#106 for writes that broke on it). SharePoint's words for a
 * longer value: "Invalid text value. A text field contains invalid data. Please check the value and try again."
 * (blogs.msdn.com sanjaynarang 2009 and red-gate "SharePoint's way of saying your string is too long"); raised as a plain
 * SPException, whose HRESULT is COR_E_APPLICATION (-2146232832), answered 500 like the other SPExceptions here (answer inferred).
 */
export function checkTextLengths(fields: FieldState[], values: Record<string, unknown>): void {
  for (const field of fields) {
    if (field.FieldTypeKind !== 2) continue;
    const value = values[field.InternalName];
    if (typeof value === 'string' && value.length > (field.MaxLength ?? 255)) {
      throw new ODataError(500, '-2146232832, Microsoft.SharePoint.SPException', 'Invalid text value.\n\nA text field contains invalid data. Please check the value and try again.');
    }
  }
}

/** SP.List.Title and SP.ListCreationInformation.Title: "Its length must be equal to or less than 255". */
export const LIST_TITLE_MAX_LENGTH = 255;

/**
 * https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee545356(v=office.14) (List.Title)
 * and https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-visio/jj245739(v=office.15)
 * (ListCreationInformation.title): the limit is 255, not 512. A parameter out of its range is an
 * ArgumentOutOfRangeException (HRESULT -2146233086), answered 400 (answer inferred).
 */
export function checkListTitle(title: string): void {
  if (title.length > LIST_TITLE_MAX_LENGTH) {
    throw new ODataError(400, '-2146233086, System.ArgumentOutOfRangeException', 'Specified argument was out of the range of valid values.\nParameter name: Title');
  }
}

/**
 * List templates SharePoint Online creates through REST (the SPListTemplateType / ListTemplateType enumeration;
 * BaseTemplate 100 in working-with-lists-and-list-items-with-rest); BaseType 1 for libraries, 3 for discussion boards.
 * Other numbers: 400 ArgumentException "Value does not fall within the expected range." (answer inferred). Only the
 * list's properties follow the template: the columns stay those of a generic list (docs/emulator.md).
 */
export const LIST_TEMPLATES: Record<number, { baseType: number; name: string }> = {
  100: { baseType: 0, name: 'GenericList' },
  101: { baseType: 1, name: 'DocumentLibrary' },
  103: { baseType: 0, name: 'Links' },
  104: { baseType: 0, name: 'Announcements' },
  105: { baseType: 0, name: 'Contacts' },
  106: { baseType: 0, name: 'Events' },
  107: { baseType: 0, name: 'Tasks' },
  108: { baseType: 3, name: 'DiscussionBoard' },
  109: { baseType: 1, name: 'PictureLibrary' },
  119: { baseType: 1, name: 'WebPageLibrary' },
  171: { baseType: 0, name: 'TasksWithTimelineAndHierarchy' },
  851: { baseType: 1, name: 'AssetLibrary' }
};

export function checkListTemplate(template: unknown): number {
  if (template === undefined) return 100;
  if (typeof template !== 'number' || LIST_TEMPLATES[template] === undefined) {
    throw new ODataError(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range.');
  }
  return template;
}

/**
 * Turning on EnforceUniqueValues over a column that already holds a value twice (compared case-insensitively, as the
 * unique index does) is refused: a unique index cannot be built over duplicates, and SharePoint's column settings tell
 * the user to remove the duplicate values first (DESIGN.md, Wire facts, for the case-insensitive comparison). Raised as
 * SPDuplicateValuesFoundException like a duplicate write, 500; the wording is inferred (docs/emulator.md).
 */
export function checkNoDuplicates(list: ListState, field: FieldState): void {
  const key = field.FieldTypeKind === 20 ? `${field.InternalName}Id` : field.InternalName;
  const seen: unknown[] = [];
  let duplicate = false;
  list.items.forEach((item: ItemState) => {
    const value = field.InternalName === 'Title' ? item.values.Title : item.values[key];
    if (duplicate || value === undefined || value === null || value === '') return;
    if (seen.some((s) => compareValues(s, value) === 0)) duplicate = true;
    else seen.push(value);
  });
  if (duplicate) {
    throw new ODataError(500, '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException', 'This field contains duplicate values. Remove all duplicate values and try the operation again.');
  }
}

/**
 * An item's UniqueId: stable for the item's life, derived here from the list and item ids. SharePoint's 412 names the
 * object's ETag as `"<UniqueId>,<version>"` even for list items, whose own ETag is `"<version>"`: "The request ETag value
 * '"4"' does not match the object's ETag value '"66b3501f-75a0-4716-8884-b2d93681eded,5"'." (SharePoint Online, quoted in
 * pnp/sp-dev-fx-controls-react#2051 and #1509).
 */
export function itemUniqueId(list: ListState, item: ItemState): string {
  const hex = createHash('sha1').update(`${list.id}/${item.id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
