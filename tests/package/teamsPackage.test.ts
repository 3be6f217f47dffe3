import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import JSZip from 'jszip';
import { decodePng, openZip, ROOT, TEAMS_ZIP_PATH, WEB_PART_ID } from './packageFiles';

const SCHEMA_DIR = path.join(ROOT, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

describe('the Teams app package (teams/TeamsSPFxApp.zip)', () => {
  let zip: JSZip;
  let manifest: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    zip = await openZip(TEAMS_ZIP_PATH);
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  });

  it('has manifest.json and the two icons at its root, nothing else', () => {
    expect(Object.keys(zip.files).sort()).toEqual(['manifest.json', manifest.icons.color, manifest.icons.outline].sort());
  });

  it('validates against the official Teams schema of its manifestVersion, shipped by @microsoft/app-manifest', () => {
    const schemaFile = path.join(SCHEMA_DIR, `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
    expect(fs.existsSync(schemaFile)).toBe(true);
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    // The schema is draft-04; nothing in it differs from what Ajv 8 reads once $schema is dropped
    // (no boolean exclusiveMinimum/Maximum, no schema `id`), and its only format is "uri".
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is at a current schema version (1.13+ is needed for Outlook and Microsoft 365 hosts)', () => {
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(17);
  });

  it('is the web part: same id, a configurable team tab and a personal app, on the tenant host', () => {
    expect(manifest.id).toBe(WEB_PART_ID);
    expect(manifest.version).toBe(require(path.join(ROOT, 'package.json')).version);
    const tab = manifest.configurableTabs[0];
    expect(tab.scopes).toContain('team');
    expect(tab.configurationUrl).toMatch(/^https:\/\/\{teamSiteDomain\}\{teamSitePath\}\/_layouts\/15\/TeamsLogon\.aspx\?SPFX=true/);
    expect(tab.configurationUrl).toContain(`componentId=${WEB_PART_ID}`);
    const personal = manifest.staticTabs[0];
    expect(personal.scopes).toEqual(['personal']);
    expect(personal.contentUrl).toMatch(/^https:\/\/\{teamSiteDomain\}\/_layouts\/15\/TeamsLogon\.aspx\?SPFX=true/);
    expect(personal.contentUrl).toContain(`componentId=${WEB_PART_ID}`);
    expect(personal.contentUrl).toContain('{locale}');
    expect(manifest.webApplicationInfo.resource).toBe('https://{teamSiteDomain}');
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', async () => {
    const color = decodePng(await zip.file(manifest.icons.color)!.async('uint8array'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await zip.file(manifest.icons.outline)!.async('uint8array'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = [outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2], outline.pixels[i + 3]];
      if (a !== 0) {
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(opaque).toBeGreaterThan(0);
    expect(opaque).toBeLessThan(32 * 32);
    expect(manifest.icons.color).toBe(`${WEB_PART_ID}_color.png`);
  });
});
