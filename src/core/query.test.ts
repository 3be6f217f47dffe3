import fc from 'fast-check';
import type { KeyRecord, KeyStatus, Person } from './keyRecord.types';
import type { Permission } from './permission';
import { renameRecord, revokeRecord } from './keyRecord';
import { countActiveFilters, KEY_COLUMNS, normalizeForSearch, peopleIn, queryKeys, searchTerms } from './query';
import type { KeyColumn, KeyFilters, KeyQuery } from './query';
import { FIXTURE_PEOPLE, makeRecord, makeRecords } from './testing/recordFixtures';

const [ELODIE, JOSE, ZOE, SOREN, LUKASZ] = FIXTURE_PEOPLE;
const day = (d: number, hour: number = 0): Date => new Date(Date.UTC(2025, 0, d, hour));

/** A small, hand-made table where every expected answer can be read off by eye. */
const TABLE: readonly KeyRecord[] = [
  makeRecord({ id: 1, name: 'Payroll connector', tail: 'AAAAAAAAAAA1', created: day(1), createdBy: ELODIE, permission: 'ReadOnly' }),
  makeRecord({ id: 2, name: 'Café orders', tail: 'BBBBBBBBBBB2', created: day(2), createdBy: JOSE, permission: 'FullControl' }),
  makeRecord({
    id: 3,
    name: 'élodie test',
    tail: 'CCCCCCCCCCC3',
    created: day(3),
    createdBy: ZOE,
    permission: 'ReadOnly',
    status: 'Revoked',
    revokedAt: day(10),
    revokedBy: SOREN
  }),
  makeRecord({ id: 4, name: 'key 10', tail: 'DDDDDDDDDDD4', created: day(4), createdBy: ELODIE, permission: 'FullControl' }),
  makeRecord({
    id: 5,
    name: 'key 9',
    tail: 'EEEEEEEEEEE5',
    created: day(5),
    createdBy: LUKASZ,
    permission: 'FullControl',
    status: 'Revoked',
    revokedAt: day(6),
    revokedBy: ELODIE
  }),
  makeRecord({ id: 6, name: 'Zeta Größe', tail: 'FFFFFFFFFFF6', created: day(6), createdBy: SOREN, permission: 'ReadOnly' })
];

const ids = (records: readonly KeyRecord[]): number[] => records.map((r) => r.id);
const run = (query: KeyQuery, records: readonly KeyRecord[] = TABLE): number[] => ids(queryKeys(records, query));

describe('queryKeys with an empty query', () => {
  it.each<[string, KeyQuery]>([
    ['{}', {}],
    ['blank search', { search: '  \t ' }],
    ['empty filters', { filters: { status: [], permission: [], createdBy: [], revokedBy: [], created: {}, revokedAt: {} } }]
  ])('returns every record in input order (%s), as a new array', (_label, query) => {
    const result = queryKeys(TABLE, query);
    expect(ids(result)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result).not.toBe(TABLE);
  });

  it('returns nothing for no records', () => {
    expect(queryKeys([], { search: 'x', sort: { column: 'name' } })).toEqual([]);
  });
});

