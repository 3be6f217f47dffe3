/** What a key may do. Fixed when the key is generated; it can never change afterwards. */
export type Permission = 'ReadOnly' | 'FullControl';

export const PERMISSIONS: readonly Permission[] = ['ReadOnly', 'FullControl'];

/** HTTP methods that only read: the whole of what a Read Only key may call. */
export const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

export function isPermission(value: unknown): value is Permission {
  return value === 'ReadOnly' || value === 'FullControl';
}

/** Whether a key holding `permission` may make a request with `httpMethod` (case-insensitive). */
export function allowsMethod(permission: Permission, httpMethod: string): boolean {
  if (permission === 'FullControl') {
    return true;
  }
  return READ_METHODS.indexOf(httpMethod.toUpperCase()) !== -1;
}
