import type { MalformedKeyReason } from '../core';
import type { KeyRefused } from './KeyVerifier.types';
import { REFUSAL_STATUS, reasonOf } from './refusalCauses';
import type { CauseOf, RefusalCause } from './refusalCauses';

// Every message a caller can read, in one place. None of them echoes the presented key.

const HOW_TO_SEND = "Send it as 'Authorization: Bearer <key>', in an 'x-api-key' header, or as the password of HTTP Basic authentication.";

export const RETRY_AFTER_SECONDS = 5;

/** The status and reason always come from the cause's entry in REFUSAL_CAUSES, so no builder can answer a cause otherwise. */
function refusal(cause: RefusalCause, message: string, details: Pick<KeyRefused, 'tail' | 'keyId' | 'retryAfterSeconds'> = {}): KeyRefused {
  const reason = reasonOf(cause);
  return { allowed: false, status: REFUSAL_STATUS[reason], reason, cause, ...details, message };
}

export function missingKey(cause: CauseOf<'missing'> = 'missing'): KeyRefused {
  return refusal(cause, cause === 'missing' ? `No API key was presented. ${HOW_TO_SEND}` : `This Authorization scheme is not supported for API keys. ${HOW_TO_SEND}`);
}

/** A key that cannot be one of ours (typo, truncated paste, wrong kind of token), or a header we cannot read. */
export function malformedKey(cause: MalformedKeyReason | CauseOf<'malformed'>, detail?: string): KeyRefused {
  const messages: Record<typeof cause, string> = {
    missing: `No API key was presented. ${HOW_TO_SEND}`,
    'wrong-prefix': 'This is not an API key from API Key Management: keys start with "akm_".',
    'wrong-length': 'This API key has the wrong length: it was probably truncated or pasted with extra characters. Copy the whole key.',
    'bad-character': 'This API key contains characters a key never has: it was probably mistyped or pasted with extra characters.',
    'bad-checksum': "This API key's checksum does not match: it was mistyped or only part of it was copied.",
    'malformed-header': 'The Authorization header could not be read.',
    'conflicting-keys': 'Two different API keys were presented (Authorization and x-api-key): send one.'
  };
  if (cause === 'missing') {
    return missingKey();
  }
  return refusal(cause, detail ? `${messages[cause]} ${detail}` : messages[cause]);
}

const NOT_VALID = 'This API key is not valid: it does not exist or it has been revoked. Ask an administrator for a new key.';

export function unknownOrRevoked(cause: CauseOf<'unknown-or-revoked'>, tail: string, keyId?: number): KeyRefused {
  return refusal(cause, NOT_VALID, { tail, keyId });
}

/** A key past its expiry: the caller hears the same as for a revoked key, so an expiry date is never learnt from outside. */
export function expiredKey(keyId: number, tail: string): KeyRefused {
  return unknownOrRevoked('expired', tail, keyId);
}

/** A record whose Status or version history shows tampering: the caller hears the same as for a revoked key. */
export function tamperedKey(keyId: number, tail: string): KeyRefused {
  return unknownOrRevoked('tampered', tail, keyId);
}

export function readOnlyKey(keyId: number, tail: string): KeyRefused {
  return refusal('read-only-write', 'This API key is Read Only: it may only read (GET, HEAD, OPTIONS). Use a Full Control key to change data.', { keyId, tail });
}

/** Never a silent allow: when the verifier cannot know, it says so and asks the caller to retry. */
export function unavailable(
  cause: CauseOf<'unavailable'>,
  tail?: string,
  retryAfterSeconds: number = RETRY_AFTER_SECONDS
): KeyRefused {
  return refusal(cause, 'API keys cannot be checked right now. Try again shortly.', { tail, retryAfterSeconds });
}

/** 429: this client sent too many wrong keys, or asked for too many uncached ones; nothing was looked up. */
export function rateLimited(cause: CauseOf<'rate-limited'>, waitMs: number, tail?: string): KeyRefused {
  return refusal(
    cause,
    cause === 'too-many-refusals'
      ? 'Too many requests with invalid API keys came from this client. Wait before trying again, and check the key you send.'
      : 'Too many different API keys were presented by this client. Wait before trying again.',
    { tail, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
  );
}
