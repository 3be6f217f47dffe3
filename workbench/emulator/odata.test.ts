import * as fc from 'fast-check';
import { compareValues, evaluateFilter, filterFields, ODataError, parseFilter, parseOrderBy } from './odata';
import type { FilterNode } from './odata';

const row = (values: Record<string, unknown>) => (field: string): unknown => values[field];

describe('parseFilter', () => {
  it('parses comparisons joined by and/or with SharePoint precedence (and binds tighter)', () => {
    expect(parseFilter("Status eq 'Active' or KeyHash eq 'ab' and Id gt 3")).toEqual({
      kind: 'or',
      left: { kind: 'compare', field: 'Status', op: 'eq', value: 'Active' },
      right: {
        kind: 'and',
        left: { kind: 'compare', field: 'KeyHash', op: 'eq', value: 'ab' },
        right: { kind: 'compare', field: 'Id', op: 'gt', value: 3 }
      }
    });
  });

  it('reads doubled quotes inside strings, parentheses, not, null, booleans and datetime literals', () => {
    const tree = parseFilter("(Title eq 'O''Brien''s key') and not (RevokedAt eq null) and Hidden eq false and Created ge datetime'2024-01-01T00:00:00Z'");
    expect(filterFields(tree)).toEqual(['Title', 'RevokedAt', 'Hidden', 'Created']);
    const matches = evaluateFilter(tree, row({ Title: "o'brien's KEY", RevokedAt: '2024-02-01T00:00:00Z', Hidden: false, Created: '2024-03-01T10:00:00Z' }));
    expect(matches).toBe(true);
    expect(evaluateFilter(tree, row({ Title: "O'Brien's key", RevokedAt: null, Hidden: false, Created: '2024-03-01T10:00:00Z' }))).toBe(false);
  });

  it('accepts the URL-decoded form PnPjs sends, with any spacing', () => {
    expect(parseFilter("KeyHash  eq   'x'")).toEqual({ kind: 'compare', field: 'KeyHash', op: 'eq', value: 'x' });
  });

  it.each([["Title eq 'open"], ['Title eq'], ['Title like 3'], ["Title eq 'a' and"], ["(Title eq 'a'"], ["Title eq 'a' )"], ['eq 3']])('refuses %s with a 400', (text) => {
    let error: unknown;
    try {
      parseFilter(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(400);
  });
});

describe('evaluateFilter', () => {
  it('compares numbers numerically, text case-insensitively, and every operator', () => {
    const item = row({ Id: 10, Title: 'Beta' });
    const cases: [string, boolean][] = [
      ['Id eq 10', true],
      ['Id ne 10', false],
      ['Id gt 9', true],
      ['Id ge 10', true],
      ['Id lt 10', false],
      ['Id le 9', false],
      ["Id eq '10'", true],
      ["Title eq 'BETA'", true],
      ["Title gt 'alpha'", true],
      ["Title lt 'alpha'", false]
    ];
    for (const [text, expected] of cases) expect([text, evaluateFilter(parseFilter(text), item)]).toEqual([text, expected]);
  });

  it('treats a missing value as null', () => {
    expect(evaluateFilter(parseFilter('RevokedById eq null'), row({}))).toBe(true);
    expect(evaluateFilter(parseFilter('RevokedById ne null'), row({ RevokedById: 12 }))).toBe(true);
    expect(evaluateFilter(parseFilter('RevokedById gt 3'), row({}))).toBe(false);
  });
});

describe('ordering', () => {
  it('parses $orderby with directions', () => {
    expect(parseOrderBy('Created desc, Title')).toEqual([
      { field: 'Created', descending: true },
      { field: 'Title', descending: false }
    ]);
  });

  it('sorts nulls first and text without regard to case', () => {
    expect(['b', null, 'A', 'c'].sort(compareValues)).toEqual([null, 'A', 'b', 'c']);
  });
});

describe('parseFilter (property)', () => {
  type Node = FilterNode;

  const literal = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 12 }), fc.constant(null), fc.boolean());
  const compare = fc.record({
    kind: fc.constant('compare' as const),
    field: fc.constantFrom('Id', 'Title', 'KeyHash', 'Author/Id'),
    op: fc.constantFrom('eq' as const, 'ne' as const, 'gt' as const, 'ge' as const, 'lt' as const, 'le' as const),
    value: literal
  });
  const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      compare,
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
      fc.record({ kind: fc.constant('not' as const), operand: tie('node') })
    )
  })).node;

  /** Prints with full parentheses and OData quoting (a quote doubled inside a string). */
  function print(node: Node): string {
    if (node.kind === 'compare') {
      const v = node.value;
      const text = typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v === null ? 'null' : String(v);
      return `${node.field} ${node.op} ${text}`;
    }
    if (node.kind === 'not') return `not (${print(node.operand)})`;
    return `(${print(node.left)}) ${node.kind} (${print(node.right)})`;
  }

  it('reads back exactly what was printed, quotes and nesting included', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(parseFilter(print(node))).toEqual(node);
      }),
      { numRuns: 300 }
    );
  });
});
