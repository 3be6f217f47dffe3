// Serves the SPFx host page, the ship build's dist/ files and the emulator on one origin, as SharePoint serves the
// page, the app catalog's ClientSideAssets and the REST API to the browser. Dev and test only.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { createEmulator, isEmulatorPath } from '../emulator';
import type { Emulator } from '../emulator';
import { HOST_BUILD } from './build';

const ROOT = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(ROOT, 'dist');

const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPFx host</title><link rel="icon" href="data:,"></head>
<body><div id="webpart"></div><script src="/host/host.js"></script></body></html>`;

export interface ShippedWebPart {
  /** The component's AMD module name, `<id>_<version>`, from the manifest SPFx wrote into dist/. */
  moduleName: string;
  bundle: string;
  webPartStrings: string;
  pageStrings: string;
}

/** What the loader would read from the component manifest in dist/ (the same file the .sppkg carries). */
export function shippedWebPart(locale = 'en-us'): ShippedWebPart {
  const manifests = fs.existsSync(DIST_DIR) ? fs.readdirSync(DIST_DIR).filter((f) => f.endsWith('.manifest.json')) : [];
  if (manifests.length !== 1) throw new Error(`Expected one component manifest in ${DIST_DIR}: run npm run package first.`);
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST_DIR, manifests[0]), 'utf8'));
  const resources = manifest.loaderConfig.scriptResources;
  const localized = (name: string): string => {
    const paths = resources[name].paths as Record<string, string>;
    const match = Object.keys(paths).find((key) => key.toLowerCase() === locale.toLowerCase());
    return `/dist/${match ? paths[match] : resources[name].defaultPath}`;
  };
  return {
    moduleName: `${manifest.id}_${manifest.version}`,
    bundle: `/dist/${resources[manifest.loaderConfig.entryModuleId].path}`,
    webPartStrings: localized('ApiKeyManagementWebPartStrings'),
    pageStrings: localized('ApiKeyManagementStrings')
  };
}

export interface SpfxHost {
  url: string;
  emulator: Emulator;
  /** Every path the browser asked for that was not found (a chunk the bundle could not load shows here). */
  notFound: string[];
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

export async function startSpfxHost(seed: 'demo' | 'empty' = 'demo'): Promise<SpfxHost> {
  let emulator: Emulator | undefined;
  let origin = '';
  const notFound: string[] = [];
  const server = http.createServer((req, res) => {
    if (emulator && isEmulatorPath(req.url)) {
      emulator.handle(req, res);
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url || '/', origin).pathname);
    if (pathname === '/') return send(res, 200, 'text/html; charset=utf-8', HOST_PAGE);
    if (pathname === '/host/host.js') return send(res, 200, 'text/javascript; charset=utf-8', fs.readFileSync(HOST_BUILD));
    if (pathname.indexOf('/dist/') === 0) {
      const file = path.join(DIST_DIR, pathname.slice('/dist/'.length));
      if (file.indexOf(DIST_DIR + path.sep) === 0 && fs.existsSync(file)) return send(res, 200, 'text/javascript; charset=utf-8', fs.readFileSync(file));
    }
    notFound.push(pathname);
    send(res, 404, 'text/plain', 'Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  emulator = createEmulator({ publicUrl: origin, seed });
  const live = emulator;
  return {
    url: origin,
    emulator: live,
    notFound,
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await live.close();
    }
  };
}