describe('search', () => {
  it.each<[string, number[]]>([
    ['payroll', [1]],
    ['PAYROLL', [1]],
    ['cafe', [2]],
    ['CAFÉ', [2]],
    ['elodie', [1, 3, 4, 5]], // name of key 3; Élodie created 1 and 4 and revoked 5
    ['Élodie test', [3]],
    ['bbbbbbbbbbb2', [2]],
    ['jose.alvarez@contoso', [2]],
    ['soren', [3, 6]], // Søren revoked 3 and created 6: "ø" folds to "o"
    ['lukasz', [5]], // "Ł" folds to "l"
    ['grosse', [6]], // "ß" folds to "ss"
    ['angstrom', []],
    ['key', [4, 5]],
    ['key 9', [5]],
    ['zoe bronte', [3]],
    ['nobody', []]
  ])('"%s" finds %p', (search, expected) => {
    expect(run({ search })).toEqual(expected);
  });

  it('needs every term to match, each in any column', () => {
    expect(run({ search: 'key elodie' })).toEqual([4, 5]);
    expect(run({ search: 'orders jose' })).toEqual([2]);
    expect(run({ search: 'orders soren' })).toEqual([]);
  });

  it('does not match a term across two columns', () => {
    // Key 1's name ends "connector" and its tail starts "AAAA": the two never join into one word.
    expect(run({ search: 'connectoraaaa' })).toEqual([]);
    expect(run({ search: 'connector' })).toEqual([1]);
  });

  it("searches the revoker's e-mail as well as the creator's", () => {
    expect(run({ search: 'soren.ostergaard' })).toEqual([3, 6]);
    expect(run({ search: 'lukasz.wrobel' })).toEqual([5]);
  });

  it('sees a rename: the new record object is searched by its new name, the old one stays as it was', () => {
    const before = queryKeys(TABLE, { search: 'payroll' });
    const renamed = renameRecord(TABLE[0], 'Salaires Genève');
    const records = [renamed, ...TABLE.slice(1)];
    expect(run({ search: 'geneve' }, records)).toEqual([1]);
    expect(run({ search: 'payroll' }, records)).toEqual([]);
    expect(ids(before)).toEqual([1]);
    expect(run({ search: 'payroll' })).toEqual([1]);
  });

  it('normalizes case, accents and folded letters, and splits terms on any whitespace', () => {
    expect(normalizeForSearch('Élodie ØSTER Łódź İstanbul Nguyễn Æon straße')).toBe('elodie oster lodz istanbul nguyen aeon strasse');
    expect(searchTerms(' Café\t\u00a0PROD\n')).toEqual(['cafe', 'prod']);
    expect(searchTerms(undefined)).toEqual([]);
  });
});

describe('filters, each alone', () => {
  it.each<[string, KeyFilters, number[]]>([
    ['status Active', { status: ['Active'] }, [1, 2, 4, 6]],
    ['status Revoked', { status: ['Revoked'] }, [3, 5]],
    ['status both', { status: ['Active', 'Revoked'] }, [1, 2, 3, 4, 5, 6]],
    ['permission ReadOnly', { permission: ['ReadOnly'] }, [1, 3, 6]],
    ['permission FullControl', { permission: ['FullControl'] }, [2, 4, 5]],
    ['created by Élodie', { createdBy: [ELODIE.id] }, [1, 4]],
    ['created by Élodie or Søren', { createdBy: [ELODIE.id, SOREN.id] }, [1, 4, 6]],
    ['created by nobody present', { createdBy: [999] }, []],
    ['revoked by Søren', { revokedBy: [SOREN.id] }, [3]],
    ['revoked by Élodie (not the keys she created)', { revokedBy: [ELODIE.id] }, [5]],
    ['revoked by someone who revoked nothing', { revokedBy: [JOSE.id] }, []],
    ['created from day 2 (inclusive)', { created: { from: day(2) } }, [2, 3, 4, 5, 6]],
    ['created to day 2 (inclusive of that instant)', { created: { to: day(2) } }, [1, 2]],
    ['created to one ms before day 2', { created: { to: new Date(day(2).getTime() - 1) } }, [1]],
    ['created day 2 to day 4', { created: { from: day(2), to: day(4) } }, [2, 3, 4]],
    ['created exactly at one instant', { created: { from: day(3), to: day(3) } }, [3]],
    ['created in an inverted range', { created: { from: day(4), to: day(2) } }, []],
    ['revoked from day 7', { revokedAt: { from: day(7) } }, [3]],
    ['revoked to day 6 (inclusive)', { revokedAt: { to: day(6) } }, [5]],
    ['revoked in any time at all', { revokedAt: { from: new Date(0) } }, [3, 5]]
  ])('%s', (_label, filters, expected) => {
    expect(run({ filters })).toEqual(expected);
  });
});

