// Prints the web part's ship bundle sizes from the .sppkg that `npm run package` built:
// the initial chunk (what every page view loads) and all chunks, minified and gzip.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import JSZip from 'jszip';

const SPPKG = path.join(__dirname, '..', 'sharepoint', 'solution', 'api-key-management.sppkg');

async function main(): Promise<void> {
  if (!fs.existsSync(SPPKG)) {
    console.log('bundle: no .sppkg; run `npm run package` first');
    return;
  }
  const zip = await JSZip.loadAsync(fs.readFileSync(SPPKG));
  const scripts = Object.keys(zip.files).filter((f) => f.startsWith('ClientSideAssets/') && f.endsWith('.js'));
  const rows: { name: string; min: number; gz: number }[] = [];
  for (const name of scripts) {
    const data = await zip.file(name)!.async('nodebuffer');
    rows.push({ name: path.basename(name), min: data.length, gz: zlib.gzipSync(data, { level: 9 }).length });
  }
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const initial = rows.filter((r) => /^api-key-management-web-part_/.test(r.name));
  const code = rows.filter((r) => !/Strings_/.test(r.name));
  const sum = (list: typeof rows, key: 'min' | 'gz'): number => list.reduce((s, r) => s + r[key], 0);
  console.log('bundle: web part scripts in the .sppkg');
  for (const r of rows.sort((a, b) => b.min - a.min)) {
    console.log(`  ${r.name.padEnd(70)} ${kb(r.min).padStart(10)} min ${kb(r.gz).padStart(10)} gzip`);
  }
  console.log(`bundle: initial chunk ${kb(sum(initial, 'min'))} minified, ${kb(sum(initial, 'gz'))} gzip (target <= 300 KB minified)`);
  console.log(`bundle: all chunks    ${kb(sum(code, 'min'))} minified, ${kb(sum(code, 'gz'))} gzip (${code.length} chunks)`);
  console.log(`bundle: .sppkg        ${kb(fs.statSync(SPPKG).size)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
