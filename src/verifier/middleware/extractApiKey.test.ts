import { extractApiKey, nodeHeaderReader } from './extractApiKey';

const KEY = 'akm_presented-value-stands-in-for-a-key';
const basic = (userPass: string): string => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

function read(headers: Record<string, string | string[] | undefined>) {
  return extractApiKey(nodeHeaderReader(headers));
}

describe('extractApiKey', () => {
  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${KEY}` }, 'bearer'],
    ['a lower-case scheme', { authorization: `bearer ${KEY}` }, 'bearer'],
    ['extra spaces', { authorization: `  Bearer    ${KEY}  ` }, 'bearer'],
    ['x-api-key', { 'x-api-key': KEY }, 'x-api-key'],
    ['x-api-key with spaces around', { 'x-api-key': ` ${KEY} ` }, 'x-api-key'],
    ['Basic with the key as password', { authorization: basic(`powerbi:${KEY}`) }, 'basic'],
    ['Basic with an empty user name', { authorization: basic(`:${KEY}`) }, 'basic'],
    ['Basic in lower case', { authorization: basic(`user:${KEY}`).replace('Basic', 'basic') }, 'basic'],
    ['the same key in both headers', { authorization: `Bearer ${KEY}`, 'x-api-key': KEY }, 'bearer'],
    ['x-api-key beside another scheme', { authorization: 'Negotiate abc==', 'x-api-key': KEY }, 'x-api-key']
  ])('reads the key from %s', (_label, headers, source) => {
    expect(read(headers)).toEqual({ kind: 'key', key: KEY, source });
  });

  it('keeps everything after the first colon of Basic credentials as the password', () => {
    expect(read({ authorization: basic(`user:${KEY}:tail`) })).toEqual({ kind: 'key', key: `${KEY}:tail`, source: 'basic' });
  });

  it.each([
    ['no headers', {}],
    ['empty headers', { authorization: '  ', 'x-api-key': '' }]
  ])('reports no key for %s', (_label, headers) => {
    expect(read(headers)).toEqual({ kind: 'none' });
  });

  it.each([
    ['Bearer without a token', { authorization: 'Bearer' }],
    ['Bearer with only spaces', { authorization: 'Bearer    ' }],
    ['Bearer with two tokens', { authorization: `Bearer ${KEY} ${KEY}` }],
    ['Basic without credentials', { authorization: 'Basic' }],
    ['Basic that is not base64', { authorization: 'Basic not*base64!' }],
    ['Basic with a bad base64 length', { authorization: 'Basic YWJjZA=' }],
    ['Basic without a colon', { authorization: basic(KEY) }],
    ['Basic with an empty password', { authorization: basic('user:') }],
    ['a broken Bearer beside x-api-key', { authorization: 'Bearer', 'x-api-key': KEY }]
  ])('refuses %s as a malformed header', (_label, headers) => {
    expect(read(headers)).toEqual({ kind: 'invalid', cause: 'malformed-header' });
  });

  it('refuses two different keys', () => {
    expect(read({ authorization: `Bearer ${KEY}`, 'x-api-key': `${KEY}x` })).toEqual({ kind: 'invalid', cause: 'conflicting-keys' });
    expect(read({ authorization: basic(`u:${KEY}`), 'x-api-key': `${KEY}x` })).toEqual({ kind: 'invalid', cause: 'conflicting-keys' });
  });

  it('refuses an unsupported scheme when no x-api-key is sent', () => {
    expect(read({ authorization: 'Digest username="a"' })).toEqual({ kind: 'invalid', cause: 'unsupported-scheme' });
  });

  it('joins a repeated header so that two keys can never pass as one', () => {
    expect(read({ 'x-api-key': [KEY, 'other'] })).toEqual({ kind: 'key', key: `${KEY}, other`, source: 'x-api-key' });
  });
});