describe('filters combined', () => {
  it('must all hold', () => {
    expect(run({ filters: { status: ['Active'], permission: ['FullControl'] } })).toEqual([2, 4]);
    expect(run({ filters: { status: ['Active'], revokedBy: [SOREN.id] } })).toEqual([]);
    expect(run({ filters: { createdBy: [ELODIE.id, LUKASZ.id], permission: ['FullControl'], created: { from: day(4) } } })).toEqual([4, 5]);
    expect(run({ filters: { createdBy: [ELODIE.id, LUKASZ.id], status: ['Revoked'], revokedAt: { to: day(6) } } })).toEqual([5]);
  });

  it('and with search', () => {
    expect(run({ search: 'key', filters: { status: ['Active'] } })).toEqual([4]);
    expect(run({ search: 'elodie', filters: { revokedBy: [SOREN.id] } })).toEqual([3]);
  });
});

describe('sort', () => {
  it.each<[KeyColumn, number[]]>([
    ['name', [2, 3, 5, 4, 1, 6]], // "key 9" before "key 10" (numeric); "élodie" between "Café" and "key"
    ['tail', [1, 2, 3, 4, 5, 6]],
    ['status', [1, 2, 4, 6, 3, 5]],
    ['permission', [2, 4, 5, 1, 3, 6]],
    ['created', [1, 2, 3, 4, 5, 6]],
    ['createdBy', [1, 4, 2, 5, 6, 3]], // Élodie, José, Łukasz, Søren, Zoë
    ['revokedAt', [5, 3, 1, 2, 4, 6]], // then the active keys, in input order
    ['revokedBy', [5, 3, 1, 2, 4, 6]]
  ])('by %s ascending', (column, expected) => {
    expect(run({ sort: { column } })).toEqual(expected);
  });

  it.each<[KeyColumn, number[]]>([
    ['name', [6, 1, 4, 5, 3, 2]],
    ['tail', [6, 5, 4, 3, 2, 1]],
    ['status', [3, 5, 1, 2, 4, 6]],
    ['permission', [1, 3, 6, 2, 4, 5]],
    ['created', [6, 5, 4, 3, 2, 1]],
    ['createdBy', [3, 6, 5, 2, 1, 4]],
    ['revokedAt', [3, 5, 1, 2, 4, 6]], // missing values stay last when descending too
    ['revokedBy', [3, 5, 1, 2, 4, 6]]
  ])('by %s descending', (column, expected) => {
    expect(run({ sort: { column, descending: true } })).toEqual(expected);
  });

  it('is stable: ties keep input order in both directions, also for names equal but for case and accents', () => {
    const twins = [
      makeRecord({ id: 1, name: 'Élodie' }),
      makeRecord({ id: 2, name: 'alpha' }),
      makeRecord({ id: 3, name: 'elodie' }),
      makeRecord({ id: 4, name: 'ELODIE' }),
      makeRecord({ id: 5, name: 'zulu' })
    ];
    expect(run({ sort: { column: 'name' } }, twins)).toEqual([2, 1, 3, 4, 5]);
    expect(run({ sort: { column: 'name', descending: true } }, twins)).toEqual([5, 1, 3, 4, 2]);
    const reversed = twins.slice().reverse();
    expect(run({ sort: { column: 'name' } }, reversed)).toEqual([2, 4, 3, 1, 5]);
  });

  it('sorts the searched subset by the same order as the whole list', () => {
    expect(run({ search: 'key', sort: { column: 'name' } })).toEqual([5, 4]);
    expect(run({ filters: { permission: ['ReadOnly'] }, sort: { column: 'name', descending: true } })).toEqual([6, 1, 3]);
  });

  it('honours a locale: Swedish puts "Ö" after "Z", English with "O"', () => {
    const records = [makeRecord({ id: 1, name: 'Öland' }), makeRecord({ id: 2, name: 'Zebra' }), makeRecord({ id: 3, name: 'Oslo' })];
    expect(run({ sort: { column: 'name' }, locale: 'en' }, records)).toEqual([1, 3, 2]);
    expect(run({ sort: { column: 'name' }, locale: 'sv' }, records)).toEqual([3, 2, 1]);
  });

  it('stays right when the caller pushes into an array it already sorted', () => {
    const records = TABLE.slice();
    expect(run({ sort: { column: 'name' } }, records)).toEqual([2, 3, 5, 4, 1, 6]);
    records.push(makeRecord({ id: 7, name: 'Banque de France' }));
    expect(run({ sort: { column: 'name' } }, records)).toEqual([7, 2, 3, 5, 4, 1, 6]);
  });

  it('does not reorder or change its input', () => {
    const input = TABLE.slice();
    queryKeys(input, { search: 'e', sort: { column: 'name', descending: true } });
    expect(input).toEqual(TABLE);
  });
});

