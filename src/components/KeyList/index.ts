export * from './KeyList';
export * from './KeyList.types';
export type { KeyListLayout } from './keyColumnWidths';
