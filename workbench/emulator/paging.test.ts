// Paging and the list view threshold through the real request handler (no socket): what PnPjs's async
// iterator relies on (odata.nextLink with $skiptoken=Paged=TRUE&p_ID=N, the query options carried over).
import { EventEmitter } from 'events';
import type * as http from 'http';
import { createEmulator } from './index';
import type { Emulator } from './index';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Drives emulator.handle with a minimal request and response pair. */
function call(emulator: Emulator, url: string, token = 'admin-adele'): Promise<Answer> {
  return new Promise((resolve) => {
    const req = new EventEmitter() as http.IncomingMessage;
    Object.assign(req, { method: 'GET', url: url.replace(/^https?:\/\/[^/]+/, ''), headers: { host: '127.0.0.1:4321', authorization: `Bearer ${token}`, accept: 'application/json' } });
    let status = 0;
    const res = {
      headersSent: false,
      writeHead(code: number) {
        status = code;
        return res;
      },
      end(text?: string) {
        resolve({ status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      }
    } as unknown as http.ServerResponse;
    emulator.handle(req, res);
    process.nextTick(() => req.emit('end'));
  });
}

const ITEMS = "/sites/apikeys/_api/web/lists/getByTitle('API%20Keys')/items";

describe('items paging', () => {
  let emulator: Emulator;
  beforeAll(() => {
    emulator = createEmulator({ seed: 'empty' });
    emulator.state.provisionList();
    emulator.state.bulkInsertKeys(250);
  });

  async function collect(first: string): Promise<{ ids: number[]; pages: number; links: string[] }> {
    const ids: number[] = [];
    const links: string[] = [];
    let next: string | undefined = first;
    let pages = 0;
    while (next) {
      const answer = await call(emulator, next);
      expect(answer.status).toBe(200);
      pages++;
      for (const item of answer.body.value as { Id: number }[]) ids.push(item.Id);
      next = answer.body['odata.nextLink'] as string | undefined;
      if (next) links.push(next);
    }
    return { ids, pages, links };
  }

  it('pages by 100 without $top, carrying $skiptoken=Paged=TRUE&p_ID and the other options', async () => {
    const { ids, pages, links } = await collect(`${ITEMS}?%24select=Id%2CTitle`);
    expect(pages).toBe(3);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(decodeURIComponent(links[0])).toContain('$skiptoken=Paged=TRUE&p_ID=100');
    expect(decodeURIComponent(links[1])).toContain('$select=Id,Title');
  });

  it('caps $top at 5,000 and stops with no nextLink on the last page', async () => {
    const { ids, pages } = await collect(`${ITEMS}?%24top=9000&%24select=Id`);
    expect(pages).toBe(1);
    expect(ids).toHaveLength(250);
  });

  it('pages a descending order and a filter without skipping or repeating items', async () => {
    const { ids } = await collect(`${ITEMS}?%24top=7&%24select=Id&%24orderby=Id%20desc&%24filter=${encodeURIComponent("Status eq 'Active' and Id le 30")}`);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  });

  it('pages by a text column with ties broken by Id', async () => {
    const { ids } = await collect(`${ITEMS}?%24top=40&%24select=Id,Permission&%24orderby=Permission`);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toHaveLength(250);
  });

  it('past 5,000 items refuses unindexed filters and sorts, and a first indexed clause that does not narrow below 5,000', async () => {
    emulator.state.bulkInsertKeys(4_751);
    const broad = await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("Status eq 'Active' and Id le 3")}`);
    expect(broad.status).toBe(500);
    expect(JSON.stringify(broad.body)).toContain('SPQueryThrottledException');
    expect((await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("Id le 3 and Status eq 'Active'")}`)).status).toBe(200);
    expect((await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("Title eq 'x' and KeyHash eq 'x'")}`)).status).toBe(200);
    expect((await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("KeyHash ne 'x'")}`)).status).toBe(500);
    expect((await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("KeyHash eq 'x'")}&%24orderby=Title`)).status).toBe(200);
    const refused = await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("Title eq 'x'")}`);
    expect(refused.status).toBe(500);
    expect(JSON.stringify(refused.body)).toContain('SPQueryThrottledException');
    expect((await call(emulator, `${ITEMS}?%24orderby=KeyTail`)).status).toBe(500);
    expect((await call(emulator, `${ITEMS}?%24filter=${encodeURIComponent("KeyHash eq 'x' or Status eq 'Revoked'")}`)).status).toBe(200);
    expect((await call(emulator, `${ITEMS}?%24filter=Id%20gt%204990&%24orderby=Id%20desc`)).status).toBe(200);
  });

  it('answers an unknown column in $select with 400 and a person column without $expand with 400', async () => {
    const unknown = await call(emulator, `${ITEMS}?%24select=Nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ 'odata.error': { code: '-1, Microsoft.SharePoint.SPException', message: { lang: 'en-US', value: "The field or property 'Nope' does not exist." } } });
    expect((await call(emulator, `${ITEMS}?%24select=Author/Title`)).status).toBe(400);
  });
});
