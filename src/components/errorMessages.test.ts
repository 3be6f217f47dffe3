import { AlreadyRevokedError, ConflictError, ForbiddenError, NotFoundError, NotProvisionedError, ThrottledError, ValidationError } from '../core';
import { ADELE, ALEX, fakeRecord } from './__tests__/FakeKeyStore';
import { describeError, nameErrorMessage } from './errorMessages';

describe('describeError', () => {
  test('a conflict on a revoked key names who revoked it, and offers a reload', () => {
    const current = fakeRecord(4, { status: 'Revoked', revokedBy: ALEX, revokedAt: new Date(Date.UTC(2026, 2, 1, 12)) });
    const described = describeError(new ConflictError(4, current));
    expect(described).toMatchObject({ kind: 'conflict', title: 'Someone else changed this key', action: 'reload' });
    expect(described.detail).toMatch(/^It was revoked by Alex Wilber on .*2026/);
  });

  test('a conflict on a renamed key gives the current name; without the current record it still says nothing was overwritten', () => {
    expect(describeError(new ConflictError(4, fakeRecord(4, { name: 'Sales v2', createdBy: ADELE }))).detail).toContain('It is now named “Sales v2”');
    expect(describeError(new ConflictError(4)).detail).toMatch(/Nothing was overwritten/);
  });

  test('a conflict on a key someone else renamed names who changed it and when', () => {
    const current = fakeRecord(4, { name: 'Sales v3', createdBy: ADELE, modifiedBy: ALEX, modified: new Date(Date.UTC(2026, 4, 2, 9)) });
    const detail = describeError(new ConflictError(4, current)).detail;
    expect(detail).toMatch(/^Alex Wilber changed it on .*2026.*: it is now named “Sales v3”/);
    expect(detail).toMatch(/Nothing was overwritten/);
  });

  test('throttling says how long to wait when SharePoint said so', () => {
    expect(describeError(new ThrottledError(12))).toMatchObject({ kind: 'throttled', action: 'retry' });
    expect(describeError(new ThrottledError(12)).detail).toContain('wait 12 seconds');
    expect(describeError(new ThrottledError()).detail).toContain('kept refusing them after several retries');
  });

  test('each typed error has its own title', () => {
    const titles = [new ForbiddenError(), new NotFoundError(3), new AlreadyRevokedError(3, ADELE, new Date()), new NotProvisionedError('missing-list', 'No list.', 'Create it.')].map(
      (e) => describeError(e).title
    );
    expect(new Set(titles).size).toBe(titles.length);
    expect(describeError(new ForbiddenError()).action).toBe('none');
  });

  test('an untyped error keeps its message and offers a retry', () => {
    expect(describeError(new Error('socket hang up'))).toEqual({ kind: 'unknown', title: 'The keys could not be loaded or saved', detail: 'Something went wrong: socket hang up', action: 'retry' });
    expect(describeError('plain text').detail).toBe('Something went wrong: plain text');
  });
});

test('name validation messages come from the strings, by code', () => {
  expect(nameErrorMessage(new ValidationError('name', 'name-empty', 'x'))).toBe('Enter a name.');
  expect(nameErrorMessage(new ValidationError('name', 'name-too-long', 'x'))).toBe('Use at most 255 characters.');
  expect(nameErrorMessage(new ValidationError('name', 'name-control-characters', 'x'))).toMatch(/control characters/);
});
