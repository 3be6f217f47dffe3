import * as fc from 'fast-check';
import { CSV_BOM, csvDateTime, csvField, csvFileName, csvSeparatorFor, keyRecordsToCsv, toCsv } from './csv';
import type { KeyCsvLabels } from './csv';
import { KEY_COLUMNS } from './query';
import { makeRecords } from './testing/recordFixtures';

/** A reference reader for RFC 4180 (quoted fields, doubled quotes, CRLF rows): what Excel does on open. */
function readCsv(text: string, separator: string = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  test('quotes fields with a quote, comma, semicolon or line break, doubling quotes', () => {
    expect(csvField('plain name')).toBe('plain name');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  test('text a spreadsheet would run as a formula is kept as text (OWASP CSV injection)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}HYPERLINK("http://x")`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    }
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('a=b')).toBe('a=b');
  });

  test('any text reads back as itself (apart from the neutralising apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const read = readCsv(toCsv(table[0], table.slice(1)).slice(CSV_BOM.length));
        const expected = table.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        expect(read).toEqual(expected);
      })
    );
  });
});

describe('the separator Excel expects in the page locale', () => {
  test('a semicolon where the comma is the decimal mark, a comma elsewhere', () => {
    expect(csvSeparatorFor('fr-FR')).toBe(';');
    expect(csvSeparatorFor('de-DE')).toBe(';');
    expect(csvSeparatorFor('en-US')).toBe(',');
    expect(csvSeparatorFor('en-GB')).toBe(',');
    expect(csvSeparatorFor('ja-JP')).toBe(',');
  });

  test('a semicolon file reads back as itself, commas in text kept inside their field', () => {
    const text = toCsv(['Nom', 'État'], [['Power BI, ventes', 'Révoquée'], ['a;b', 'Active']], ';');
    expect(text.split('\r\n')[0]).toBe(`${CSV_BOM}Nom;État`);
    expect(readCsv(text.slice(CSV_BOM.length), ';')).toEqual([
      ['Nom', 'État'],
      ['Power BI, ventes', 'Révoquée'],
      ['a;b', 'Active']
    ]);
  });
});

test('a file starts with the UTF-8 BOM and ends every row with CRLF', () => {
  const text = toCsv(['Name', 'Status'], [['Café', 'Active']]);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.slice(1)).toBe('Name,Status\r\nCafé,Active\r\n');
  expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});

test('dates are local, minute-precise and unambiguous; the file is named by the local day', () => {
  const date = new Date(2026, 0, 5, 9, 7, 59);
  expect(csvDateTime(date)).toBe('2026-01-05 09:07');
  expect(csvDateTime(undefined)).toBe('');
  expect(csvDateTime(new Date(NaN))).toBe('');
  expect(csvFileName('api-keys', new Date(2026, 11, 3, 23, 59))).toBe('api-keys-2026-12-03.csv');
});

test('the export has the list columns in order, the records in the order given, and no key material beyond the tail', () => {
  const records = makeRecords(25, 7);
  const labels: KeyCsvLabels = {
    columns: {
      name: 'Name',
      tail: 'API Key (ending)',
      status: 'Status',
      expires: 'Expires',
      lastUsed: 'Last used',
      permission: 'Permissions',
      created: 'Date Created',
      createdBy: 'Created By',
      revokedAt: 'Revocation Date',
      revokedBy: 'Revoked By'
    },
    status: (r) => (r.status === 'Active' ? 'Active' : 'Revoked'),
    permission: (r) => (r.permission === 'ReadOnly' ? 'Read Only' : 'Full Control'),
    neverExpires: 'Never',
    neverUsed: 'Never used'
  };
  const reversed = records.slice().reverse();
  const text = keyRecordsToCsv(reversed, labels);
  const rows = readCsv(text.slice(1));
  expect(rows[0]).toEqual(KEY_COLUMNS.map((c) => labels.columns[c]));
  expect(rows.slice(1).map((r) => r[1])).toEqual(reversed.map((r) => r.tail));
  expect(rows.slice(1).map((r) => r[0].replace(/^'/, ''))).toEqual(reversed.map((r) => r.name));
  for (const record of records) {
    expect(text).not.toContain(record.hash);
    expect(text).not.toContain(record.etag);
  }
  const revoked = reversed.findIndex((r) => r.revokedBy);
  expect(revoked).toBeGreaterThanOrEqual(0);
  expect(rows[revoked + 1][9]).toBe(reversed[revoked].revokedBy?.displayName);
  expect(rows[revoked + 1][8]).toBe(csvDateTime(reversed[revoked].revokedAt));
  expect(rows[0].slice(3, 5)).toEqual(['Expires', 'Last used']);
  const [used] = readCsv(keyRecordsToCsv([{ ...records[0], expires: new Date(2026, 5, 30, 23, 59), lastUsed: new Date(2026, 0, 2, 3, 4) }], labels).slice(1)).slice(1);
  expect(used.slice(3, 5)).toEqual(['2026-06-30 23:59', '2026-01-02 03:04']);
  const [never] = readCsv(keyRecordsToCsv([{ ...records[0], expires: undefined, lastUsed: undefined }], labels).slice(1)).slice(1);
  expect(never.slice(3, 5)).toEqual(['Never', 'Never used']);
});
