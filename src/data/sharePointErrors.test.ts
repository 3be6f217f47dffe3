import { ForbiddenError, NotFoundError, NotProvisionedError, ThrottledError } from '../core';
import { requestDetailsOf, toStoreError } from './sharePointErrors';

function httpError(status: number, body: string, headers: Record<string, string> = {}): Error {
  const error = new Error(`Error making HttpClient request in queryable [${status}] ::> ${body}`) as Error & Record<string, unknown>;
  error.isHttpRequestError = true;
  error.status = status;
  error.response = { headers: { get: (name: string) => headers[name] ?? null } };
  return error;
}

const spError = (code: string, message: string): string => JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: message } } });

describe('toStoreError', () => {
  const context = { listTitle: 'API Keys' };

  it('turns a missing list into NotProvisionedError(missing-list) with a fix', () => {
    const mapped = toStoreError(httpError(404, spError('-1, System.ArgumentException', "List 'API Keys' does not exist at site with URL 'https://x'.")), context);
    expect(mapped).toBeInstanceOf(NotProvisionedError);
    expect(mapped).toMatchObject({ reason: 'missing-list', fix: expect.stringContaining('Set up the key list') });
  });

  it('turns a missing item into NotFoundError', () => {
    const mapped = toStoreError(httpError(404, spError('-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.')), { ...context, itemId: 4 });
    expect(mapped).toEqual(new NotFoundError(4));
  });

  it('turns 403 into ForbiddenError', () => {
    expect(toStoreError(httpError(403, spError('-2147024891, System.UnauthorizedAccessException', 'Access denied.')), context)).toBeInstanceOf(ForbiddenError);
  });

  it.each([429, 503, 504])('turns an exhausted %s into ThrottledError with Retry-After', (status) => {
    const mapped = toStoreError(httpError(status, '', { 'Retry-After': '7' }), context);
    expect(mapped).toBeInstanceOf(ThrottledError);
    expect((mapped as ThrottledError).retryAfterSeconds).toBe(7);
  });

  it('turns the list view threshold into NotProvisionedError(unsafe-settings): an index is missing', () => {
    const mapped = toStoreError(httpError(500, spError('-2147024860, Microsoft.SharePoint.SPQueryThrottledException', 'The attempted operation is prohibited...')), context);
    expect(mapped).toMatchObject({ reason: 'unsafe-settings' });
  });

  it('passes anything else through untouched', () => {
    const other = httpError(500, spError('-1, Microsoft.SharePoint.SPException', 'boom'));
    expect(toStoreError(other, context)).toBe(other);
    const plain = new TypeError('fetch failed');
    expect(toStoreError(plain, context)).toBe(plain);
  });

  it('keeps the status and SharePoint\'s correlation id (SPRequestGuid, else request-id) on the typed error', () => {
    const forbidden = toStoreError(httpError(403, spError('-2147024891, System.UnauthorizedAccessException', 'Access denied.'), { SPRequestGuid: 'sp-guid-1', 'request-id': 'other' }), context) as ForbiddenError;
    expect(forbidden.requestDetails).toMatchObject({ status: 403, correlationId: 'sp-guid-1' });
    expect(forbidden.requestDetails?.time).toBeInstanceOf(Date);
    expect(requestDetailsOf(httpError(500, '', { 'request-id': 'graph-id' }))).toMatchObject({ status: 500, correlationId: 'graph-id' });
    expect(requestDetailsOf(new Error('not http'))).toBeUndefined();
  });
});
