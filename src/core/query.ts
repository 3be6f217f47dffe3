import { effectiveStatus } from './expiry';
import { expiresSortValue, lastUsedSortValue, matchesExpiresQuick, matchesLastUsedQuick, statusRank } from './keyStatus';
import type { ExpiresQuickFilter, LastUsedQuickFilter } from './keyStatus';
import type { EffectiveKeyStatus, KeyRecord, Person } from './keyRecord.types';
import type { Permission } from './permission';

/** The overview's columns, in product words; every one of them can be sorted on. */
export type KeyColumn = 'name' | 'tail' | 'status' | 'expires' | 'lastUsed' | 'permission' | 'created' | 'createdBy' | 'revokedAt' | 'revokedBy';

/** In the list's order, which the CSV export follows too: the lifecycle (status, expiry, last use) beside the name. */
export const KEY_COLUMNS: readonly KeyColumn[] = ['name', 'tail', 'status', 'expires', 'lastUsed', 'permission', 'created', 'createdBy', 'revokedAt', 'revokedBy'];

/** Both ends inclusive; `to` includes that very instant. A missing end is open. */
export interface DateRange {
  from?: Date;
  to?: Date;
}

/** The Expires filter: a range of expiry dates and/or a quick choice, both decided at query time. */
export interface ExpiresFilter extends DateRange {
  quick?: ExpiresQuickFilter;
}

/** The Last used filter: a range of last-use dates and/or a quick choice ("Not used for 90 days", "Never used"). */
export interface LastUsedFilter extends DateRange {
  quick?: LastUsedQuickFilter;
}

/** An empty or missing array means "no filter" on that column. */
export interface KeyFilters {
  /** Expired is derived from the date at query time: an expired key is not Active. */
  status?: EffectiveKeyStatus[];
  permission?: Permission[];
  /** SharePoint user ids of creators. */
  createdBy?: number[];
  /** SharePoint user ids of revokers: matches only revoked keys revoked by one of them. */
  revokedBy?: number[];
  created?: DateRange;
  /** Matches only revoked keys whose revocation date is in the range. */
  revokedAt?: DateRange;
  /** A range matches only keys with an expiry in it. */
  expires?: ExpiresFilter;
  /** A range matches only keys used in it. */
  lastUsed?: LastUsedFilter;
}

export interface KeySort {
  column: KeyColumn;
  descending?: boolean;
}

export interface KeyQuery {
  /** Whitespace-separated terms; every one must appear (case- and accent-insensitively) in a searched column. */
  search?: string;
  filters?: KeyFilters;
  sort?: KeySort;
  /** BCP 47 locale for comparing names; the runtime's default when missing. */
  locale?: string;
  /** The time that decides which keys are Expired; now when missing. */
  now?: Date;
}

/** Combining marks left by NFD: diacritics, extended, supplement, for symbols, half marks. */
function isCombiningMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

// A code-point loop rather than a regular expression: a character class of combining marks is what
// ESLint's no-misleading-character-class forbids, for good reason when the marks are written literally.
function withoutCombiningMarks(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (isCombiningMark(text.charCodeAt(i))) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

// Letters that carry their "accent" in the letter itself, so NFD leaves them whole; folded the way people type them.
const LETTER_FOLDS: { [letter: string]: string } = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };
const FOLDED_LETTERS = /[øłđðħıßæœþ]/g;

const WHITESPACE = /\s+/;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      return false;
    }
  }
  return true;
}

/** Lower case, no accents: "Élodie Øster" -> "elodie oster". What search compares. */
export function normalizeForSearch(text: string): string {
  // Most names, tails and e-mails are plain ASCII, where lower-casing is all there is to do.
  if (isAscii(text)) {
    return text.toLowerCase();
  }
  return withoutCombiningMarks(text.toLowerCase().normalize('NFD')).replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter]);
}

/** The search box's text as normalized terms; none for an empty or blank box. */
export function searchTerms(search: string | undefined): string[] {
  if (search === undefined) {
    return [];
  }
  return normalizeForSearch(search)
    .split(WHITESPACE)
    .filter((term) => term.length > 0);
}

// Records are replaced, never mutated (renameRecord and revokeRecord return new objects), so a
// record object's searchable text never changes and can be cached for as long as the object lives.
const searchTextCache: WeakMap<KeyRecord, string> = new WeakMap<KeyRecord, string>();

// A tenant's few dozen creators and revokers recur on thousands of records: normalize each once.
const PERSON_TEXT_CACHE_LIMIT = 5000;
let personTextCache: Map<string, string> = new Map<string, string>();

