import type { KeyVerifier } from '../KeyVerifier';
import type { RequestInfo, VerifierLogger, VerifyResult } from '../KeyVerifier.types';
import { malformedKey, missingKey } from '../refusals';
import { extractApiKey } from './extractApiKey';
import type { HeaderReader } from './extractApiKey';

/** What the middleware needs of a verifier; a fake with verify alone fits too. */
export type ApiKeyChecker = Pick<KeyVerifier, 'verify'> & Partial<Pick<KeyVerifier, 'verifyCached' | 'refuse'>>;

/**
 * Who the client is, for the per-client limits: by default the socket's remote address. Behind a reverse
 * proxy every request comes from the proxy: use trustForwardedFor(hops) for the hop your proxy appends.
 */
export type ClientIdentifier = (header: HeaderReader, remoteAddress: string | undefined) => string;

export interface ApiKeyMiddlewareOptions {
  /** The realm named in WWW-Authenticate. Default "api". */
  realm?: string;
  /** Receives each refusal with its cause, key id, tail and client; never the key. */
  logger?: VerifierLogger;
  /** Default: the remote address (node:http, Express); X-Forwarded-For's last hop (Azure Functions, which sees no socket). */
  clientOf?: ClientIdentifier;
}

/** The client's address as the socket shows it. */
export const remoteAddressClient: ClientIdentifier = (_header, remoteAddress) => remoteAddress ?? 'unknown';

/**
 * The client as seen by your trusted proxies: the `hops`-th address from the right of X-Forwarded-For (1 =
 * the address the nearest proxy saw, which it appended itself). Entries further left are written by the
 * client and can be forged; with fewer entries than hops, the remote address is used.
 */
export function trustForwardedFor(hops: number = 1): ClientIdentifier {
  if (!(hops >= 1) || !Number.isInteger(hops)) {
    throw new RangeError(`hops must be a whole number >= 1, got ${String(hops)}.`);
  }
  return (header, remoteAddress) => {
    const forwarded = (header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    return forwarded.length >= hops ? forwarded[forwarded.length - hops] : remoteAddress ?? 'unknown';
  };
}

/**
 * Extracts the key from the headers and verifies it for `method`: synchronously for a cached valid key
 * (the fast path allocates no promise), otherwise through the verifier's limits and lookup.
 */
export function authenticateNow(checker: ApiKeyChecker, header: HeaderReader, method: string, request: RequestInfo): VerifyResult | Promise<VerifyResult> {
  const presented = extractApiKey(header);
  if (presented.kind === 'invalid') {
    const refusal = presented.cause === 'unsupported-scheme' ? missingKey('unsupported-scheme') : malformedKey(presented.cause);
    return checker.refuse !== undefined ? checker.refuse(refusal, request) : refusal;
  }
  const key = presented.kind === 'key' ? presented.key : undefined;
  const hit = checker.verifyCached?.(key, method);
  return hit !== undefined ? hit : checker.verify(key, method, request);
}

/** Extracts the key from the headers and verifies it for `method`. */
export function authenticate(checker: ApiKeyChecker, header: HeaderReader, method: string, request: RequestInfo = {}): Promise<VerifyResult> {
  return Promise.resolve(authenticateNow(checker, header, method, { method, ...request }));
}

/** One log line per refusal, with what the API owner needs and nothing a caller could replay. */
export function logDecision(logger: VerifierLogger | undefined, result: VerifyResult, method: string, path: () => string, client?: string): void {
  if (logger === undefined || result.allowed) {
    return;
  }
  logger.warn('API key refused', {
    status: result.status,
    reason: result.reason,
    cause: result.cause,
    keyId: result.keyId,
    keyTail: result.tail,
    client,
    method,
    path: path()
  });
}
