// OData pieces of SharePoint's REST service that the emulator needs: error bodies, query options
// and the $filter grammar. Sources:
// - Query options ($select, $filter, $expand, $top, $orderby, $skiptoken) and the operators
//   SharePoint supports (eq, ne, gt, ge, lt, le, and, or, not):
//   https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests
// - Error body shape `{"odata.error":{"code":"<hresult>, <type>","message":{"lang","value"}}}`:
//   pnp/pnpjs packages/queryable/behaviors/parsers.ts (HttpRequestError reads it) and DESIGN.md "Wire facts".

export interface ODataErrorBody {
  'odata.error': { code: string; message: { lang: string; value: string } };
}

/** An answer the emulator gives on purpose (status + SharePoint's error body). */
export class ODataError extends Error {
  public constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
  }

  public body(): ODataErrorBody {
    return { 'odata.error': { code: this.code, message: { lang: 'en-US', value: this.message } } };
  }
}

export const accessDenied = (): ODataError => new ODataError(403, '-2147024891, System.UnauthorizedAccessException', 'Access denied.');

export const listThrottled = (): ODataError =>
  new ODataError(
    500,
    '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
    'The attempted operation is prohibited because it exceeds the list view threshold enforced by the administrator.'
  );

export const unknownField = (name: string): ODataError =>
  new ODataError(400, '-1, Microsoft.SharePoint.SPException', `The field or property '${name}' does not exist.`);

export type Literal = string | number | boolean | null;
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'compare'; field: string; op: ComparisonOperator; value: Literal }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

type Token = { type: 'word'; text: string } | { type: 'string'; text: string } | { type: 'number'; value: number } | { type: 'open' | 'close' };

const invalidFilter = (detail: string): ODataError =>
  new ODataError(400, '-1, Microsoft.SharePoint.SPException', `The expression "$filter" is not valid. ${detail}`);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(') {
      tokens.push({ type: 'open' });
      i++;
    } else if (c === ')') {
      tokens.push({ type: 'close' });
      i++;
    } else if (c === "'") {
      // OData doubles a quote inside a string literal.
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw invalidFilter('Unterminated string literal.');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ type: 'string', text: value });
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw invalidFilter(`Unexpected '${c}'.`);
      tokens.push({ type: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(text.slice(i));
      if (!match) throw invalidFilter(`Unexpected '${c}'.`);
      const word = match[0];
      i += word.length;
      // datetime'2022-11-04T16:12:04Z'
      if (word.toLowerCase() === 'datetime' && text[i] === "'") {
        const end = text.indexOf("'", i + 1);
        if (end < 0) throw invalidFilter('Unterminated datetime literal.');
        tokens.push({ type: 'string', text: text.slice(i + 1, end) });
        i = end + 1;
      } else {
        tokens.push({ type: 'word', text: word });
      }
    }
  }
  return tokens;
}

const OPERATORS: ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

/** Parses SharePoint's $filter subset: comparisons joined by and/or/not with parentheses. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const t = tokens[pos];
    return t && t.type === 'word' ? t.text.toLowerCase() : undefined;
  };
  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (peekWord() === 'or') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (peekWord() === 'and') {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    const t = tokens[pos];
    if (!t) throw invalidFilter('Unexpected end of expression.');
    if (t.type === 'word' && t.text.toLowerCase() === 'not') {
      pos++;
      return { kind: 'not', operand: parseUnary() };
    }
    if (t.type === 'open') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.type !== 'close') throw invalidFilter("Expected ')'.");
      pos++;
      return inner;
    }
    if (t.type !== 'word') throw invalidFilter('Expected a field name.');
    pos++;
    const op = peekWord() as ComparisonOperator | undefined;
    if (!op || OPERATORS.indexOf(op) < 0) throw invalidFilter(`Expected a comparison operator after '${t.text}'.`);
    pos++;
    const v = tokens[pos++];
    if (!v) throw invalidFilter('Expected a value.');
    let value: Literal;
    if (v.type === 'string') value = v.text;
    else if (v.type === 'number') value = v.value;
    else if (v.type === 'word' && v.text.toLowerCase() === 'null') value = null;
    else if (v.type === 'word' && (v.text.toLowerCase() === 'true' || v.text.toLowerCase() === 'false')) value = v.text.toLowerCase() === 'true';
    else throw invalidFilter('Expected a literal value.');
    return { kind: 'compare', field: t.text, op, value };
  };
  const tree = parseOr();
  if (pos !== tokens.length) throw invalidFilter('Unexpected text after the expression.');
  return tree;
}

/** Every field a filter reads (to check the list view threshold and unknown fields). */
export function filterFields(node: FilterNode): string[] {
  if (node.kind === 'compare') return [node.field];
  if (node.kind === 'not') return filterFields(node.operand);
  return filterFields(node.left).concat(filterFields(node.right));
}

/** Orders two field values the way SharePoint compares them: text case-insensitively, null first. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function coerce(fieldValue: unknown, literal: Literal): unknown {
  if (typeof fieldValue === 'number' && typeof literal === 'string' && literal.trim() !== '' && !isNaN(Number(literal))) return Number(literal);
  if (typeof fieldValue === 'boolean' && typeof literal === 'number') return literal !== 0;
  if (typeof fieldValue === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(fieldValue) && typeof literal === 'string' && /^\d{4}-\d{2}-\d{2}/.test(literal)) {
    return new Date(literal).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return literal;
}

export function evaluateFilter(node: FilterNode, read: (field: string) => unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, read) && evaluateFilter(node.right, read);
    case 'or':
      return evaluateFilter(node.left, read) || evaluateFilter(node.right, read);
    case 'not':
      return !evaluateFilter(node.operand, read);
    case 'compare': {
      const actual = read(node.field);
      const expected = coerce(actual, node.value);
      if (node.value === null) {
        const isNull = actual === null || actual === undefined;
        return node.op === 'eq' ? isNull : node.op === 'ne' ? !isNull : false;
      }
      const order = compareValues(actual, expected);
      switch (node.op) {
        case 'eq':
          return order === 0;
        case 'ne':
          return order !== 0;
        case 'gt':
          return order > 0;
        case 'ge':
          return order >= 0;
        case 'lt':
          return order < 0;
        case 'le':
          return order <= 0;
      }
    }
  }
  return false;
}

export interface OrderBy {
  field: string;
  descending: boolean;
}

export function parseOrderBy(text: string | null): OrderBy[] {
  if (!text) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [field, direction] = part.split(/\s+/);
      return { field, descending: (direction ?? '').toLowerCase() === 'desc' };
    });
}

export function splitList(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** SharePoint's date format in JSON: second precision, UTC, `Z` (for example 2022-11-04T16:12:04Z). */
export function spDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
