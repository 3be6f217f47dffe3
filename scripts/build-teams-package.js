'use strict';
// Builds teams/TeamsSPFxApp.zip (manifest.json + the two icons at the zip's root), which
// `gulp package-solution` copies into the .sppkg; "Sync to Teams" then deploys it as is.
const fs = require('fs');
const path = require('path');
const JSZip = require('jszip');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'config', 'teams-manifest.json'), 'utf8'));
const version = require(path.join(root, 'package.json')).version;
manifest.version = version;

async function main() {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, fs.readFileSync(path.join(root, 'teams', icon)));
  }
  const out = path.join(root, 'teams', 'TeamsSPFxApp.zip');
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', date: new Date('2026-01-01T00:00:00Z') });
  fs.writeFileSync(out, data);
  console.log(`Teams app package: ${path.relative(root, out)} (${data.length} bytes)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
