// A list's fields (columns). Sources:
// - Creating fields: PnPjs 4.19 fields.add() POSTs to .../fields in verbose OData
//   (`Accept`/`Content-Type: application/json;odata=verbose`, body `{"__metadata":{"type":"SP.FieldText"},"Title",...}`,
//   Choices as `{"results":[...]}`) and SharePoint answers `{"d":{...}}` (pnp/pnpjs packages/sp/fields/types.ts, which
//   points to https://msdn.microsoft.com/en-us/library/office/dn600182.aspx for the properties); the format of the
//   answer (verbose, minimal, nometadata) is formats.ts's.
// - field.update() POSTs X-HTTP-Method MERGE without IF-Match (pnp/pnpjs packages/sp/fields/types.ts).
// - EnforceUniqueValues needs an indexed column ("When you set this property to true, you should also set the Indexed
//   property to true": https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-csom/ee543809(v=office.15));
//   SharePoint Online refuses with "This field must be indexed to enforce unique values." (DESIGN.md, Wire facts).
import { json } from './exchange';
import type { Reply, RequestContext } from './exchange';
import { newField } from './model';
import type { FieldState, ListState } from './model';
import { evaluateFilter, ODataError, parseFilter, splitList } from './odata';
import { demand } from './permissions';
import { checkNoDuplicates } from './writeRules';

const TYPES: Record<number, { odataType: string; typeAsString: string }> = {
  2: { odataType: 'SP.FieldText', typeAsString: 'Text' },
  3: { odataType: 'SP.FieldMultiLineText', typeAsString: 'Note' },
  4: { odataType: 'SP.FieldDateTime', typeAsString: 'DateTime' },
  5: { odataType: 'SP.Field', typeAsString: 'Counter' },
  6: { odataType: 'SP.FieldChoice', typeAsString: 'Choice' },
  8: { odataType: 'SP.Field', typeAsString: 'Boolean' },
  9: { odataType: 'SP.FieldNumber', typeAsString: 'Number' },
  20: { odataType: 'SP.FieldUser', typeAsString: 'User' }
};

function fieldProperties(field: FieldState): Record<string, unknown> {
  const props: Record<string, unknown> = {
    DefaultValue: field.DefaultValue ?? null,
    Description: field.Description,
    EnforceUniqueValues: field.EnforceUniqueValues,
    FieldTypeKind: field.FieldTypeKind,
    Group: field.Group,
    Hidden: field.Hidden,
    Id: field.Id,
    Indexed: field.Indexed,
    InternalName: field.InternalName,
    ReadOnlyField: field.ReadOnlyField,
    Required: field.Required,
    StaticName: field.StaticName,
    Title: field.Title,
    TypeAsString: field.TypeAsString
  };
  if (field.MaxLength !== undefined) props.MaxLength = field.MaxLength;
  if (field.Choices !== undefined) props.Choices = field.Choices;
  if (field.DisplayFormat !== undefined) props.DisplayFormat = field.DisplayFormat;
  if (field.SelectionMode !== undefined) props.SelectionMode = field.SelectionMode;
  return props;
}

function odataTypeOf(field: FieldState): string {
  return TYPES[field.FieldTypeKind]?.odataType ?? 'SP.Field';
}

function fieldJson(ctx: RequestContext, list: ListState, field: FieldState, select: string[]): Record<string, unknown> {
  const all = fieldProperties(field);
  const names = select.length === 0 || select.indexOf('*') >= 0 ? Object.keys(all) : select;
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    const key = Object.keys(all).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) picked[key] = all[key];
    else if (['MaxLength', 'Choices', 'DisplayFormat', 'SelectionMode'].indexOf(name) >= 0) picked[name] = null;
    else throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.Field'.`);
  }
  const uri = `${ctx.site.siteUrl}/_api/Web/Lists(guid'${list.id}')/Fields(guid'${field.Id}')`;
  return { 'odata.type': odataTypeOf(field), 'odata.id': uri, 'odata.editLink': `Web/Lists(guid'${list.id}')/Fields(guid'${field.Id}')`, ...picked };
}

export function findField(list: ListState, name: string): FieldState | undefined {
  const lower = name.toLowerCase();
  return list.fields.find((f) => f.InternalName.toLowerCase() === lower) ?? list.fields.find((f) => f.Title.toLowerCase() === lower);
}

