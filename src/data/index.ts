export * from './KeyStore.types';
export * from './keyListSchema';
export { toKeyRecord, InvalidKeyItemError } from './keyItemMapping';
export type { KeyListItem, ListItemPerson } from './keyItemMapping';
export { ChangeTokenExpiredError, SharePointKeyStore } from './SharePointKeyStore';
export { MissingEtagError } from './writeGuards';
export type { SharePointKeyStoreOptions, StoreReadOptions } from './SharePointKeyStore';
export { storeRequestBehaviors } from './storeRequestBehaviors';
export type { StoreRetryOptions } from './storeRequestBehaviors';
export { GraphAdminRoleChecker, GLOBAL_ADMINISTRATOR_TEMPLATE_ID, MEMBERSHIP_QUERY } from './GraphAdminRoleChecker';
export type { GraphRequester } from './GraphAdminRoleChecker';
export { FetchGraphRequester, GraphRequestError } from './FetchGraphRequester';
export type { FetchGraphRequesterOptions } from './FetchGraphRequester';
export { TenantStoreLocator } from './TenantStoreLocator';
export { TenantKeyStore } from './TenantKeyStore';
export type { TenantKeyStoreOptions } from './TenantKeyStore';
export * from './KeyUsageStore.types';
export * from './keyUsageSchema';
export { SharePointKeyUsageReader } from './SharePointKeyUsageReader';
export type { SharePointKeyUsageReaderOptions } from './SharePointKeyUsageReader';
// GraphKeyUsageWriter (the verifier's last-used writes) is not exported here: the page imports this index, and its
// down-levelled classes are not tree-shaken, so the web part would carry verifier-only code. Import it from its file.
