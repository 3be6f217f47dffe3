import type { KeyVerifier } from '../KeyVerifier';
import type { VerifierLogger, VerifyResult } from '../KeyVerifier.types';
import { malformedKey, missingKey } from '../refusals';
import { extractApiKey } from './extractApiKey';
import type { HeaderReader } from './extractApiKey';

/** What the middleware needs of a verifier; a fake fits too. */
export type ApiKeyChecker = Pick<KeyVerifier, 'verify'>;

export interface ApiKeyMiddlewareOptions {
  /** The realm named in WWW-Authenticate. Default "api". */
  realm?: string;
  /** Receives each refusal with its cause, key id and tail; never the key. */
  logger?: VerifierLogger;
}

/** Extracts the key from the headers and verifies it for `method`. */
export function authenticate(checker: ApiKeyChecker, header: HeaderReader, method: string): Promise<VerifyResult> {
  const presented = extractApiKey(header);
  if (presented.kind === 'invalid') {
    return Promise.resolve(presented.cause === 'unsupported-scheme' ? missingKey('unsupported-scheme') : malformedKey(presented.cause));
  }
  return checker.verify(presented.kind === 'key' ? presented.key : undefined, method);
}

/** One log line per refusal, with what the API owner needs and nothing a caller could replay. */
export function logDecision(logger: VerifierLogger | undefined, result: VerifyResult, method: string, path: () => string): void {
  if (logger === undefined || result.allowed) {
    return;
  }
  logger.warn('API key refused', {
    status: result.status,
    reason: result.reason,
    cause: result.cause,
    keyId: result.keyId,
    keyTail: result.tail,
    method,
    path: path()
  });
}
