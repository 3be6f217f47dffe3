// Every language file defines exactly the strings mystrings.d.ts declares, with the same {n} placeholders,
// and loads without an AMD loader (jest, esbuild) as well as through define() (SPFx).
import * as fs from 'fs';
import * as path from 'path';

const LOC = __dirname;
const declared = Array.from(fs.readFileSync(path.join(LOC, 'mystrings.d.ts'), 'utf8').matchAll(/^\s+(\w+): string;$/gm)).map((m) => m[1]);

function loadCommonJs(file: string): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(LOC, file)) as Record<string, string>;
}

function loadAmd(file: string, flagged: boolean): Record<string, string> {
  let exported: Record<string, string> | undefined;
  const define = Object.assign((deps: string[], factory: () => Record<string, string>) => (exported = factory()), flagged ? { amd: true } : {});
  new Function('define', 'module', fs.readFileSync(path.join(LOC, file), 'utf8'))(define, undefined);
  if (!exported) throw new Error(`${file} did not call define()`);
  return exported;
}

const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) || []).sort();

describe.each(['en-us.js', 'fr-fr.js'])('%s', (file) => {
  test('defines every declared string, and nothing else, through CommonJS and AMD alike', () => {
    const strings = loadCommonJs(file);
    expect(Object.keys(strings).sort()).toEqual(declared.slice().sort());
    expect(loadAmd(file, true)).toEqual(strings);
    expect(loadAmd(file, false)).toEqual(strings);
    for (const key of declared) expect(strings[key].length).toBeGreaterThan(0);
  });

  test('uses the same placeholders as en-us', () => {
    const english = loadCommonJs('en-us.js');
    const strings = loadCommonJs(file);
    for (const key of declared) expect([key, placeholders(strings[key])]).toEqual([key, placeholders(english[key])]);
  });
});
