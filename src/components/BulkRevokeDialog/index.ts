// The dialog itself is loaded on demand (React.lazy in the page): its props type and the revoke loop are public here.
export * from './BulkRevokeDialog.types';
export * from './revokeEach';