function addField(ctx: RequestContext, list: ListState): Reply {
  demand(list, ctx, 'manage');
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const title = typeof body.Title === 'string' ? body.Title : '';
  const kind = typeof body.FieldTypeKind === 'number' ? body.FieldTypeKind : NaN;
  const type = TYPES[kind];
  if (title === '' || type === undefined) throw new ODataError(400, '-2147024809, System.ArgumentException', 'Value does not fall within the expected range.');
  if (findField(list, title)) {
    throw new ODataError(500, '-2130575340, Microsoft.SharePoint.SPException', `A duplicate field name "${title}" was found.`);
  }
  const choices = body.Choices as { results?: unknown } | unknown[] | undefined;
  const choiceList = Array.isArray(choices) ? choices : choices && Array.isArray((choices as { results?: unknown }).results) ? ((choices as { results: unknown[] }).results) : undefined;
  const field = newField(title, kind, type.typeAsString, {
    Required: body.Required === true,
    Indexed: body.Indexed === true,
    EnforceUniqueValues: false,
    Description: typeof body.Description === 'string' ? body.Description : '',
    MaxLength: kind === 2 ? (typeof body.MaxLength === 'number' ? body.MaxLength : 255) : undefined,
    Choices: kind === 6 ? (choiceList ?? []).map(String) : undefined,
    DefaultValue: typeof body.DefaultValue === 'string' ? body.DefaultValue : null,
    DisplayFormat: typeof body.DisplayFormat === 'number' ? body.DisplayFormat : undefined,
    SelectionMode: typeof body.SelectionMode === 'number' ? body.SelectionMode : undefined
  });
  list.fields.push(field);
  ctx.site.changed();
  return json(fieldJson(ctx, list, field, []), 201);
}

function updateField(ctx: RequestContext, list: ListState, field: FieldState): Reply {
  demand(list, ctx, 'manage');
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const indexed = typeof body.Indexed === 'boolean' ? body.Indexed : field.Indexed;
  const unique = typeof body.EnforceUniqueValues === 'boolean' ? body.EnforceUniqueValues : field.EnforceUniqueValues;
  if (unique && !indexed) {
    throw new ODataError(500, '-2146232832, Microsoft.SharePoint.SPException', 'This field must be indexed to enforce unique values.');
  }
  if (indexed && field.FieldTypeKind === 3) {
    throw new ODataError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The field cannot be indexed: multiple lines of text cannot be indexed.');
  }
  if (unique && !field.EnforceUniqueValues) checkNoDuplicates(list, field);
  field.Indexed = indexed;
  field.EnforceUniqueValues = unique;
  if (typeof body.Required === 'boolean') field.Required = body.Required;
  if (typeof body.Description === 'string') field.Description = body.Description;
  if (typeof body.Title === 'string') field.Title = body.Title;
  ctx.site.changed();
  return { status: 204 };
}

/** `.../fields`, `.../fields/getbyinternalnameortitle('X')`, `.../fields/getbytitle('X')`. */
export function handleFields(ctx: RequestContext, list: ListState, rest: string): Reply {
  if (rest === '' || rest === '/') {
    if (ctx.method === 'GET') {
      demand(list, ctx, 'read');
      const select = splitList(ctx.query.get('$select'));
      const filterText = ctx.query.get('$filter');
      const filter = filterText ? parseFilter(filterText) : undefined;
      const matching = list.fields.filter((f) => {
        if (!filter) return true;
        const props = fieldProperties(f);
        return evaluateFilter(filter, (name) => {
          const key = Object.keys(props).find((k) => k.toLowerCase() === name.toLowerCase());
          if (key === undefined) throw new ODataError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The property '${name}' does not exist on type 'SP.Field'.`);
          return props[key];
        });
      });
      const values = matching.map((f) => fieldJson(ctx, list, f, select));
      return json({ value: values });
    }
    if (ctx.method === 'POST' && ctx.tunnelledMethod === undefined) return addField(ctx, list);
  }
  const one = /^\/(?:getbyinternalnameortitle|getbytitle)\('((?:[^']|'')*)'\)$/i.exec(rest);
  if (one) {
    const name = one[1].replace(/''/g, "'");
    const field = findField(list, name);
    if (!field) {
      throw new ODataError(400, '-2147024809, System.ArgumentException', `Column '${name}' does not exist. It may have been deleted by another user.`);
    }
    if (ctx.method === 'GET') {
      demand(list, ctx, 'read');
      return json(fieldJson(ctx, list, field, splitList(ctx.query.get('$select'))));
    }
    if (ctx.method === 'POST' && ctx.tunnelledMethod === 'MERGE') return updateField(ctx, list, field);
  }
  throw new ODataError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request fields${rest}.`);
}
