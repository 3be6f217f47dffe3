import type { KeyRefused } from '../KeyVerifier.types';

export interface RefusalResponse {
  status: 401 | 403 | 429 | 503;
  headers: Record<string, string | string[]>;
  body: { error: { code: string; message: string } };
}

/** A quoted-string parameter (RFC 7235) must not carry quotes, backslashes or control characters. */
function quotedParameter(value: string): string {
  return value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, ' ');
}

/**
 * The HTTP form of a refusal, the same for every adapter. 401 challenges Bearer (RFC 6750: no error
 * code when no key was sent) and Basic; 403 names insufficient_scope; 429 and 503 say when to retry.
 */
export function refusalResponse(refusal: KeyRefused, realm: string = 'api'): RefusalResponse {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  };
  const description = `error_description="${quotedParameter(refusal.message)}"`;
  const quotedRealm = quotedParameter(realm);
  if (refusal.status === 401) {
    const bearer = refusal.reason === 'missing' ? `Bearer realm="${quotedRealm}"` : `Bearer realm="${quotedRealm}", error="invalid_token", ${description}`;
    headers['WWW-Authenticate'] = [bearer, `Basic realm="${quotedRealm}", charset="UTF-8"`];
  } else if (refusal.status === 403) {
    headers['WWW-Authenticate'] = `Bearer realm="${quotedRealm}", error="insufficient_scope", ${description}`;
  } else if (refusal.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(refusal.retryAfterSeconds);
  }
  return { status: refusal.status, headers, body: { error: { code: refusal.reason, message: refusal.message } } };
}