function personText(person: Person | undefined): string {
  if (person === undefined) {
    return '';
  }
  const raw = person.email === undefined ? person.displayName : `${person.displayName}\n${person.email}`;
  let text = personTextCache.get(raw);
  if (text === undefined) {
    if (personTextCache.size >= PERSON_TEXT_CACHE_LIMIT) {
      personTextCache = new Map<string, string>();
    }
    text = normalizeForSearch(raw);
    personTextCache.set(raw, text);
  }
  return text;
}

/** Name, tail, creator and revoker (name and e-mail), normalized; a line break separates columns so no term spans two. */
function searchTextOf(record: KeyRecord): string {
  let text = searchTextCache.get(record);
  if (text === undefined) {
    text = `${normalizeForSearch(record.name)}\n${record.tail.toLowerCase()}\n${personText(record.createdBy)}\n${personText(record.revokedBy)}`;
    searchTextCache.set(record, text);
  }
  return text;
}

/** Whether every term occurs in one of the record's searched columns. */
export function matchesSearch(record: KeyRecord, terms: readonly string[]): boolean {
  if (terms.length === 0) {
    return true;
  }
  const text = searchTextOf(record);
  for (let i = 0; i < terms.length; i++) {
    if (text.indexOf(terms[i]) === -1) {
      return false;
    }
  }
  return true;
}

function isSet<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0;
}

function isRangeSet(range: DateRange | undefined): range is DateRange {
  return range !== undefined && (range.from !== undefined || range.to !== undefined);
}

function isQuickSet(filter: ExpiresFilter | LastUsedFilter | undefined): boolean {
  return filter !== undefined && (filter.quick !== undefined || isRangeSet(filter));
}

function inRange(date: Date | undefined, range: DateRange): boolean {
  if (date === undefined) {
    return false;
  }
  const time = date.getTime();
  return (range.from === undefined || time >= range.from.getTime()) && (range.to === undefined || time <= range.to.getTime());
}

/** Whether the record passes every set filter; `now` decides which keys are Expired. */
export function matchesFilters(record: KeyRecord, filters: KeyFilters | undefined, now: number = Date.now()): boolean {
  if (filters === undefined) {
    return true;
  }
  if (isSet(filters.status) && filters.status.indexOf(effectiveStatus(record, now)) === -1) {
    return false;
  }
  if (isSet(filters.permission) && filters.permission.indexOf(record.permission) === -1) {
    return false;
  }
  if (isSet(filters.createdBy) && filters.createdBy.indexOf(record.createdBy.id) === -1) {
    return false;
  }
  if (isSet(filters.revokedBy) && (record.revokedBy === undefined || filters.revokedBy.indexOf(record.revokedBy.id) === -1)) {
    return false;
  }
  if (isRangeSet(filters.created) && !inRange(record.created, filters.created)) {
    return false;
  }
  if (isRangeSet(filters.revokedAt) && !inRange(record.revokedAt, filters.revokedAt)) {
    return false;
  }
  const expires = filters.expires;
  if (expires !== undefined && ((expires.quick !== undefined && !matchesExpiresQuick(record, expires.quick, now)) || (isRangeSet(expires) && !inRange(record.expires, expires)))) {
    return false;
  }
  const lastUsed = filters.lastUsed;
  if (lastUsed !== undefined && ((lastUsed.quick !== undefined && !matchesLastUsedQuick(record, lastUsed.quick, now)) || (isRangeSet(lastUsed) && !inRange(record.lastUsed, lastUsed)))) {
    return false;
  }
  return true;
}

/** How many column filters are set: what the "Filters (n)" badge shows. The search box is not a filter. */
export function countActiveFilters(filters: KeyFilters | undefined): number {
  if (filters === undefined) {
    return 0;
  }
  return [
    isSet(filters.status),
    isSet(filters.permission),
    isSet(filters.createdBy),
    isSet(filters.revokedBy),
    isRangeSet(filters.created),
    isRangeSet(filters.revokedAt),
    isQuickSet(filters.expires),
    isQuickSet(filters.lastUsed)
  ].filter(Boolean).length;
}

const collators: Map<string, Intl.Collator> = new Map<string, Intl.Collator>();

/** Case- and accent-insensitive, digits compared as numbers ("key 9" before "key 10"); one instance per locale. */
export function keyCollator(locale?: string): Intl.Collator {
  const cacheKey = locale === undefined ? '' : locale;
  let collator = collators.get(cacheKey);
  if (collator === undefined) {
    collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true, usage: 'sort' });
    collators.set(cacheKey, collator);
  }
  return collator;
}

