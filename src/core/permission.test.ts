import { allowsMethod, isPermission } from './permission';

describe('Permission', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get', 'Head'])('Read Only allows %s', (m) => {
    expect(allowsMethod('ReadOnly', m)).toBe(true);
  });
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'MERGE', 'TRACE', ''])('Read Only refuses %s', (m) => {
    expect(allowsMethod('ReadOnly', m)).toBe(false);
  });
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('Full Control allows %s', (m) => {
    expect(allowsMethod('FullControl', m)).toBe(true);
  });
  it('recognises only the two permissions', () => {
    expect(isPermission('ReadOnly')).toBe(true);
    expect(isPermission('FullControl')).toBe(true);
    expect(isPermission('Read Only')).toBe(false);
    expect(isPermission(undefined)).toBe(false);
  });
});
