import { createHash, webcrypto } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import {
  BASE62_ALPHABET,
  checkKeyFormat,
  crc32,
  encodeBase62,
  generateKey,
  hashKey,
  KEY_LENGTH,
  KEY_PREFIX,
  KEY_TAIL_LENGTH,
  keyChecksum,
  keyTail,
  parseKey,
  randomBase62
} from './keyFormat';
import { MalformedKeyError } from './errors';
import type { MalformedKeyReason } from './errors';

// jest.config's 'node' environment resolves to the SPFx rig's jest-environment-node 25, which does not
// pass Node's global Web Crypto into the test context; Node 22 defines globalThis.crypto as exactly this.
if (globalThis.crypto === undefined) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}

/*
 * Known input/output pairs. The checksums and hashes were computed outside this code, with Node 22's
 * zlib.crc32, a separate base62 division loop and node:crypto's SHA-256:
 *   node -e 'const b="akm_"+random; zlib.crc32(b); ...; crypto.createHash("sha256").update(key)'
 */
const VECTORS: ReadonlyArray<{ random: string; crc: number; checksum: string; sha256: string }> = [
  {
    random: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg',
    crc: 3504465080,
    checksum: '3pANSK',
    sha256: '8c24c92191be5787108ad3710c782a3d1aa09f7ccc8878a667b30d048e77071e'
  },
  {
    random: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
    crc: 1632966602,
    checksum: '1mVlD0',
    sha256: '6fa65bc7f2c57c8f7cda73e10b57823e741180f07677eadf358f37d2a6ce56ad'
  },
  {
    // Its CRC is below 62^5, so the checksum shows the zero padding.
    random: '0000000000000000000000000000000000000000000',
    crc: 36625771,
    checksum: '02Tg2F',
    sha256: 'd9b62d66a3973ffbfbefe592c58e1e4952dd3558375e0ee64e221eef56abd509'
  },
  {
    random: 'Tr7qLm2XvN9pK4sJ8wYb3HdF6gZc1RaE5uQiWoPxBkV',
    crc: 3780143377,
    checksum: '47p5yT',
    sha256: '74eb8fa025447de6fe08b6c5d14cb0de7e8468e0d52b1dd0bd6eba4f9d4fdc49'
  }
];

/** Characters that are never in a key body: ASCII punctuation, whitespace, controls, look-alikes. */
const NON_ALPHABET = ['_', '-', '+', '/', '=', ' ', '\t', '\n', '\u0000', '\u007f', '\u00e9', '\u0430', '\u0131', '\u200b', '\uff41', '\u0100', '\u0130'];

/** An independent key builder for properties: the oracle is zlib, not the code under test. */
function referenceKey(random: string): string {
  const body = KEY_PREFIX + random;
  let value = zlibCrc32(body);
  let checksum = '';
  for (let i = 0; i < 6; i++) {
    checksum = BASE62_ALPHABET[value % 62] + checksum;
    value = Math.floor(value / 62);
  }
  return body + checksum;
}

const randomPart = fc.array(fc.constantFrom(...BASE62_ALPHABET.split('')), { minLength: 43, maxLength: 43 }).map((chars) => chars.join(''));

function reasonOf(presented: string | undefined | null): MalformedKeyReason | 'ok' {
  const result = checkKeyFormat(presented);
  return result.ok ? 'ok' : result.reason;
}

/** Which refusal a one-character substitution at `position` must produce. */
function expectedSubstitutionReason(position: number, replacement: string): MalformedKeyReason {
  if (position < KEY_PREFIX.length) {
    return 'wrong-prefix';
  }
  if (replacement.length !== 1) {
    return 'wrong-length';
  }
  return BASE62_ALPHABET.indexOf(replacement) === -1 ? 'bad-character' : 'bad-checksum';
}

let keys: string[] = [];
const KEY_COUNT = 100_000;

beforeAll(async () => {
  const generated: string[] = [];
  for (let i = 0; i < KEY_COUNT; i++) {
    generated.push((await generateKey()).key);
  }
  keys = generated;
}, 120_000);

