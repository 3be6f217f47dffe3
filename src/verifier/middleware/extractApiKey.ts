/** Reads one request header by lower-case name; each framework adapts its own header object to this. */
export type HeaderReader = (name: string) => string | undefined;

export type KeySource = 'bearer' | 'x-api-key' | 'basic';

export type PresentedKey =
  | { kind: 'none' }
  | { kind: 'key'; key: string; source: KeySource }
  | { kind: 'invalid'; cause: 'malformed-header' | 'conflicting-keys' | 'unsupported-scheme' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type FromAuthorization = PresentedKey | { kind: 'other-scheme' };

function fromAuthorization(value: string): FromAuthorization {
  // indexOf rather than a regular expression: this runs on every request.
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  const scheme = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const credentials = space === -1 ? '' : trimmed.slice(space + 1).trim();
  if (scheme === 'bearer') {
    if (credentials === '' || /\s/.test(credentials)) {
      return { kind: 'invalid', cause: 'malformed-header' };
    }
    return { kind: 'key', key: credentials, source: 'bearer' };
  }
  if (scheme === 'basic') {
    // Power BI, Power Automate and other LMS365-style integrations send the key as the Basic password, with any user name.
    if (credentials === '' || credentials.length % 4 !== 0 || !BASE64.test(credentials)) {
      return { kind: 'invalid', cause: 'malformed-header' };
    }
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon === -1 ? '' : decoded.slice(colon + 1);
    if (password === '') {
      return { kind: 'invalid', cause: 'malformed-header' };
    }
    return { kind: 'key', key: password, source: 'basic' };
  }
  return { kind: 'other-scheme' };
}

/**
 * The one place a presented key is read from a request: `Authorization: Bearer <key>`,
 * `x-api-key: <key>`, or HTTP Basic with the key as the password. Another Authorization scheme is
 * left to whatever else uses it when an x-api-key is present; two different keys are refused.
 */
export function extractApiKey(header: HeaderReader): PresentedKey {
  const authorization = header('authorization');
  const apiKeyHeader = header('x-api-key')?.trim();
  const fromHeader: PresentedKey | undefined = apiKeyHeader ? { kind: 'key', key: apiKeyHeader, source: 'x-api-key' } : undefined;
  if (authorization === undefined || authorization.trim() === '') {
    return fromHeader ?? { kind: 'none' };
  }
  const fromAuth = fromAuthorization(authorization);
  if (fromAuth.kind === 'other-scheme') {
    return fromHeader ?? { kind: 'invalid', cause: 'unsupported-scheme' };
  }
  if (fromAuth.kind === 'invalid' || fromHeader === undefined) {
    return fromAuth;
  }
  if (fromAuth.kind === 'key' && fromAuth.key !== fromHeader.key) {
    return { kind: 'invalid', cause: 'conflicting-keys' };
  }
  return fromAuth;
}

/** Adapts Node's IncomingHttpHeaders (lower-case names; repeated headers as arrays). */
export function nodeHeaderReader(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return (name: string): string | undefined => {
    const value = headers[name];
    // A repeated key header is ambiguous: joined, it fails the key format check instead of picking one.
    return Array.isArray(value) ? value.join(', ') : value;
  };
}
