// Bundles the SPFx host runtime (host.ts: AMD loader, SPFx stand-ins, React) with esbuild. Run as its own process:
// esbuild's JS API refuses to run inside jest's sandbox.
import * as path from 'path';
import { build } from 'esbuild';

export const HOST_DIR = __dirname;
export const HOST_BUILD = path.join(__dirname, '..', 'public', 'spfx-host', 'host.js');

export async function buildHost(): Promise<void> {
  await build({
    entryPoints: [path.join(HOST_DIR, 'host.ts')],
    outfile: HOST_BUILD,
    bundle: true,
    minify: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100'],
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' }
  });
}

if (require.main === module) {
  buildHost().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
