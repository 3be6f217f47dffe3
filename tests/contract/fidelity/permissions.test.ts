/**
 * @jest-environment <rootDir>/node_modules/jest/node_modules/jest-environment-node
 */
// Authentication answers outside the permission model (roles, assignments and no-access answers are covered with the
// trust work): no token, the form digest for cookie-authenticated writes, contextinfo.
import { describeOnTargets, expectODataError } from './fidelityTargets';

jest.setTimeout(60_000);

describeOnTargets('authentication', ({ everywhere, emulatorOnly }) => {
  everywhere('no credentials: 401 with WWW-Authenticate: Bearer realm="<tenant id>",client_id="00000003-0000-0ff1-ce00-000000000000" [learn: handle security tokens in low-trust add-ins, TokenHelper.GetRealmFromTargetUrl reads this header]', async (t) => {
    const anonymous = await t.request(`${t.listPath}/items`, { anonymous: true });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="[0-9a-f-]{36}",client_id="00000003-0000-0ff1-ce00-000000000000"/);
  });

  everywhere('POST _api/contextinfo answers FormDigestValue and FormDigestTimeoutSeconds at the top level in minimal metadata, under d.GetContextWebInformation in verbose [pnp/pnpjs packages/sp/behaviors/request-digest.ts; learn: complete-basic-operations-using-sharepoint-rest-endpoints]', async (t) => {
    const info = await t.request('_api/contextinfo', { method: 'POST' });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ FormDigestValue: expect.stringMatching(/^0x[0-9A-F]+,/), FormDigestTimeoutSeconds: expect.any(Number), WebFullUrl: t.siteUrl });
    const verbose = await t.request('_api/contextinfo', { method: 'POST', headers: { Accept: 'application/json;odata=verbose' } });
    expect(verbose.body.d.GetContextWebInformation).toMatchObject({ __metadata: { type: 'SP.ContextWebInformation' }, FormDigestValue: expect.stringMatching(/^0x[0-9A-F]+,/) });
  });

  emulatorOnly('a cookie-authenticated write without X-RequestDigest: 403 -2130575251 "The security validation for this page is invalid…" [learn: complete-basic-operations-using-sharepoint-rest-endpoints#writing-data-by-using-the-rest-interface]', 'a tenant session cookie cannot be had here', async (t, emulator) => {
    const response = await fetch(`${t.siteUrl}/${t.listPath}/items`, {
      method: 'POST',
      headers: { Cookie: `wb_user=${emulator.users.adele.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ Title: 'No digest' })
    });
    const body = await response.json();
    expectODataError({ status: response.status, headers: response.headers, text: '', body }, 403, '-2130575251, Microsoft.SharePoint.SPException', /^The security validation for this page is invalid/);
  });
});
