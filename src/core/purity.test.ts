import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * src/core runs unchanged in the browser and in Node: it may depend on nothing outside itself
 * (no SPFx, React, PnPjs, node:* modules or other layers). ESLint's no-restricted-imports says the
 * same for a list of names; this test says it for every specifier, including ones nobody listed.
 */

const CORE = __dirname;

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      files.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !/\.d\.ts$/.test(entry)) {
      files.push(path);
    }
  }
  return files;
}

/** Every module specifier in TypeScript source: static imports and re-exports (type-only too), side-effect imports, import() and require(). */
function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g];
  const found: string[] = [];
  for (const pattern of patterns) {
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(withoutComments)) !== null) {
      found.push(match[1]);
    }
  }
  return found;
}

function staysInsideCore(file: string, specifier: string): boolean {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    return false;
  }
  const target = resolve(dirname(file), specifier);
  const fromCore = relative(CORE, target);
  return fromCore !== '' && !fromCore.startsWith('..') && !fromCore.startsWith(sep);
}

describe('src/core purity', () => {
  const files = sourceFiles(CORE);

  it('finds the core sources it checks, including the testing fixtures', () => {
    const names = files.map((f) => relative(CORE, f).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['index.ts', 'errors.ts', 'keyFormat.ts', 'keyRecord.ts', 'query.ts', 'testing/recordFixtures.ts']));
    expect(names.filter((n) => n.endsWith('.test.ts'))).toEqual([]);
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only relative modules inside src/core', (_name, file) => {
    const outside = importSpecifiers(readFileSync(file, 'utf8')).filter((specifier) => !staysInsideCore(file, specifier));
    expect(outside).toEqual([]);
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s uses no Node-only global', (_name, file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(?:process|Buffer|__dirname|__filename)\b|\brequire\s*\(/);
  });

  describe('the checker itself', () => {
    const sample = [
      "import { a } from './keyFormat';",
      "import type { KeyStore } from '../data/KeyStore.types';",
      'import {',
      '  b,',
      '  c',
      "} from '@pnp/sp';",
      "import * as React from 'react';",
      "import 'node:crypto';",
      "export * from './query';",
      "export { x } from 'fs';",
      "const lazy = import('../components/KeyList');",
      "const req = require('http');",
      "// import { ignored } from 'commented-out';"
    ].join('\n');

    it('extracts every kind of specifier and ignores comments', () => {
      expect(importSpecifiers(sample).sort()).toEqual(
        ['./keyFormat', '../data/KeyStore.types', '@pnp/sp', 'react', 'node:crypto', './query', 'fs', '../components/KeyList', 'http'].sort()
      );
    });

    it('accepts paths inside src/core and refuses paths leaving it or bare packages', () => {
      const file = join(CORE, 'testing', 'recordFixtures.ts');
      expect(staysInsideCore(file, '../keyRecord.types')).toBe(true);
      expect(staysInsideCore(file, './other')).toBe(true);
      expect(staysInsideCore(file, '../../data')).toBe(false);
      expect(staysInsideCore(join(CORE, 'query.ts'), '../core/query')).toBe(true);
      expect(staysInsideCore(join(CORE, 'query.ts'), '../verifier')).toBe(false);
      expect(staysInsideCore(join(CORE, 'query.ts'), '..')).toBe(false);
      expect(staysInsideCore(join(CORE, 'query.ts'), 'fast-check')).toBe(false);
    });
  });
});