/** The plain, slow reading of the specification: an oracle for the fast implementation. */
function referenceQuery(records: readonly KeyRecord[], query: KeyQuery): KeyRecord[] {
  const collator = new Intl.Collator(query.locale, { sensitivity: 'base', numeric: true });
  const fold = (text: string): string => normalizeForSearch(text);
  const terms = fold(query.search ?? '')
    .split(/\s+/)
    .filter((t) => t !== '');
  const f = query.filters ?? {};
  const within = (date: Date | undefined, range: { from?: Date; to?: Date } | undefined): boolean =>
    range === undefined ||
    (range.from === undefined && range.to === undefined) ||
    (date !== undefined && (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to));
  const columnsOf = (r: KeyRecord): string[] =>
    [r.name, r.tail, r.createdBy.displayName, r.createdBy.email ?? '', r.revokedBy?.displayName ?? '', r.revokedBy?.email ?? ''].map(fold);
  const kept = records.filter(
    (r) =>
      (!f.status?.length || f.status.includes(r.status)) &&
      (!f.permission?.length || f.permission.includes(r.permission)) &&
      (!f.createdBy?.length || f.createdBy.includes(r.createdBy.id)) &&
      (!f.revokedBy?.length || (r.revokedBy !== undefined && f.revokedBy.includes(r.revokedBy.id))) &&
      within(r.created, f.created) &&
      within(r.revokedAt, f.revokedAt) &&
      terms.every((t) => columnsOf(r).some((c) => c.includes(t)))
  );
  if (query.sort === undefined) {
    return kept;
  }
  const { column, descending } = query.sort;
  const value = (r: KeyRecord): string | number | undefined => {
    const v = column === 'createdBy' ? r.createdBy.displayName : column === 'revokedBy' ? r.revokedBy?.displayName : r[column];
    return v instanceof Date ? v.getTime() : v;
  };
  // Selection by insertion, deliberately not Array.prototype.sort: each record goes after every earlier equal.
  const out: KeyRecord[] = [];
  for (const r of kept) {
    const rv = value(r);
    let at = out.length;
    while (at > 0) {
      const pv = value(out[at - 1]);
      let before: boolean;
      if (rv === undefined) {
        before = false;
      } else if (pv === undefined) {
        before = true;
      } else {
        const c = typeof rv === 'number' ? rv - (pv as number) : collator.compare(rv, pv as string);
        before = descending ? c > 0 : c < 0;
      }
      if (!before) {
        break;
      }
      at--;
    }
    out.splice(at, 0, r);
  }
  return out;
}

