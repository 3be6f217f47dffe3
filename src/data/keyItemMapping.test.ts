import { hasEarlierVersions, InvalidKeyItemError, parseStatus, toKeyRecord } from './keyItemMapping';
import type { KeyListItem } from './keyItemMapping';

function item(overrides: Partial<KeyListItem> = {}): KeyListItem {
  return {
    'odata.etag': '"3"',
    Id: 7,
    Title: 'Order sync',
    KeyHash: 'AB'.repeat(32),
    KeyTail: 'x1Y2z3W4v5U6',
    Permission: 'ReadOnly',
    Status: 'Active',
    Created: '2022-11-04T16:12:04Z',
    AuthorId: 11,
    RevokedAt: null,
    RevokedById: null,
    Modified: '2022-11-05T08:00:00Z',
    Author: { Id: 11, Title: 'Adele Vance', EMail: 'adelev@contoso.com' },
    RevokedBy: null,
    ...overrides
  };
}

describe('toKeyRecord', () => {
  it('maps an active item, lower-casing the hash and keeping the ETag as sent', () => {
    expect(toKeyRecord(item())).toEqual({
      id: 7,
      name: 'Order sync',
      tail: 'x1Y2z3W4v5U6',
      hash: 'ab'.repeat(32),
      permission: 'ReadOnly',
      status: 'Active',
      created: new Date('2022-11-04T16:12:04Z'),
      createdBy: { id: 11, displayName: 'Adele Vance', email: 'adelev@contoso.com' },
      modified: new Date('2022-11-05T08:00:00Z'),
      etag: '"3"'
    });
  });

  it('maps Expires; null, empty or absent (a list from before schema 3) is no expiry; a value that is not a date is refused', () => {
    expect(toKeyRecord(item({ Expires: '2026-04-01T10:00:00Z' })).expires).toEqual(new Date('2026-04-01T10:00:00Z'));
    for (const none of [null, '', undefined]) {
      const record = toKeyRecord(item({ Expires: none }));
      expect(record.expires).toBeUndefined();
      expect('expires' in record).toBe(false);
    }
    expect(() => toKeyRecord(item({ Expires: 'soon' }))).toThrow(InvalidKeyItemError);
  });

  it('leaves the ETag empty, never "*", when the item was read without one (odata=nometadata)', () => {
    expect(toKeyRecord(item({ 'odata.etag': undefined })).etag).toBe('');
  });

  it('maps who last changed the item (Editor), for a conflict message that names them', () => {
    const record = toKeyRecord(item({ EditorId: 12, Editor: { Id: 12, Title: 'Alex Wilber', EMail: 'alexw@contoso.com' } }));
    expect(record.modifiedBy).toEqual({ id: 12, displayName: 'Alex Wilber', email: 'alexw@contoso.com' });
    expect(toKeyRecord(item()).modifiedBy).toBeUndefined();
  });

  it('maps a revoked item with who and when', () => {
    const record = toKeyRecord(item({ Status: 'Revoked', RevokedAt: '2023-01-02T03:04:05Z', RevokedById: 12, RevokedBy: { Id: 12, Title: 'Alex Wilber' } }));
    expect(record.status).toBe('Revoked');
    expect(record.revokedAt).toEqual(new Date('2023-01-02T03:04:05Z'));
    expect(record.revokedBy).toEqual({ id: 12, displayName: 'Alex Wilber' });
  });

  it('falls back to Modified when the revocation time was never written', () => {
    expect(toKeyRecord(item({ Status: 'Revoked', RevokedById: 12 })).revokedAt).toEqual(new Date('2022-11-05T08:00:00Z'));
  });

  it('survives a missing expansion', () => {
    expect(toKeyRecord(item({ Author: undefined })).createdBy).toEqual({ id: 11, displayName: 'User 11' });
  });

  it.each([
    ['null', { Status: null }],
    ['empty', { Status: '' }],
    ['lower case', { Status: 'revoked' }],
    ['upper case', { Status: 'REVOKED' }],
    ['a trailing space', { Status: 'Revoked ' }],
    ['active lower case', { Status: 'active' }],
    ['Active with a revocation date', { Status: 'Active', RevokedAt: '2023-01-02T03:04:05Z' }],
    ['Active with a revoker', { Status: 'Active', RevokedById: 12 }]
  ])('parses Status fail-closed: %s is revoked and flagged malformed-status, with the last editor', (_label, overrides) => {
    const record = toKeyRecord(item({ ...(overrides as Partial<KeyListItem>), EditorId: 13, Editor: { Id: 13, Title: 'Megan Bowen' } }));
    expect(record.status).toBe('Revoked');
    expect(record.integrity).toMatchObject({ reason: 'malformed-status', changedBy: { id: 13, displayName: 'Megan Bowen' }, changedAt: new Date('2022-11-05T08:00:00Z') });
  });

  it('exactly Active without revocation, and exactly Revoked, carry no problem', () => {
    expect(toKeyRecord(item()).integrity).toBeUndefined();
    expect(toKeyRecord(item({ Status: 'Revoked' })).integrity).toBeUndefined();
    expect(parseStatus({ Status: 'Active', RevokedAt: null, RevokedById: null })).toEqual({ status: 'Active' });
  });

  it('an item still at version 1.0 needs no history read; any other label, or none, does', () => {
    expect(hasEarlierVersions({ OData__UIVersionString: '1.0' })).toBe(false);
    expect(hasEarlierVersions({ OData__UIVersionString: '2.0' })).toBe(true);
    expect(hasEarlierVersions({})).toBe(true);
  });

  it.each([
    ['an empty hash', { KeyHash: null }],
    ['an empty tail', { KeyTail: '' }],
    ['an unknown permission', { Permission: 'Admin' }]
  ])('refuses an item with %s', (_label, overrides) => {
    expect(() => toKeyRecord(item(overrides as Partial<KeyListItem>))).toThrow(InvalidKeyItemError);
  });
});
