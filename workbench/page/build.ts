// Bundles the workbench page with esbuild (fast, dev only; the .sppkg is still built by SPFx's gulp rig).
import * as path from 'path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const PAGE_DIR = __dirname;
export const BUILD_DIR = path.join(ROOT, 'workbench', 'public', 'build');

export interface PageBuildResult {
  outFile: string;
  bytes: number;
  milliseconds: number;
}

/** Builds workbench/page/main.tsx into workbench/public/build/main.js (minified, with a source map). */
export async function buildPage(outDir: string = BUILD_DIR): Promise<PageBuildResult> {
  const started = Date.now();
  const outFile = path.join(outDir, 'main.js');
  const result = await build({
    entryPoints: [path.join(PAGE_DIR, 'main.tsx')],
    outfile: outFile,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    metafile: true,
    logLevel: 'warning',
    // What SPFx's config.json maps to lib/components/loc/{locale}.js: the workbench picks en-us or fr-fr per page load.
    alias: { ApiKeyManagementStrings: path.join(PAGE_DIR, 'workbenchStrings.js') },
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { jsx: 'react', experimentalDecorators: true } }
  });
  const output = result.metafile.outputs[path.relative(process.cwd(), outFile)] || Object.values(result.metafile.outputs).filter((o) => o.entryPoint)[0];
  return { outFile, bytes: output ? output.bytes : 0, milliseconds: Date.now() - started };
}

if (require.main === module) {
  buildPage().then(
    (result) => console.log(`workbench page: ${path.relative(ROOT, result.outFile)} ${(result.bytes / 1024).toFixed(0)} KB in ${result.milliseconds} ms`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