describe('property: queryKeys agrees with a plain reading of the rules', () => {
  const records = makeRecords(150, 42);
  const people = FIXTURE_PEOPLE.map((p) => p.id).concat([999]);
  const date = fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2026, 6, 1) }).map((t) => new Date(t));
  const range = fc.record({ from: fc.option(date, { nil: undefined }), to: fc.option(date, { nil: undefined }) }, { requiredKeys: [] });
  const filters: fc.Arbitrary<KeyFilters> = fc.record(
    {
      status: fc.subarray<KeyStatus>(['Active', 'Revoked']),
      permission: fc.subarray<Permission>(['ReadOnly', 'FullControl']),
      createdBy: fc.subarray(people),
      revokedBy: fc.subarray(people),
      created: range,
      revokedAt: range
    },
    { requiredKeys: [] }
  );
  const words = ['', 'e', 'élodie', 'CAFE', 'sync prod', 'soren', 'ss', 'contoso', 'a b', 'Ö', 'zz', '1', 'nguyen'];
  const query: fc.Arbitrary<KeyQuery> = fc.record(
    {
      search: fc.constantFrom(...words),
      filters,
      sort: fc.record({ column: fc.constantFrom(...KEY_COLUMNS), descending: fc.boolean() }, { requiredKeys: ['column'] })
    },
    { requiredKeys: [] }
  );

  it('for random searches, filter combinations and sorts', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(ids(queryKeys(records, q))).toEqual(ids(referenceQuery(records, q)));
      }),
      { numRuns: 400 }
    );
  });

  it('also on a shuffled copy (rank caches are per array, ties follow each input order)', () => {
    fc.assert(
      fc.property(query, fc.integer(), (q, seed) => {
        const shuffled = records.slice().sort((a, b) => ((a.id * 7919 + seed) % 101) - ((b.id * 7919 + seed) % 101));
        expect(ids(queryKeys(shuffled, q))).toEqual(ids(referenceQuery(shuffled, q)));
      }),
      { numRuns: 200 }
    );
  });
});

describe('property: sorting stays right as the records array changes (renames, new keys, other lists, old arrays again)', () => {
  const NAMES = ['Alpha', 'alpha', 'Älpha', 'key 2', 'key 10', 'Zulu', 'Ørsted', 'Œuvre', 'Café', 'cafe', 'Mañana', 'Ωmega', '東京', 'a', ''];
  type Step = { kind: 'rename'; at: number; name: string } | { kind: 'add'; name: string } | { kind: 'remove'; at: number } | { kind: 'other-list'; seed: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: fc.constantFrom(...NAMES) }),
    fc.record({ kind: fc.constant('add' as const), name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('other-list' as const), seed: fc.integer({ min: 1, max: 5 }) })
  );

  it('agrees with the reference after every step, for the new array and for an earlier one', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.constantFrom<KeyColumn>('name', 'createdBy', 'tail'), fc.nat(), (steps, descending, column, pickEarlier) => {
        const history: KeyRecord[][] = [makeRecords(120, 9)];
        let nextId = 10_000;
        for (const s of steps) {
          const current = history[history.length - 1];
          let next: KeyRecord[];
          if (s.kind === 'rename' && current.length > 0) {
            const at = s.at % current.length;
            next = current.map((r, i) => (i === at ? { ...r, name: s.name } : r));
          } else if (s.kind === 'add') {
            next = [...current, makeRecord({ id: nextId++, name: s.name })];
          } else if (s.kind === 'remove' && current.length > 0) {
            next = current.filter((_r, i) => i !== s.at % current.length);
          } else if (s.kind === 'other-list') {
            next = makeRecords(90, 100 + s.seed);
          } else {
            next = current.slice();
          }
          history.push(next);
          const earlier = history[pickEarlier % history.length];
          for (const records of [next, earlier]) {
            const q: KeyQuery = { sort: { column, descending } };
            expect(ids(queryKeys(records, q))).toEqual(ids(referenceQuery(records, q)));
          }
        }
      }),
      { numRuns: 150 }
    );
  });
});