type SortValue = string | number | undefined;

function sortValue(record: KeyRecord, column: KeyColumn, now: number): SortValue {
  switch (column) {
    case 'name':
      return record.name;
    case 'tail':
      return record.tail;
    case 'status':
      return statusRank(effectiveStatus(record, now));
    case 'expires':
      return expiresSortValue(record);
    case 'lastUsed':
      return lastUsedSortValue(record);
    case 'permission':
      return record.permission;
    case 'created':
      return record.created.getTime();
    case 'createdBy':
      return record.createdBy.displayName;
    case 'revokedAt':
      return record.revokedAt === undefined ? undefined : record.revokedAt.getTime();
    case 'revokedBy':
      return record.revokedBy === undefined ? undefined : record.revokedBy.displayName;
  }
}

/** Collation rank of each distinct text of a column: texts the collator finds equal share a rank. */
type TextRanks = Map<string, number>;

/** The collation order of the distinct texts seen in one column, for one locale. */
interface CollationOrder {
  /** Distinct texts, in collator order. */
  texts: string[];
  ranks: TextRanks;
  /** Bumped whenever texts are dropped: an array checked against an older generation must be checked again. */
  generation: number;
}

/*
 * Sorting 10,000 names with Intl.Collator takes ~130,000 compare calls (20 ms and more). The overview
 * sorts the same names again on every keystroke and after every rename or revocation, so each text
 * column's collation order is kept (per locale) and sorting compares integer ranks. A records array
 * is checked once for texts the order lacks; a few new ones (a rename, a new key) are inserted by
 * binary search, many (a first load, another list) make the order be rebuilt.
 */
const collationOrders: Map<string, CollationOrder> = new Map<string, CollationOrder>();
const checkedArrays: WeakMap<readonly KeyRecord[], Map<string, number>> = new WeakMap<readonly KeyRecord[], Map<string, number>>();

function rankTexts(sorted: readonly string[], compare: (a: string, b: string) => number): TextRanks {
  const ranks: TextRanks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && compare(sorted[i - 1], sorted[i]) !== 0) {
      rank++;
    }
    ranks.set(sorted[i], rank);
  }
  return ranks;
}

/**
 * Inserts `text` in collator order and gives it a rank between its neighbours' (equal to the
 * previous one's when the collator finds them equal), so nothing else is renumbered. Returns false
 * when no number fits between the neighbours any more and the ranks must be recomputed.
 */
function insertRanked(order: CollationOrder, text: string, compare: (a: string, b: string) => number): boolean {
  const sorted = order.texts;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle], text) <= 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  sorted.splice(low, 0, text);
  const previous = low > 0 ? (order.ranks.get(sorted[low - 1]) as number) : undefined;
  const next = low + 1 < sorted.length ? (order.ranks.get(sorted[low + 1]) as number) : undefined;
  let rank: number;
  if (previous !== undefined && compare(sorted[low - 1], text) === 0) {
    rank = previous;
  } else if (previous === undefined) {
    rank = next === undefined ? 0 : next - 1;
  } else if (next === undefined) {
    rank = previous + 1;
  } else {
    rank = (previous + next) / 2;
    if (!(rank > previous && rank < next)) {
      return false;
    }
  }
  order.ranks.set(text, rank);
  return true;
}

function textRanks(records: readonly KeyRecord[], column: KeyColumn, locale: string | undefined): TextRanks {
  const orderKey = `${column}\n${locale === undefined ? '' : locale}`;
  let order = collationOrders.get(orderKey);
  let checked = checkedArrays.get(records);
  if (checked === undefined) {
    checked = new Map<string, number>();
    checkedArrays.set(records, checked);
  }
  if (order !== undefined && checked.get(orderKey) === order.generation) {
    return order.ranks;
  }
  const missing = new Map<string, true>();
  for (let i = 0; i < records.length; i++) {
    const value = sortValue(records[i], column, 0);
    if (typeof value === 'string' && (order === undefined || !order.ranks.has(value))) {
      missing.set(value, true);
    }
  }
  const compare = keyCollator(locale).compare;
  if (order === undefined || missing.size > Math.max(64, records.length >> 4) || order.texts.length > 2 * records.length + 1000) {
    // Rebuilt from this array's texts alone, which drops texts no longer shown anywhere.
    const distinct = new Map<string, true>();
    for (let i = 0; i < records.length; i++) {
      const value = sortValue(records[i], column, 0);
      if (typeof value === 'string') {
        distinct.set(value, true);
      }
    }
    const texts: string[] = [];
    distinct.forEach((_true, text) => texts.push(text));
    texts.sort(compare);
    order = { texts, ranks: rankTexts(texts, compare), generation: order === undefined ? 1 : order.generation + 1 };
    collationOrders.set(orderKey, order);
  } else if (missing.size > 0) {
    const current = order;
    let fits = true;
    missing.forEach((_true, text) => {
      fits = insertRanked(current, text, compare) && fits;
    });
    if (!fits) {
      current.ranks = rankTexts(current.texts, compare);
    }
  }
  checked.set(orderKey, order.generation);
  return order.ranks;
}

