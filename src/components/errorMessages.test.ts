import { AlreadyRevokedError, ConflictError, ForbiddenError, NotFoundError, NotProvisionedError, RollIncompleteError, ThrottledError, ValidationError } from '../core';
import { ADELE, ALEX, fakeRecord } from './__tests__/FakeKeyStore';
import { toStoreError } from '../data/sharePointErrors';
import { describeError, describeRollIncomplete, nameErrorMessage, notProvisionedDetail, notProvisionedFix, provisioningCanFix } from './errorMessages';

function httpError(status: number, body: string, headers: Record<string, string> = {}): Error {
  const error = new Error(`Error making HttpClient request in queryable [${status}] ::> ${body}`) as Error & Record<string, unknown>;
  error.isHttpRequestError = true;
  error.status = status;
  error.response = { headers: { get: (name: string) => headers[name] ?? null } };
  return error;
}

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

  test('an untyped error is told in plain words per operation; its message goes behind Copy details only', () => {
    const seenAt = new Date(Date.UTC(2026, 11, 3, 6, 0, 0));
    const described = describeError(new Error('socket hang up'), 'load', seenAt);
    expect(described).toMatchObject({ kind: 'unknown', title: 'The API keys could not be loaded', action: 'retry' });
    expect(described.detail).toBe('An unexpected error in the page stopped it. Nothing was changed. Try again in a moment.');
    expect(described.detail).not.toContain('socket hang up');
    expect(described.report).toContain('Message: socket hang up');
    expect(described.report).toContain('Time (UTC): 2026-12-03T06:00:00.000Z');
    expect(describeError('plain text', 'rename').title).toBe('The key was not renamed');
    // Refused writes: nothing to retry about a missing permission.
    expect(describeError(new ForbiddenError(), 'revoke').detail).toMatch(/The key was not revoked and still works\.$/);
  });

  test('SharePoint answering 500 to a revoke: the key still works, and status, correlation id and time are in the details', () => {
    const body = JSON.stringify({ 'odata.error': { code: '-2146232832, Microsoft.SharePoint.SPException', message: { lang: 'en-US', value: 'Server error' } } });
    const described = describeError(httpError(500, body, { SPRequestGuid: '6f1d2c3b-aaaa-4000-8000-000000000001' }), 'revoke', new Date(Date.UTC(2026, 11, 3, 6, 1)));
    expect(described.title).toBe('The key was not revoked');
    expect(described.detail).toBe('SharePoint ran into a problem of its own (error 500). The key was not revoked and still works. Try again in a moment.');
    expect(described.detail).not.toMatch(/odata|HttpClient|queryable/);
    expect(described.report.split('\n')).toEqual(
      expect.arrayContaining(['Status: 500', 'Correlation ID: 6f1d2c3b-aaaa-4000-8000-000000000001', 'Time (UTC): 2026-12-03T06:01:00.000Z'])
    );
  });

  test('no answer at all: a create may have landed, and the message says to check before trying again', () => {
    const described = describeError(new TypeError('Failed to fetch'), 'create');
    expect(described.title).toBe('The key was not generated');
    expect(described.detail).toMatch(/^SharePoint could not be reached.*may or may not have been created: reload the list and check/);
  });

  test('a typed error from the data layer carries its correlation id into the details', () => {
    const throttled = toStoreError(httpError(429, '', { 'Retry-After': '30', 'request-id': 'graph-or-sp-id' }), { listTitle: 'API Keys' });
    const described = describeError(throttled, 'rename');
    expect(described.detail).toContain('wait 30 seconds');
    expect(described.report).toContain('Correlation ID: graph-or-sp-id');
    expect(described.report).toContain('Status: 429');
  });

  test('each provisioning problem gets its own plain message and fix; an exposed list names who can write it', () => {
    const exposed = new NotProvisionedError('exposed', 'x', 'y', ['Megan Bowen (i:0#.f|membership|meganb@contoso.com)', 'Site Owners']);
    expect(notProvisionedDetail(exposed)).toContain('Megan Bowen (i:0#.f|membership|meganb@contoso.com), Site Owners');
    expect(notProvisionedFix(exposed)).toMatch(/review every key created or last changed by those accounts/);
    const reasons = ['exposed', 'not-ours', 'wrong-store', 'missing-list'] as const;
    const details = reasons.map((reason) => notProvisionedDetail(new NotProvisionedError(reason, 'x', 'y')));
    expect(new Set(details).size).toBe(reasons.length);
    expect(reasons.map((reason) => provisioningCanFix(new NotProvisionedError(reason, 'x', 'y')))).toEqual([false, false, false, true]);
  });
});

test('name validation messages come from the strings, by code', () => {
  expect(nameErrorMessage(new ValidationError('name', 'name-empty', 'x'))).toBe('Enter a name.');
  expect(nameErrorMessage(new ValidationError('name', 'name-too-long', 'x'))).toBe('Use at most 255 characters.');
  expect(nameErrorMessage(new ValidationError('name', 'name-control-characters', 'x'))).toMatch(/control characters/);
  expect(nameErrorMessage(new ValidationError('expires', 'expiry-in-past', 'x'))).toBe('This day has passed: choose today or a later day.');
  expect(nameErrorMessage(new ValidationError('expires', 'expiry-invalid', 'x'))).toBe('Choose a day in the calendar.');
});

describe('rolling and bringing an expiry forward', () => {
  test.each([
    ['expiry-not-earlier', 'Choose a time before the current expiry'],
    ['key-revoked', 'This key is revoked'],
    ['key-expired', 'This key has expired already'],
    ['key-tampered', "This key's history shows tampering"],
    ['grace-too-long', 'at most 7 days'],
    ['expiry-in-past', 'This day has passed']
  ] as const)('the validation code %s reads as the admin can act on it', (code, text) => {
    expect(describeError(new ValidationError('expires', code, 'raw'), 'expiry').detail).toContain(text);
  });

  test('an unanswered roll says a new key may have been made; a refused expiry change says nothing changed', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'roll')).toMatchObject({ title: 'The key was not rolled' });
    expect(describeError(new TypeError('Failed to fetch'), 'roll').detail).toContain('A new key may or may not have been made');
    expect(describeError(httpError(500, 'boom'), 'expiry').detail).toContain('The expiry was not changed.');
  });

  test('a roll whose old key could not be ended: what failed, that the old key still works, and what to do; never the key', () => {
    const revoke = describeRollIncomplete(new RollIncompleteError(4, 9, 'now', new ConflictError(4, fakeRecord(4, { name: 'Sales v2' }))), 'aaaaBBBBcccc');
    expect(revoke).toMatchObject({ kind: 'roll-incomplete', title: 'The new key was made, but the old key still works', action: 'none' });
    expect(revoke.detail).toMatch(/^The old key \(ending in aaaaBBBBcccc\) could not be revoked: Someone else changed this key\. It is now named “Sales v2”/);
    expect(revoke.detail).toContain('then revoke the old key from the list');
    const end = describeRollIncomplete(new RollIncompleteError(4, 9, new Date(Date.UTC(2026, 5, 1, 12)), new ThrottledError(5)), 'aaaaBBBBcccc');
    expect(end.detail).toMatch(/could not be set to stop on .*2026.*SharePoint asked to wait 5 seconds/);
    expect(end.detail).toContain("bring the old key's expiry forward or revoke it");
    expect(end.report).toContain('The replacement key 9 was created');
  });
});
