import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { openZip, ROOT, SPPKG_PATH, TEAMS_ZIP_PATH, WEB_PART_ID } from './packageFiles';

const solution = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'package-solution.json'), 'utf8')).solution;

function decodeXmlAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('the .sppkg', () => {
  let sppkg: JSZip;
  beforeAll(async () => {
    sppkg = await openZip(SPPKG_PATH);
  });

  it('declares the solution, its version and the Graph scope the role check needs', async () => {
    const appManifest = await sppkg.file('AppManifest.xml')!.async('string');
    expect(appManifest).toContain(`ProductID="${solution.id}"`);
    expect(appManifest).toContain(`Version="${solution.version}"`);
    expect(appManifest).toContain('IsClientSideSolution="true"');
    expect(appManifest).toMatch(/<WebApiPermissionRequest ResourceId="Microsoft Graph" Scope="RoleManagement.Read.Directory"/);
  });

  it('holds the web part for SharePoint pages, full-page apps, Teams tabs and personal apps', async () => {
    const name = Object.keys(sppkg.files).find((f) => f.endsWith(`WebPart_${WEB_PART_ID}.xml`));
    expect(name).toBeDefined();
    const xml = await sppkg.file(name!)!.async('string');
    const attribute = /ComponentManifest="([^"]*)"/.exec(xml);
    expect(attribute).not.toBeNull();
    const manifest = JSON.parse(decodeXmlAttribute(attribute![1]));
    expect(manifest.id).toBe(WEB_PART_ID);
    expect(manifest.componentType).toBe('WebPart');
    expect([...manifest.supportedHosts].sort()).toEqual(['SharePointFullPage', 'SharePointWebPart', 'TeamsPersonalApp', 'TeamsTab']);
    expect(manifest.loaderConfig.entryModuleId).toBe('api-key-management-web-part');
  });

  it('ships the bundle and both localized string sets as client-side assets', () => {
    const assets = Object.keys(sppkg.files).filter((f) => f.startsWith('ClientSideAssets/'));
    expect(assets.some((f) => /ClientSideAssets\/api-key-management-web-part_[0-9a-f]+\.js$/.test(f))).toBe(true);
    for (const locale of ['en-us', 'fr-fr']) {
      expect(assets.some((f) => new RegExp(`ApiKeyManagementWebPartStrings_${locale}_[0-9a-f]+\\.js$`).test(f))).toBe(true);
      expect(assets.some((f) => new RegExp(`ApiKeyManagementStrings_${locale}_[0-9a-f]+\\.js$`).test(f))).toBe(true);
    }
  });

  it('carries the Teams app package byte for byte, where "Sync to Teams" looks for it', async () => {
    const inside = await sppkg.file('ClientSideAssets/TeamsSPFxApp.zip')!.async('nodebuffer');
    expect(inside.equals(fs.readFileSync(TEAMS_ZIP_PATH))).toBe(true);
    expect(sppkg.file(`ClientSideAssets/${WEB_PART_ID}_color.png`)).not.toBeNull();
    expect(sppkg.file(`ClientSideAssets/${WEB_PART_ID}_outline.png`)).not.toBeNull();
  });

  it('contains nothing of the workbench, the emulator or the verifier', async () => {
    const scripts = Object.keys(sppkg.files).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const text = await sppkg.file(name)!.async('string');
      for (const marker of ['wb_user', 'admin-adele', 'startEmulator', 'createEmulator', 'KeyVerifier', 'node:crypto', 'WWW-Authenticate', 'GraphHttpError', 'ZADD']) {
        expect({ file: name, marker, found: text.indexOf(marker) !== -1 }).toEqual({ file: name, marker, found: false });
      }
    }
  });
});
