import { MalformedKeyError } from './errors';
import type { MalformedKeyReason } from './errors';

/*
 * An API key, as shown once to the admin who generates it:
 *
 *   akm_ 0jXk...(43 chars)...Q9 AbC12z
 *   |    |                      |
 *   |    |                      checksum: CRC32 (IEEE) of prefix + random, base62, 6 chars, zero-padded
 *   |    random: 43 base62 chars from the CSPRNG (62^43 > 2^256), uniform by rejection sampling
 *   prefix: "akm_" so secret scanners and people recognise a leaked key
 *
 * 4 + 43 + 6 = 53 characters, alphabet 0-9A-Za-z after the prefix (GitHub's token scheme).
 * The checksum lets a typo or a truncated paste be refused before any lookup; it is not a MAC.
 *
 * Stored: the lower-hex SHA-256 of the whole key and its last 12 characters (the tail), which
 * are 6 random chars + the checksum: enough to recognise a key in the list, never to rebuild it.
 */

export const KEY_PREFIX = 'akm_';
export const KEY_RANDOM_LENGTH = 43;
export const KEY_CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = 53;
export const KEY_TAIL_LENGTH = 12;
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What is stored about a key: nothing that allows it to be rebuilt. */
export interface StoredKeyParts {
  /** Lower-case hex SHA-256 of the whole key. */
  hash: string;
  /** Last 12 characters of the key. */
  tail: string;
}

/** A freshly generated key: `key` is shown once and never stored; `stored` is what the list keeps. */
export interface GeneratedKey {
  key: string;
  stored: StoredKeyParts;
}

export type KeyFormatResult = { ok: true } | { ok: false; reason: MalformedKeyReason; message: string };

/** The parts of a well-formed key. */
export interface ParsedKey {
  prefix: string;
  random: string;
  checksum: string;
  tail: string;
}

const PREFIX_LENGTH = KEY_PREFIX.length;
const CHECKSUM_START = KEY_LENGTH - KEY_CHECKSUM_LENGTH;
// 248 = 4 * 62: bytes at or above it are dropped, so `byte % 62` is exactly uniform.
const REJECTION_LIMIT = 256 - (256 % 62);

const CRC_TABLE: Uint32Array = buildCrcTable();

// Character code -> base62 digit value, or -1 outside the alphabet; codes above 127 are never digits.
const BASE62_VALUE: Int8Array = buildBase62Values();

const HEX_BYTE: string[] = buildHexBytes();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

function buildBase62Values(): Int8Array {
  const values = new Int8Array(128);
  values.fill(-1);
  for (let i = 0; i < BASE62_ALPHABET.length; i++) {
    values[BASE62_ALPHABET.charCodeAt(i)] = i;
  }
  return values;
}

function buildHexBytes(): string[] {
  const hex: string[] = [];
  for (let i = 0; i < 256; i++) {
    hex.push((i < 16 ? '0' : '') + i.toString(16));
  }
  return hex;
}

/**
 * CRC-32 (IEEE 802.3, the zlib one) of bytes, or of a string's UTF-16 code units taken as bytes
 * (only meaningful for ASCII strings, which is all a key is once its characters are checked).
 */
