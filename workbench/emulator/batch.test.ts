// The multipart parsing and answer of batch.ts, on bodies shaped like PnPjs's (LF) and like Microsoft's examples (CRLF).
import { batchReply, parseBatch } from './batch';
import { ODataError } from './odata';

const BASE = 'http://127.0.0.1:4321/sites/apikeys/_api';

describe('parseBatch', () => {
  it('reads reads and changesets in order, with the tunnelled verb, headers and body (PnPjs packages/sp/batching.ts)', () => {
    const body = [
      '--batch_1',
      'Content-Type: multipart/mixed; boundary="changeset_2"',
      '',
      '--changeset_2',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `MERGE ${BASE}/web/lists/getByTitle('API%20Keys')/items(4) HTTP/1.1`,
      'IF-Match: "2"',
      'Content-Type: application/json;charset=utf-8',
      '',
      '{"Status":"Revoked"}',
      '',
      '--changeset_2--',
      '',
      '--batch_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${BASE}/web/lists/getByTitle('API%20Keys')/items(4)?$select=Id HTTP/1.1`,
      'Accept: application/json',
      '',
      '--batch_1--',
      ''
    ].join('\n');
    const requests = parseBatch('multipart/mixed; boundary=batch_1', body, BASE);
    expect(requests.map((r) => [r.method, r.tunnelledMethod, r.url.pathname, r.url.searchParams.get('$select'), r.headers['if-match'], r.body])).toEqual([
      ['POST', 'MERGE', "/sites/apikeys/_api/web/lists/getByTitle('API%20Keys')/items(4)", null, '"2"', '{"Status":"Revoked"}'],
      ['GET', undefined, "/sites/apikeys/_api/web/lists/getByTitle('API%20Keys')/items(4)", 'Id', undefined, '']
    ]);
  });

  it('reads CRLF line endings as Microsoft\'s examples use them (learn: make-batch-requests-with-the-rest-apis)', () => {
    const body = ['--batch_x', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', `GET ${BASE}/web/lists HTTP/1.1`, '', '--batch_x--', ''].join('\r\n');
    expect(parseBatch('multipart/mixed; boundary=batch_x', body, BASE).map((r) => r.url.pathname)).toEqual(['/sites/apikeys/_api/web/lists']);
  });

  it.each([
    ['no boundary', 'multipart/mixed', '--b\n--b--\n'],
    ['not multipart', 'application/json', '{}'],
    ['no closing boundary', 'multipart/mixed; boundary=b', '--b\nContent-Type: application/http\n\nGET x HTTP/1.1\n'],
    ['a GET inside a changeset', 'multipart/mixed; boundary=b', '--b\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: application/http\n\nGET http://h/x HTTP/1.1\n\n--c--\n--b--\n'],
    ['a part of another type', 'multipart/mixed; boundary=b', '--b\nContent-Type: text/plain\n\nhello\n--b--\n']
  ])('refuses %s with a 400', (_name, contentType, body) => {
    expect(() => parseBatch(contentType, body, BASE)).toThrow(ODataError);
    try {
      parseBatch(contentType, body, BASE);
    } catch (error) {
      expect((error as ODataError).status).toBe(400);
    }
  });
});

describe('batchReply', () => {
  it('answers one flat batchresponse part per request, LF only, with status line, headers and body (PnPjs parseResponse)', () => {
    const reply = batchReply([
      { status: 204, headers: { ETag: '"3"' } },
      { status: 412, headers: { 'Content-Type': 'application/json' }, body: { 'odata.error': { code: '-1' } } }
    ]);
    expect(reply.status).toBe(200);
    const boundary = /boundary=(batchresponse_[0-9a-f-]{36})$/.exec(reply.headers?.['Content-Type'] ?? '')![1];
    expect(reply.body).toBe(
      [
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        'HTTP/1.1 204 No Content',
        'ETag: "3"',
        '',
        '',
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        'HTTP/1.1 412 Precondition Failed',
        'CONTENT-TYPE: application/json',
        '',
        '{"odata.error":{"code":"-1"}}',
        `--${boundary}--`,
        ''
      ].join('\n')
    );
  });
});