describe('peopleIn', () => {
  it('lists each creator once, sorted by display name', () => {
    expect(peopleIn(TABLE, 'createdBy').map((p) => p.displayName)).toEqual(['Élodie Martin', 'José Álvarez', 'Łukasz Wróbel', 'Søren Østergaard', 'Zoë Brontë']);
  });

  it('lists only people who revoked something', () => {
    expect(peopleIn(TABLE, 'revokedBy')).toEqual([ELODIE, SOREN]);
    expect(peopleIn(TABLE.filter((r) => r.status === 'Active'), 'revokedBy')).toEqual([]);
  });

  it('keeps two people with the same display name apart, by id', () => {
    const twin: Person = { id: 500, displayName: ELODIE.displayName };
    const records = [makeRecord({ createdBy: twin }), makeRecord({ createdBy: ELODIE }), makeRecord({ createdBy: twin })];
    expect(peopleIn(records, 'createdBy')).toEqual([ELODIE, twin]);
  });

  it('finds every person of the fixtures', () => {
    const records = makeRecords(500, 3);
    const created = peopleIn(records, 'createdBy');
    expect(created.map((p) => p.id).sort((a, b) => a - b)).toEqual(Array.from(new Set(records.map((r) => r.createdBy.id))).sort((a, b) => a - b));
    const revoked = peopleIn([...records, revokeRecord(makeRecord({ id: 9999 }), JOSE, day(1))], 'revokedBy');
    expect(revoked.map((p) => p.id)).toContain(JOSE.id);
  });
});

describe('countActiveFilters', () => {
  it.each<[string, KeyFilters | undefined, number]>([
    ['undefined', undefined, 0],
    ['{}', {}, 0],
    ['empty arrays and ranges', { status: [], permission: [], createdBy: [], revokedBy: [], created: {}, revokedAt: {} }, 0],
    ['status', { status: ['Active'] }, 1],
    ['permission', { permission: ['ReadOnly', 'FullControl'] }, 1],
    ['createdBy', { createdBy: [1, 2] }, 1],
    ['revokedBy', { revokedBy: [1] }, 1],
    ['created from', { created: { from: day(1) } }, 1],
    ['revokedAt to', { revokedAt: { to: day(1) } }, 1],
    [
      'all six',
      { status: ['Revoked'], permission: ['ReadOnly'], createdBy: [1], revokedBy: [2], created: { from: day(1), to: day(2) }, revokedAt: { from: day(1) } },
      6
    ]
  ])('%s counts %i', (_label, filters, expected) => {
    expect(countActiveFilters(filters)).toBe(expected);
  });
});

describe('the status filter and expiry', () => {
  const now = new Date(Date.UTC(2026, 5, 1, 12));
  const records = [
    makeRecord({ id: 1 }),
    makeRecord({ id: 2, expires: new Date(now.getTime() + 1) }),
    makeRecord({ id: 3, expires: new Date(now.getTime()) }),
    makeRecord({ id: 4, status: 'Revoked', expires: new Date(now.getTime() - 1), revokedAt: day(3), revokedBy: SOREN })
  ];
  const ids = (query: KeyQuery): number[] => queryKeys(records, query).map((r) => r.id);

  it('an Active key from its expiry on is Expired, not Active; a revoked one stays Revoked', () => {
    expect(ids({ filters: { status: ['Active'] }, now })).toEqual([1, 2]);
    expect(ids({ filters: { status: ['Expired'] }, now })).toEqual([3]);
    expect(ids({ filters: { status: ['Revoked'] }, now })).toEqual([4]);
    expect(ids({ filters: { status: ['Expired'] }, now: new Date(now.getTime() + 1) })).toEqual([2, 3]);
  });
});

