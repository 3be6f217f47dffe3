// The local workbench: one node:http server on :4321 that serves the page (built on start with esbuild)
// and mounts the SharePoint + Graph emulator on the same origin, as SharePoint serves page and REST API.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { createEmulator, isEmulatorPath } from './emulator';
import type { Emulator } from './emulator';
import { BUILD_DIR, buildPage, PAGE_DIR } from './page/build';

export interface WorkbenchOptions {
  /** Default 4321; 0 picks a free port (tests). */
  port?: number;
  /** Where the emulator keeps the site between runs. Default workbench/.data/emulator.json. */
  dataFile?: string;
  /** Seed for a new data file: demo keys, or no list at all (an admin creates it from the page). Default demo. */
  seed?: 'demo' | 'empty';
  /** Skip the esbuild step when the bundle is already there (benches, repeated test suites). Default false. */
  reuseBuild?: boolean;
}

export interface Workbench {
  /** http://localhost:PORT: open this. */
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
// Fluent's icon fonts ship in the package: served locally so the workbench needs no CDN.
const ICON_FONTS_DIR = path.join(ROOT, 'node_modules', '@fluentui', 'font-icons-mdl2', 'fonts');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff'
};

let pageBuild: Promise<unknown> | undefined;

function ensurePageBuilt(reuse: boolean): Promise<unknown> {
  if (reuse && fs.existsSync(path.join(BUILD_DIR, 'main.js'))) {
    return Promise.resolve();
  }
  // One build per process: several workbenches (test suites) share it.
  pageBuild = pageBuild || buildPage();
  return pageBuild;
}

function sendFile(res: http.ServerResponse, file: string): void {
  fs.readFile(file, (error, content) => {
    if (error) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(content);
  });
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
  const pathname = decodeURIComponent(new URL(req.url || '/', origin).pathname);
  if (pathname === '/' || pathname === '/index.html') {
    // Cookies and the emulator's absolute URLs (odata.nextLink) belong to one host name: send the
    // browser there if it came by another (127.0.0.1 instead of localhost).
    const expectedHost = new URL(origin).host;
    if (req.headers.host && req.headers.host !== expectedHost) {
      res.writeHead(302, { Location: `${origin}${req.url || '/'}` });
      res.end();
      return;
    }
    sendFile(res, path.join(PAGE_DIR, 'index.html'));
    return;
  }
  const mounts: Array<[string, string]> = [
    ['/build/', BUILD_DIR],
    ['/fonts/', ICON_FONTS_DIR]
  ];
  for (const [prefix, dir] of mounts) {
    if (pathname.indexOf(prefix) === 0) {
      const file = path.join(dir, pathname.slice(prefix.length));
      if (file.indexOf(dir + path.sep) !== 0) {
        res.writeHead(403);
        res.end();
        return;
      }
      sendFile(res, file);
      return;
    }
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

/** Builds the page, then serves it and the emulator until close(). */
export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const dataFile = path.resolve(ROOT, options.dataFile || path.join('workbench', '.data', 'emulator.json'));
  fs.mkdirSync(path.dirname(dataFile), { recursive: true });
  await ensurePageBuilt(!!options.reuseBuild);

  let emulator: Emulator | undefined;
  let origin = '';
  const server = http.createServer((req, res) => {
    if (emulator && isEmulatorPath(req.url)) {
      emulator.handle(req, res);
      return;
    }
    serveStatic(req, res, origin);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the workbench is never reachable from another machine.
    server.listen(options.port === undefined ? 4321 : options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://localhost:${port}`;
  emulator = createEmulator({ publicUrl: origin, dataFile, seed: options.seed || 'demo' });
  const live = emulator;

  return {
    url: origin,
    port,
    emulator: live,
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await live.close();
    }
  };
}
