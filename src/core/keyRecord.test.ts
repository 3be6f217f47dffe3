import fc from 'fast-check';
import { AlreadyRevokedError, ValidationError } from './errors';
import type { ValidationCode } from './errors';
import { assertImmutableFieldsUnchanged, isControlCharacter, NAME_MAX_LENGTH, renameRecord, revokeRecord, validateKeyName } from './keyRecord';
import type { KeyRecord, Person } from './keyRecord.types';
import { FIXTURE_PEOPLE, makeRecord } from './testing/recordFixtures';

const ADMIN: Person = FIXTURE_PEOPLE[1];
const OTHER_ADMIN: Person = FIXTURE_PEOPLE[2];
const REVOKED_AT = new Date(Date.UTC(2025, 5, 1, 12));

const ACTIVE = makeRecord({ id: 5, name: 'Payroll connector' });
const REVOKED = makeRecord({ id: 6, name: 'Old CRM sync', status: 'Revoked', revokedAt: REVOKED_AT, revokedBy: ADMIN });
const STATES: ReadonlyArray<[string, KeyRecord]> = [
  ['an Active', ACTIVE],
  ['a Revoked', REVOKED]
];

function validationFailure(action: () => unknown): { field: string; code: ValidationCode; message: string } {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const { field, code, message } = error as ValidationError;
    return { field, code, message };
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

function deepFrozenCopy(record: KeyRecord): KeyRecord {
  const copy: KeyRecord = { ...record, createdBy: Object.freeze({ ...record.createdBy }) };
  return Object.freeze(copy);
}

describe('validateKeyName', () => {
  it('returns the name trimmed of surrounding whitespace', () => {
    expect(validateKeyName('  Payroll connector \t')).toBe('Payroll connector');
    expect(validateKeyName('\u00a0Café\u3000')).toBe('Café');
  });

  it.each(['', '   ', '\t\n', '\u00a0\u2003'])('refuses %p as empty', (raw) => {
    expect(validationFailure(() => validateKeyName(raw))).toMatchObject({ field: 'name', code: 'name-empty' });
  });

  it(`accepts exactly ${NAME_MAX_LENGTH} characters, also when padded, and refuses one more`, () => {
    const longest = 'é'.repeat(NAME_MAX_LENGTH);
    expect(validateKeyName(longest)).toBe(longest);
    expect(validateKeyName(`  ${longest}  `)).toBe(longest);
    const failure = validationFailure(() => validateKeyName(longest + 'x'));
    expect(failure).toMatchObject({ field: 'name', code: 'name-too-long' });
    expect(failure.message).toContain(String(NAME_MAX_LENGTH));
    expect(failure.message).toContain(String(NAME_MAX_LENGTH + 1));
  });

  const controlCodes: number[] = [];
  for (let code = 0; code <= 0x9f; code++) {
    if (code <= 0x1f || code >= 0x7f) {
      controlCodes.push(code);
    }
  }
  controlCodes.push(0x2028, 0x2029);

  it(`refuses each of the ${controlCodes.length} control characters inside a name, saying where`, () => {
    for (const code of controlCodes) {
      const failure = validationFailure(() => validateKeyName(`ab${String.fromCharCode(code)}cd`));
      expect(failure).toMatchObject({ field: 'name', code: 'name-control-characters' });
      expect(failure.message).toContain('character 3');
      expect(failure.message).toContain(`U+${('000' + code.toString(16).toUpperCase()).slice(-4)}`);
    }
  });

  it('accepts visible Unicode that is not Cc: accents, CJK, emoji, format characters', () => {
    for (const name of ['Élodie’s flow', '東京 API', 'Deploy \u{1F680}', 'a\u200bb', 'x\u00adz', 'مفتاح']) {
      expect(validateKeyName(name)).toBe(name);
    }
  });

  it('property: a name is accepted exactly when trimmed it is non-empty, short enough and has no control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const trimmed = raw.trim();
        let hasControl = false;
        for (let i = 0; i < trimmed.length; i++) {
          hasControl = hasControl || isControlCharacter(trimmed.charCodeAt(i));
        }
        const valid = trimmed.length > 0 && trimmed.length <= NAME_MAX_LENGTH && !hasControl;
        if (valid) {
          expect(validateKeyName(raw)).toBe(trimmed);
        } else {
          expect(() => validateKeyName(raw)).toThrow(ValidationError);
        }
      }),
      { numRuns: 2_000 }
    );
  });
});