export function crc32(bytes: Uint8Array | string): number {
  let crc = 0xffffffff;
  if (typeof bytes === 'string') {
    for (let i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
    }
  } else {
    for (let i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Base62 of a non-negative safe integer, most significant digit first, zero-padded to `width`. */
export function encodeBase62(value: number, width: number): string {
  if (!(value >= 0) || Math.floor(value) !== value || value > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`encodeBase62 needs a non-negative safe integer, got ${value}`);
  }
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62_ALPHABET.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  if (out.length > width) {
    throw new RangeError(`${value} needs ${out.length} base62 digits, more than ${width}`);
  }
  while (out.length < width) {
    out = '0' + out;
  }
  return out;
}

/** The 6-character checksum of a key's prefix + random part. */
export function keyChecksum(prefixAndRandom: string): string {
  return encodeBase62(crc32(prefixAndRandom), KEY_CHECKSUM_LENGTH);
}

function webCrypto(): Crypto {
  const crypto = typeof globalThis !== 'undefined' ? globalThis.crypto : undefined;
  if (crypto === undefined || crypto.subtle === undefined || typeof crypto.getRandomValues !== 'function') {
    throw new Error('Web Crypto (globalThis.crypto with getRandomValues and subtle) is required to generate or hash API keys.');
  }
  return crypto;
}

/** `length` uniform base62 characters from the CSPRNG. */
export function randomBase62(length: number): string {
  const crypto = webCrypto();
  // A quarter more bytes than characters covers the ~3% rejected bytes in almost every draw.
  const buffer = new Uint8Array(length + (length >> 2) + 8);
  let out = '';
  while (out.length < length) {
    crypto.getRandomValues(buffer);
    for (let i = 0; i < buffer.length && out.length < length; i++) {
      if (buffer[i] < REJECTION_LIMIT) {
        out += BASE62_ALPHABET.charAt(buffer[i] % 62);
      }
    }
  }
  return out;
}

/** Lower-case hex SHA-256 of the key's UTF-8 bytes, via Web Crypto (same in browser and Node). */
export async function hashKey(key: string): Promise<string> {
  const digest = new Uint8Array(await webCrypto().subtle.digest('SHA-256', new TextEncoder().encode(key)));
  let hex = '';
  for (let i = 0; i < digest.length; i++) {
    hex += HEX_BYTE[digest[i]];
  }
  return hex;
}

/** The last 12 characters: what the list shows to tell keys apart. */
export function keyTail(key: string): string {
  return key.slice(-KEY_TAIL_LENGTH);
}

/** Makes a new key; returns what is shown once separately from what is stored. */
export async function generateKey(): Promise<GeneratedKey> {
  const body = KEY_PREFIX + randomBase62(KEY_RANDOM_LENGTH);
  const key = body + keyChecksum(body);
  return { key, stored: { hash: await hashKey(key), tail: keyTail(key) } };
}

const OK: KeyFormatResult = { ok: true };

function refusal(reason: MalformedKeyReason, message: string): KeyFormatResult {
  return { ok: false, reason, message };
}

/**
 * Whether `presented` can be one of our keys, without any lookup: prefix, length, alphabet and
 * checksum. Synchronous and allocation-free on success, since the verifier runs it on every request.
 */
export function checkKeyFormat(presented: string | undefined | null): KeyFormatResult {
  if (presented === undefined || presented === null || presented === '') {
    return refusal('missing', 'No API key was presented.');
  }
  if (presented.length < PREFIX_LENGTH || presented.lastIndexOf(KEY_PREFIX, 0) !== 0) {
    return refusal('wrong-prefix', `An API key starts with "${KEY_PREFIX}"; this value does not, so it is not a key from this product.`);
  }
  if (presented.length !== KEY_LENGTH) {
    return refusal(
      'wrong-length',
      `An API key is ${KEY_LENGTH} characters long; this one has ${presented.length}. It was probably truncated or pasted with extra characters.`
    );
  }
  let crc = 0xffffffff;
  for (let i = 0; i < CHECKSUM_START; i++) {
    const code = presented.charCodeAt(i);
    if (i >= PREFIX_LENGTH && (code > 127 || BASE62_VALUE[code] < 0)) {
      return badCharacter(i);
    }
    crc = CRC_TABLE[(crc ^ code) & 0xff] ^ (crc >>> 8);
  }
  let checksum = 0;
  for (let i = CHECKSUM_START; i < KEY_LENGTH; i++) {
    const code = presented.charCodeAt(i);
    const digit = code > 127 ? -1 : BASE62_VALUE[code];
    if (digit < 0) {
      return badCharacter(i);
    }
    checksum = checksum * 62 + digit;
  }
  if (checksum !== (crc ^ 0xffffffff) >>> 0) {
    return refusal('bad-checksum', 'This API key has a typo: its checksum does not match. Copy the key again from where it was saved.');
  }
  return OK;
}

function badCharacter(position: number): KeyFormatResult {
  return refusal('bad-character', `An API key contains only letters and digits after "${KEY_PREFIX}"; character ${position + 1} is not one of them.`);
}

/** Splits a well-formed key into its parts; throws MalformedKeyError (with the reason) otherwise. */
export function parseKey(presented: string): ParsedKey {
  const result = checkKeyFormat(presented);
  if (!result.ok) {
    throw new MalformedKeyError(result.reason, result.message);
  }
  return {
    prefix: presented.slice(0, PREFIX_LENGTH),
    random: presented.slice(PREFIX_LENGTH, CHECKSUM_START),
    checksum: presented.slice(CHECKSUM_START),
    tail: keyTail(presented)
  };
}