describe('Expires, Last used and the effective status', () => {
  const NOW = new Date(Date.UTC(2026, 5, 1, 12));
  const at = (days: number): Date => new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000);
  const LIFE: readonly KeyRecord[] = [
    makeRecord({ id: 1, name: 'never expires, used today', created: at(-200), expires: undefined, lastUsed: at(-0.1) }),
    makeRecord({ id: 2, name: 'expired yesterday', created: at(-100), expires: at(-1), lastUsed: at(-40) }),
    makeRecord({ id: 3, name: 'expires in 5 days, never used', created: at(-100), expires: at(5) }),
    makeRecord({ id: 4, name: 'revoked, past expiry', created: at(-300), expires: at(-2), status: 'Revoked', revokedAt: at(-10), revokedBy: ELODIE, lastUsed: at(-95) }),
    makeRecord({ id: 5, name: 'expires in a year, never used, new', created: at(-1), expires: at(365) }),
    makeRecord({ id: 6, name: 'expires at now exactly', created: at(-30), expires: NOW, lastUsed: at(-91) })
  ];
  const q = (query: KeyQuery): number[] => run({ now: NOW, ...query }, LIFE);

  it('the Status filter offers Expired as a status of its own, derived from the date at `now`', () => {
    expect(q({ filters: { status: ['Expired'] } })).toEqual([2, 6]);
    expect(q({ filters: { status: ['Active'] } })).toEqual([1, 3, 5]);
    expect(q({ filters: { status: ['Revoked'] } })).toEqual([4]);
    // A millisecond earlier, the key expiring at `now` still works.
    expect(q({ filters: { status: ['Active'] }, now: new Date(NOW.getTime() - 1) })).toEqual([1, 3, 5, 6]);
  });

  it('Status sorts by the effective status in lifecycle order (Active, Expired, Revoked), ties in input order', () => {
    expect(q({ sort: { column: 'status' } })).toEqual([1, 3, 5, 2, 6, 4]);
    expect(q({ sort: { column: 'status', descending: true } })).toEqual([4, 2, 6, 1, 3, 5]);
  });

  it('Expires sorts by date with Never after every date ascending (and first descending)', () => {
    expect(q({ sort: { column: 'expires' } })).toEqual([4, 2, 6, 3, 5, 1]);
    expect(q({ sort: { column: 'expires', descending: true } })).toEqual([1, 5, 3, 6, 2, 4]);
  });

  it('Last used sorts oldest first with Never as the oldest of all, so stale keys lead', () => {
    expect(q({ sort: { column: 'lastUsed' } })).toEqual([3, 5, 4, 6, 2, 1]);
    expect(q({ sort: { column: 'lastUsed', descending: true } })).toEqual([1, 2, 6, 4, 3, 5]);
  });

  it('Expires filters: quick choices, a date range (only keys with an expiry), and both together', () => {
    expect(q({ filters: { expires: { quick: 'soon' } } })).toEqual([3]);
    expect(q({ filters: { expires: { quick: 'expired' } } })).toEqual([2, 6]);
    expect(q({ filters: { expires: { quick: 'never' } } })).toEqual([1]);
    expect(q({ filters: { expires: { from: at(-1.5), to: at(6) } } })).toEqual([2, 3, 6]);
    expect(q({ filters: { expires: { from: at(-1.5), quick: 'expired' } } })).toEqual([2, 6]);
    expect(q({ filters: { expires: {} } })).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('Last used filters: not used for 30 / 90 days (a key never used counts from its creation), never used, a date range', () => {
    expect(q({ filters: { lastUsed: { quick: 'unused-30' } } })).toEqual([2, 3, 4, 6]);
    expect(q({ filters: { lastUsed: { quick: 'unused-90' } } })).toEqual([3, 4, 6]);
    expect(q({ filters: { lastUsed: { quick: 'never' } } })).toEqual([3, 5]);
    expect(q({ filters: { lastUsed: { from: at(-92), to: at(-30) } } })).toEqual([2, 6]);
    // Combined with Status: the stale keys that still work, the ones to revoke.
    expect(q({ filters: { status: ['Active'], lastUsed: { quick: 'unused-90' } } })).toEqual([3]);
  });

  it('each set Expires or Last used filter counts once in the Filters badge', () => {
    expect(countActiveFilters({ expires: { quick: 'soon', from: at(0) }, lastUsed: { quick: 'never' } })).toBe(2);
    expect(countActiveFilters({ expires: {}, lastUsed: {} })).toBe(0);
  });
});