describe('fixed vectors', () => {
  it('crc32 matches the standard CRC-32 check value and zlib on bytes', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(crc32(new Uint8Array([0, 255, 128, 1]))).toBe(3545776940);
  });

  it.each(VECTORS)('key with random part $random has checksum $checksum and its pinned SHA-256', async ({ random, crc, checksum, sha256 }) => {
    const body = KEY_PREFIX + random;
    const key = body + checksum;
    expect(crc32(body)).toBe(crc);
    expect(keyChecksum(body)).toBe(checksum);
    expect(key).toHaveLength(KEY_LENGTH);
    expect(checkKeyFormat(key)).toEqual({ ok: true });
    expect(parseKey(key)).toEqual({ prefix: KEY_PREFIX, random, checksum, tail: key.slice(-12) });
    await expect(hashKey(key)).resolves.toBe(sha256);
  });

  it('hashKey hashes UTF-8 bytes (checked against node:crypto on non-ASCII text)', async () => {
    const text = 'Élodie \u{1F511} 東京';
    await expect(hashKey(text)).resolves.toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('encodeBase62 is fixed width, most significant digit first, and refuses what does not fit', () => {
    expect(encodeBase62(0, 6)).toBe('000000');
    expect(encodeBase62(61, 2)).toBe('0z');
    expect(encodeBase62(62, 2)).toBe('10');
    expect(encodeBase62(0xffffffff, 6)).toBe('4gfFC3');
    expect(() => encodeBase62(62 * 62, 2)).toThrow(RangeError);
    expect(() => encodeBase62(-1, 6)).toThrow(RangeError);
    expect(() => encodeBase62(1.5, 6)).toThrow(RangeError);
  });
});

describe('generateKey', () => {
  it('returns the key to show and, separately, its SHA-256 and tail to store', async () => {
    const { key, stored } = await generateKey();
    expect(key).toMatch(/^akm_[0-9A-Za-z]{49}$/);
    expect(stored.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(stored.tail).toBe(key.slice(-KEY_TAIL_LENGTH));
    expect(keyTail(key)).toBe(stored.tail);
    expect(Object.keys(stored).sort()).toEqual(['hash', 'tail']);
  });

  it(`every one of ${KEY_COUNT} generated keys passes checkKeyFormat and parseKey, and the checksum agrees with zlib`, () => {
    // Counted rather than expect()ed per key: 100,000 matcher calls cost seconds; keys are never printed.
    let refused = 0;
    let disagreeing = 0;
    for (const key of keys) {
      const parts = parseKey(key);
      if (!checkKeyFormat(key).ok || parts.prefix + parts.random + parts.checksum !== key) {
        refused++;
      }
      if (referenceKey(parts.random) !== key) {
        disagreeing++;
      }
    }
    expect({ refused, disagreeing }).toEqual({ refused: 0, disagreeing: 0 });
  });

  it(`${KEY_COUNT} generated keys are all distinct`, () => {
    expect(new Set(keys).size).toBe(KEY_COUNT);
  });

  /*
   * Chi-square over the 62 character frequencies of 20,000 random parts (860,000 characters), 61
   * degrees of freedom. 130 is about the 1-in-a-million tail (Wilson-Hilferty), so a sound generator
   * fails this about once in a million runs. A `byte % 62` generator without rejection gives the
   * first 8 characters probability 5/256 instead of 4/256: its expected statistic is about 5,700,
   * which the second test demonstrates with the same bound.
   */
  const CHI_SQUARE_BOUND = 130;
  function chiSquare(randomParts: readonly string[]): number {
    const counts = new Array<number>(62).fill(0);
    let total = 0;
    for (const part of randomParts) {
      for (let i = 0; i < part.length; i++) {
        counts[BASE62_ALPHABET.indexOf(part[i])]++;
        total++;
      }
    }
    const expected = total / 62;
    return counts.reduce((sum, count) => sum + ((count - expected) * (count - expected)) / expected, 0);
  }

  it('the random part is uniform over the alphabet (chi-square below the 1e-6 tail)', () => {
    const statistic = chiSquare(keys.slice(0, 20_000).map((key) => parseKey(key).random));
    expect(statistic).toBeLessThan(CHI_SQUARE_BOUND);
  });

  it('the same bound catches a modulo-biased generator, so the uniformity test has teeth', () => {
    const bytes = new Uint8Array(43);
    const biased: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      globalThis.crypto.getRandomValues(bytes);
      let part = '';
      for (let j = 0; j < bytes.length; j++) {
        part += BASE62_ALPHABET[bytes[j] % 62];
      }
      biased.push(part);
    }
    expect(chiSquare(biased)).toBeGreaterThan(CHI_SQUARE_BOUND * 10);
  });

  it('rejection sampling: bytes 248-255 are dropped, the rest map to byte % 62, drawing again when a buffer runs short', () => {
    // Every byte of the first buffer is rejected but two, so the 3 characters need a second draw.
    const draws: number[][] = [
      [248, 255, 0, 250, 61, 249],
      [247, 62, 123]
    ];
    let call = 0;
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      bytes.fill(255);
      bytes.set(draws[Math.min(call, draws.length - 1)].slice(0, bytes.length));
      call++;
      return array;
    });
    try {
      expect(randomBase62(3)).toBe(BASE62_ALPHABET[0] + BASE62_ALPHABET[61] + BASE62_ALPHABET[247 % 62]);
      expect(call).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses to make a key without Web Crypto rather than fall back to Math.random', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      await expect(generateKey()).rejects.toThrow(/Web Crypto/);
      await expect(hashKey('x')).rejects.toThrow(/Web Crypto/);
    } finally {
      if (original !== undefined) {
        Object.defineProperty(globalThis, 'crypto', original);
      }
    }
  });

  it('randomBase62 returns exactly the requested number of alphabet characters', () => {
    for (const length of [0, 1, 7, 43, 200]) {
      expect(randomBase62(length)).toMatch(new RegExp(`^[0-9A-Za-z]{${length}}$`));
    }
  });
});