/** Columns sorted by collation; the others sort on numbers (dates, and Status in lifecycle order). */
function isTextColumn(column: KeyColumn): boolean {
  return column === 'name' || column === 'tail' || column === 'permission' || column === 'createdBy' || column === 'revokedBy';
}

interface SortEntry {
  record: KeyRecord;
  /** Milliseconds for dates, collation rank for texts, undefined when the record has no value. */
  value: number | undefined;
  index: number;
}

/** The values to sort on, or undefined when a text has no rank yet. */
function sortEntries(matching: readonly KeyRecord[], column: KeyColumn, ranks: TextRanks | undefined, now: number): SortEntry[] | undefined {
  const entries: SortEntry[] = new Array<SortEntry>(matching.length);
  for (let i = 0; i < matching.length; i++) {
    const value = sortValue(matching[i], column, now);
    let sortOn: number | undefined;
    if (typeof value === 'string' && ranks !== undefined) {
      sortOn = ranks.get(value);
      if (sortOn === undefined) {
        return undefined;
      }
    } else {
      sortOn = value as number | undefined;
    }
    entries[i] = { record: matching[i], value: sortOn, index: i };
  }
  return entries;
}

/**
 * A stable sort of `matching` (a subset of `all`, in `all`'s order): ties keep input order, and
 * missing values go last whichever the direction. Expires and Last used have no missing values: "never" is
 * later than any expiry and older than any use (±Infinity), so it follows the direction.
 */
function sortRecords(all: readonly KeyRecord[], matching: readonly KeyRecord[], sort: KeySort, locale: string | undefined, now: number): KeyRecord[] {
  let entries = sortEntries(matching, sort.column, isTextColumn(sort.column) ? textRanks(all, sort.column, locale) : undefined, now);
  if (entries === undefined) {
    // A text without a rank: the array was changed in place after it was checked. Check it again.
    const checked = checkedArrays.get(all);
    if (checked !== undefined) {
      checked.clear();
    }
    entries = sortEntries(matching, sort.column, textRanks(all, sort.column, locale), now) as SortEntry[];
  }
  const direction = sort.descending === true ? -1 : 1;
  entries.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value === b.value) {
        return a.index - b.index;
      }
      return a.value === undefined ? 1 : -1;
    }
    // Compared, not subtracted: "never" is ±Infinity, and Infinity - Infinity is NaN.
    const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return order !== 0 ? order * direction : a.index - b.index;
  });
  const sorted: KeyRecord[] = new Array<KeyRecord>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    sorted[i] = entries[i].record;
  }
  return sorted;
}

/**
 * The records the overview shows: searched, filtered, then sorted; a new array, input order when
 * unsorted. Records are treated as values: replace a changed record (renameRecord, revokeRecord do),
 * never edit one in place, since its normalized search text is cached by object.
 */
export function queryKeys(records: readonly KeyRecord[], query: KeyQuery): KeyRecord[] {
  const terms = searchTerms(query.search);
  const now = query.now === undefined ? Date.now() : query.now.getTime();
  const matching: KeyRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (matchesFilters(record, query.filters, now) && matchesSearch(record, terms)) {
      matching.push(record);
    }
  }
  return query.sort === undefined ? matching : sortRecords(records, matching, query.sort, query.locale, now);
}

/** The distinct people found in a column, sorted by display name: the choices of its people filter. */
export function peopleIn(records: readonly KeyRecord[], column: 'createdBy' | 'revokedBy', locale?: string): Person[] {
  const seen: { [id: number]: true } = {};
  const people: Person[] = [];
  for (let i = 0; i < records.length; i++) {
    const person = records[i][column];
    if (person !== undefined && seen[person.id] !== true) {
      seen[person.id] = true;
      people.push(person);
    }
  }
  const compare = keyCollator(locale).compare;
  return people.sort((a, b) => compare(a.displayName, b.displayName) || a.id - b.id);
}
