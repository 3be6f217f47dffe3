import { NotProvisionedError } from './errors';
import {
  formatTenantStoreSetting,
  missingTenantStoreSetting,
  parseTenantStoreSetting,
  sameSiteUrl,
  setStoreSettingCommand,
  TENANT_STORE_SETTING_KEY,
  unpinnedStoreError
} from './tenantStoreSetting';

function failure(value: string | null | undefined): NotProvisionedError {
  try {
    parseTenantStoreSetting(value);
  } catch (error) {
    expect(error).toBeInstanceOf(NotProvisionedError);
    return error as NotProvisionedError;
  }
  throw new Error(`parsed: ${String(value)}`);
}

describe('parseTenantStoreSetting', () => {
  it('reads the site and the pinned list id, normalised', () => {
    expect(parseTenantStoreSetting('{"siteUrl":"https://Contoso.SharePoint.com/sites/ApiKeys/","listId":"{8C6F2A4E-1B3D-4E5F-9A0B-1C2D3E4F5A6B}"}')).toEqual({
      siteUrl: 'https://contoso.sharepoint.com/sites/ApiKeys',
      listId: '8c6f2a4e-1b3d-4e5f-9a0b-1c2d3e4f5a6b'
    });
  });

  it('accepts a setting made before the first provisioning (no listId yet)', () => {
    expect(parseTenantStoreSetting('{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys"}')).toEqual({ siteUrl: 'https://contoso.sharepoint.com/sites/apikeys' });
    expect(parseTenantStoreSetting('{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys","listId":""}').listId).toBeUndefined();
  });

  it('accepts http only on loopback (the local workbench)', () => {
    expect(parseTenantStoreSetting('{"siteUrl":"http://localhost:4321/sites/apikeys"}').siteUrl).toBe('http://localhost:4321/sites/apikeys');
    expect(failure('{"siteUrl":"http://contoso.sharepoint.com/sites/apikeys"}').message).toMatch(/must start with https/);
  });

  it('says the setting is missing when there is no value', () => {
    for (const value of [null, undefined, '', '  ']) {
      const error = failure(value);
      expect(error.reason).toBe('tenant-setting');
      expect(error.message).toContain('does not exist');
      expect(error.fix).toContain(`-Key "${TENANT_STORE_SETTING_KEY}"`);
    }
  });

  it.each([
    ['not JSON', 'https://contoso.sharepoint.com/sites/apikeys', /not JSON/],
    ['an array', '["https://contoso.sharepoint.com/sites/apikeys"]', /JSON object/],
    ['a misspelt property', '{"siteURL":"https://contoso.sharepoint.com/sites/apikeys"}', /unknown property 'siteURL'/],
    ['no siteUrl', '{"listId":"8c6f2a4e-1b3d-4e5f-9a0b-1c2d3e4f5a6b"}', /siteUrl is missing/],
    ['a relative URL', '{"siteUrl":"/sites/apikeys"}', /not an absolute URL/],
    ['a page instead of a site', '{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys/SitePages/Home.aspx"}', /not a page/],
    ['a query string', '{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys?web=1"}', /not a page, a query/],
    ['a list id that is no GUID', '{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys","listId":"API Keys"}', /is not a list id/],
    ['a numeric list id', '{"siteUrl":"https://contoso.sharepoint.com/sites/apikeys","listId":42}', /is not a list id/]
  ])('refuses %s with a clear reason', (_label, value, message) => {
    const error = failure(value);
    expect(error.reason).toBe('tenant-setting');
    expect(error.message).toMatch(message);
    expect(error.fix).toMatch(/Set-SPOStorageEntity/);
  });
});

describe('the setting written back', () => {
  it('formats what parse reads, and the command quotes it for PowerShell', () => {
    const setting = { siteUrl: "https://contoso.sharepoint.com/sites/o'brien", listId: '8c6f2a4e-1b3d-4e5f-9a0b-1c2d3e4f5a6b' };
    expect(parseTenantStoreSetting(formatTenantStoreSetting(setting))).toEqual(setting);
    const command = setStoreSettingCommand(setting, 'https://contoso.sharepoint.com/sites/appcatalog');
    expect(command).toContain('-Site "https://contoso.sharepoint.com/sites/appcatalog"');
    expect(command).toContain(`-Value '{"siteUrl":"https://contoso.sharepoint.com/sites/o''brien","listId":"8c6f2a4e-1b3d-4e5f-9a0b-1c2d3e4f5a6b"}'`);
  });

  it('names the list id to pin, and the app catalog when known', () => {
    const error = unpinnedStoreError({ siteUrl: 'https://contoso.sharepoint.com/sites/apikeys' }, 'abc', 'Why.', 'https://contoso.sharepoint.com/sites/apps');
    expect(error.reason).toBe('unpinned');
    expect(error.fix).toContain('"listId":"abc"');
    expect(error.fix).toContain('-Site "https://contoso.sharepoint.com/sites/apps"');
    expect(missingTenantStoreSetting().fix).toContain('<tenant>.sharepoint.com/sites/appcatalog');
  });

  it('compares site URLs as SharePoint does (case, trailing slash)', () => {
    expect(sameSiteUrl('https://contoso.sharepoint.com/sites/ApiKeys/', 'https://CONTOSO.sharepoint.com/sites/apikeys')).toBe(true);
    expect(sameSiteUrl('https://contoso.sharepoint.com/sites/apikeys', 'https://contoso.sharepoint.com/sites/apikeys2')).toBe(false);
  });
});

describe('the default expiry in the setting', () => {
  const SITE = 'https://contoso.sharepoint.com/sites/apikeys';

  it('reads 7, 30, 90 or 365 days, writes it back, and keeps it when the list id is pinned', () => {
    for (const days of [7, 30, 90, 365] as const) {
      const setting = parseTenantStoreSetting(JSON.stringify({ siteUrl: SITE, defaultExpiryDays: days }));
      expect(setting).toEqual({ siteUrl: SITE, defaultExpiryDays: days });
      expect(parseTenantStoreSetting(formatTenantStoreSetting(setting))).toEqual(setting);
    }
    const error = unpinnedStoreError({ siteUrl: SITE, defaultExpiryDays: 90 }, 'abc', 'Why.');
    expect(error.fix).toContain('"listId":"abc","defaultExpiryDays":90');
    expect(parseTenantStoreSetting(JSON.stringify({ siteUrl: SITE, defaultExpiryDays: null }))).toEqual({ siteUrl: SITE });
  });

  it.each([14, 0, -7, '30', 30.5, true])('refuses defaultExpiryDays %p, naming the choices', (days) => {
    const error = failure(JSON.stringify({ siteUrl: SITE, defaultExpiryDays: days }));
    expect(error.reason).toBe('tenant-setting');
    expect(error.message).toContain('7, 30, 90, 365');
  });
});
