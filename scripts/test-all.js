'use strict';
// `npm test`: the ship package first (its tests inspect the .sppkg and the Teams zip), then every
// jest project: unit, contract (store and verifier against the emulator over HTTP), package, e2e
// (Playwright + Debian's Chromium). Ends with one plain "N passed, N failed" line.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

if (!process.env.AKM_SKIP_PACKAGE) {
  if (!run('package', 'npm', ['run', 'package'])) {
    console.error('npm run package failed: the .sppkg could not be built.');
    process.exit(1);
  }
}

const report = path.join(os.tmpdir(), `akm-jest-${process.pid}.json`);
const jestArgs = ['jest', '--ci', '--runInBand', '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const ok = run('jest', npx, jestArgs);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  skipped = summary.numPendingTests + summary.numTodoTests;
  fs.unlinkSync(report);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
