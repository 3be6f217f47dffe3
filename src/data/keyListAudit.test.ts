import { describeExposure, findExposures } from './keyListAudit';
import type { RoleAssignmentInfo } from './keyListAudit';
import { ADMIN_BASE_PERMISSIONS, basePermissionsOf, grantsPermission, PERMISSION_KIND, writePermissionIn } from './keyListSecurity';

const GA = 'c:0t.c|tenant|0b1f7a56-3c1e-4a7d-9a0f-5e6b0c2d9e11';
const FULL = { High: '2147483647', Low: '4294967295' };
const EDIT = { High: '432', Low: '1011030767' };
const READ = { High: '176', Low: '138612833' };

const assignment = (id: number, title: string, login: string, name: string, mask: { High: string; Low: string }, type = 1): RoleAssignmentInfo => ({
  PrincipalId: id,
  Member: { Id: id, Title: title, LoginName: login, PrincipalType: type },
  RoleDefinitionBindings: [{ Id: 1, Name: name, BasePermissions: mask }]
});

describe('permission masks', () => {
  it('the administrators level views, adds, edits and views versions, and cannot delete or manage', () => {
    for (const kind of [PERMISSION_KIND.ViewListItems, PERMISSION_KIND.AddListItems, PERMISSION_KIND.EditListItems, PERMISSION_KIND.ViewVersions, PERMISSION_KIND.EnumeratePermissions]) {
      expect(grantsPermission(ADMIN_BASE_PERMISSIONS, kind)).toBe(true);
    }
    for (const kind of [PERMISSION_KIND.DeleteListItems, PERMISSION_KIND.DeleteVersions, PERMISSION_KIND.ManageLists, PERMISSION_KIND.ManagePermissions]) {
      expect(grantsPermission(ADMIN_BASE_PERMISSIONS, kind)).toBe(false);
    }
  });

  it('reads SharePoint\'s own levels: Read is read, Edit and Full Control write', () => {
    expect(writePermissionIn(READ)).toBeUndefined();
    expect(writePermissionIn(EDIT)).toBe('AddListItems');
    expect(writePermissionIn(FULL)).toBe('AddListItems');
    expect(writePermissionIn(basePermissionsOf([PERMISSION_KIND.ViewListItems, PERMISSION_KIND.ManagePermissions]))).toBe('ManagePermissions');
    expect(basePermissionsOf([PERMISSION_KIND.ViewListItems, PERMISSION_KIND.EnumeratePermissions])).toEqual({ High: '1073741824', Low: '1' });
  });
});

describe('findExposures', () => {
  it('as provisioned: the Global Administrator principal alone, a read-only app, no other site admin', () => {
    const assignments = [assignment(7, 'Company Administrator', GA, 'API Key Administrators', ADMIN_BASE_PERMISSIONS, 4), assignment(15, 'Verifier', 'i:0i.t|ms.sp.ext|x@y', 'Read', READ)];
    expect(findExposures(assignments, [{ Id: 7, Title: 'Company Administrator', LoginName: GA }], GA, [])).toEqual([]);
  });

  it('copied permissions: Owners Full Control and Members Edit are exposures, Visitors Read is not', () => {
    const copied = [
      assignment(3, 'API Keys Owners', 'API Keys Owners', 'Full Control', FULL, 8),
      assignment(4, 'API Keys Visitors', 'API Keys Visitors', 'Read', READ, 8),
      assignment(5, 'API Keys Members', 'API Keys Members', 'Edit', EDIT, 8)
    ];
    expect(findExposures(copied, [], GA, []).map(describeExposure)).toEqual(['API Keys Owners (SharePoint group) (API Keys Owners)', 'API Keys Members (SharePoint group) (API Keys Members)']);
  });

  it('any write right counts, even at the Global Administrator principal\'s own level held by someone else; login names compare without case', () => {
    const assignments = [assignment(13, 'Megan Bowen', 'i:0#.f|membership|meganb@contoso.com', 'API Key Administrators', ADMIN_BASE_PERMISSIONS), assignment(7, 'Company Administrator', GA.toUpperCase(), 'Full Control', FULL, 4)];
    expect(findExposures(assignments, [], GA, [])).toEqual([{ principal: 'Megan Bowen', loginName: 'i:0#.f|membership|meganb@contoso.com', how: 'API Key Administrators (AddListItems)', siteAdmin: false }]);
  });

  it('site collection administrators are exposures unless trusted as Global Administrators', () => {
    const admins = [
      { Id: 7, Title: 'Company Administrator', LoginName: GA },
      { Id: 18, Title: 'Diego Siciliani', LoginName: 'i:0#.f|membership|diegos@contoso.com' },
      { Id: 11, Title: 'Adele Vance', LoginName: 'i:0#.f|membership|adelev@contoso.com' }
    ];
    expect(findExposures([], admins, GA, ['I:0#.F|membership|adelev@contoso.com'])).toEqual([
      { principal: 'Diego Siciliani', loginName: 'i:0#.f|membership|diegos@contoso.com', how: 'site collection administrator', siteAdmin: true }
    ]);
  });

  it('a binding without its permissions is not trusted', () => {
    expect(findExposures([{ PrincipalId: 9, Member: { Title: 'X', LoginName: 'x' }, RoleDefinitionBindings: [{ Name: 'Mystery' }] }], [], GA, [])).toHaveLength(1);
  });
});