describe('checkKeyFormat refusals', () => {
  it.each([undefined, null, ''])('%p is missing', (presented) => {
    expect(reasonOf(presented)).toBe('missing');
  });

  it.each(['akm', 'AKM_' + 'a'.repeat(49), 'ghp_' + 'a'.repeat(49), 'akm-' + 'a'.repeat(49), ' akm_' + 'a'.repeat(48), 'Bearer akm_x'])('%p has the wrong prefix', (presented) => {
    expect(reasonOf(presented)).toBe('wrong-prefix');
  });

  it('refuses a key truncated or extended by any amount as wrong-length', () => {
    const key = keys[0];
    for (let length = KEY_PREFIX.length; length < KEY_LENGTH; length++) {
      expect(reasonOf(key.slice(0, length))).toBe('wrong-length');
    }
    expect(reasonOf(key + 'a')).toBe('wrong-length');
    expect(reasonOf(key + key)).toBe('wrong-length');
    expect(reasonOf(key + '\n')).toBe('wrong-length');
  });

  it('says why in a message that never contains the presented value', () => {
    const key = keys[1];
    const typo = key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);
    const result = checkKeyFormat(typo);
    expect(result).toEqual({ ok: false, reason: 'bad-checksum', message: expect.stringMatching(/checksum/) });
    if (!result.ok) {
      expect(result.message).not.toContain(typo.slice(4, 20));
    }
  });

  it('parseKey throws MalformedKeyError carrying the reason', () => {
    const attempt = (): unknown => parseKey(keys[2].slice(0, 40));
    expect(attempt).toThrow(MalformedKeyError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'malformed-key', reason: 'wrong-length' });
    }
  });
});

describe('every single-character substitution is refused', () => {
  const replacements = BASE62_ALPHABET.split('').concat(NON_ALPHABET, ['\u{1F511}']);

  it('exhaustively: every position of 5 generated keys, by every other alphabet character and non-alphabet ones', () => {
    let tried = 0;
    for (const key of keys.slice(0, 5)) {
      for (let position = 0; position < key.length; position++) {
        for (const replacement of replacements) {
          if (replacement === key[position]) {
            continue;
          }
          const mutated = key.slice(0, position) + replacement + key.slice(position + 1);
          const reason = reasonOf(mutated);
          if (reason !== expectedSubstitutionReason(position, replacement)) {
            throw new Error(`substitution at ${position} by U+${replacement.codePointAt(0)?.toString(16)} gave ${reason}`);
          }
          tried++;
        }
      }
    }
    expect(tried).toBe(5 * KEY_LENGTH * (replacements.length - 1));
  });

  it('property: random keys, random position, random replacement', () => {
    fc.assert(
      fc.property(
        randomPart,
        fc.nat(KEY_LENGTH - 1),
        fc.oneof(fc.constantFrom(...BASE62_ALPHABET.split('')), fc.constantFrom(...NON_ALPHABET), fc.char16bits()),
        (random, position, replacement) => {
          const key = referenceKey(random);
          fc.pre(replacement !== key[position]);
          const mutated = key.slice(0, position) + replacement + key.slice(position + 1);
          expect(reasonOf(mutated)).toBe(expectedSubstitutionReason(position, replacement));
        }
      ),
      { numRuns: 20_000 }
    );
  });

  it('property: every well-formed key built independently passes, and parses back to its parts', () => {
    fc.assert(
      fc.property(randomPart, (random) => {
        const key = referenceKey(random);
        expect(checkKeyFormat(key)).toEqual({ ok: true });
        expect(parseKey(key).random).toBe(random);
      }),
      { numRuns: 5_000 }
    );
  });

  it('property: deletions and insertions are refused by length (or by prefix, inside the prefix)', () => {
    fc.assert(
      fc.property(randomPart, fc.nat(KEY_LENGTH - 1), fc.constantFrom(...BASE62_ALPHABET.split('')), fc.boolean(), (random, position, inserted, deletion) => {
        const key = referenceKey(random);
        const mutated = deletion ? key.slice(0, position) + key.slice(position + 1) : key.slice(0, position) + inserted + key.slice(position);
        const reason = reasonOf(mutated);
        if (position < KEY_PREFIX.length && !(mutated.lastIndexOf(KEY_PREFIX, 0) === 0)) {
          expect(reason).toBe('wrong-prefix');
        } else {
          expect(reason).toBe('wrong-length');
        }
      }),
      { numRuns: 10_000 }
    );
  });

  it('property: swapping two different adjacent characters after the prefix is refused', () => {
    fc.assert(
      fc.property(randomPart, fc.integer({ min: KEY_PREFIX.length, max: KEY_LENGTH - 2 }), (random, position) => {
        const key = referenceKey(random);
        fc.pre(key[position] !== key[position + 1]);
        const swapped = key.slice(0, position) + key[position + 1] + key[position] + key.slice(position + 2);
        expect(checkKeyFormat(swapped).ok).toBe(false);
      }),
      { numRuns: 10_000 }
    );
  });
});