describe.each(STATES)('%s key', (_label, record) => {
  const status = record.status;
  it('can be renamed: a new record with the trimmed name, everything else equal, the original untouched', () => {
    const original = deepFrozenCopy(record);
    const renamed = renameRecord(original, '  Payroll (EU) ');
    expect(renamed).not.toBe(original);
    expect(renamed).toEqual({ ...record, name: 'Payroll (EU)' });
    expect(original.name).toBe(record.name);
  });

  it.each<[string, ValidationCode, string]>([
    ['an empty name', 'name-empty', ''],
    ['a 256-character name', 'name-too-long', 'x'.repeat(NAME_MAX_LENGTH + 1)],
    ['a name with a line break', 'name-control-characters', 'line\nbreak']
  ])('refuses the rename to %s with %s', (_description, code, name) => {
    expect(validationFailure(() => renameRecord(record, name))).toMatchObject({ field: 'name', code });
  });

  if (status === 'Active') {
    it('can be revoked: status, date and revoker recorded, the original untouched', () => {
      const original = deepFrozenCopy(record);
      const revoked = revokeRecord(original, OTHER_ADMIN, REVOKED_AT);
      expect(revoked).toEqual({ ...record, status: 'Revoked', revokedAt: REVOKED_AT, revokedBy: OTHER_ADMIN });
      expect(original.status).toBe('Active');
      expect(original.revokedAt).toBeUndefined();
    });

    it('is revoked with its own copy of the date, so mutating the caller Date changes nothing', () => {
      const at = new Date(REVOKED_AT.getTime());
      const revoked = revokeRecord(record, OTHER_ADMIN, at);
      at.setUTCFullYear(1999);
      expect(revoked.revokedAt).toEqual(REVOKED_AT);
    });

    it('refuses an invalid revocation date', () => {
      expect(() => revokeRecord(record, OTHER_ADMIN, new Date(NaN))).toThrow(RangeError);
    });

    it('then refuses a second revocation: revoking is once only', () => {
      const revoked = revokeRecord(record, OTHER_ADMIN, REVOKED_AT);
      expect(() => revokeRecord(revoked, ADMIN, new Date())).toThrow(AlreadyRevokedError);
    });
  } else {
    it('cannot be revoked again: AlreadyRevokedError says who revoked it and when', () => {
      let thrown: unknown;
      try {
        revokeRecord(record, OTHER_ADMIN, new Date());
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AlreadyRevokedError);
      expect(thrown).toMatchObject({ kind: 'already-revoked', keyId: record.id, revokedBy: ADMIN, revokedAt: REVOKED_AT });
      expect((thrown as Error).message).toContain(ADMIN.displayName);
      expect((thrown as Error).message).toContain(REVOKED_AT.toISOString());
    });
  }

  const immutableChanges: ReadonlyArray<[keyof KeyRecord, Partial<KeyRecord>]> = [
    ['permission', { permission: record.permission === 'ReadOnly' ? 'FullControl' : 'ReadOnly' }],
    ['hash', { hash: '0'.repeat(64) }],
    ['tail', { tail: 'zzzzzzzzzzzz' }],
    ['created', { created: new Date(record.created.getTime() + 1) }],
    ['createdBy', { createdBy: OTHER_ADMIN }],
    ['permission', { permission: undefined }],
    ['created', { created: undefined }]
  ];
  it.each(immutableChanges)('refuses a change of %s with an immutable-field ValidationError', (field, after) => {
    expect(validationFailure(() => assertImmutableFieldsUnchanged(record, after))).toMatchObject({ field, code: 'immutable-field' });
  });

  it('says how to get another permission when the permission would change', () => {
    const { message } = validationFailure(() => assertImmutableFieldsUnchanged(record, { permission: 'FullControl', hash: record.hash }));
    expect(message).toMatch(/generate a new key/i);
  });

  it('accepts unchanged immutable fields (equal values, equal dates, the same person re-read with a new display name)', () => {
    expect(() =>
      assertImmutableFieldsUnchanged(record, {
        name: 'Anything',
        permission: record.permission,
        hash: record.hash,
        tail: record.tail,
        created: new Date(record.created.getTime()),
        createdBy: { ...record.createdBy, displayName: 'Renamed in Entra' },
        etag: '"9"'
      })
    ).not.toThrow();
    expect(() => assertImmutableFieldsUnchanged(record, {})).not.toThrow();
    expect(() => assertImmutableFieldsUnchanged(record, renameRecord(record, 'New name'))).not.toThrow();
  });

  if (status === 'Active') {
    it('accepts the change a revocation makes', () => {
      expect(() => assertImmutableFieldsUnchanged(record, revokeRecord(record, ADMIN, REVOKED_AT))).not.toThrow();
    });
  } else {
    it.each<[keyof KeyRecord, Partial<KeyRecord>]>([
      ['status', { status: 'Active' }],
      ['status', { status: 'Active', revokedAt: undefined, revokedBy: undefined }],
      ['revokedAt', { revokedAt: new Date() }],
      ['revokedAt', { revokedAt: undefined }],
      ['revokedBy', { revokedBy: OTHER_ADMIN }],
      ['revokedBy', { revokedBy: undefined }]
    ])('refuses to undo or alter the revocation (%s)', (field, after) => {
      expect(validationFailure(() => assertImmutableFieldsUnchanged(record, after))).toMatchObject({ field, code: 'immutable-field' });
    });

    it('accepts the same revocation read back', () => {
      expect(() =>
        assertImmutableFieldsUnchanged(record, { status: 'Revoked', revokedAt: new Date(REVOKED_AT.getTime()), revokedBy: { ...ADMIN } })
      ).not.toThrow();
    });
  }
});
