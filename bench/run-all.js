'use strict';
// `npm run bench`: every benchmark in turn. Each prints numbers; none fails on timing.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const benches = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
const only = process.argv.slice(2);
let failed = 0;
for (const file of benches) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n### ${file}`);
  const result = spawnSync('npx', ['tsx', path.join('bench', file)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
