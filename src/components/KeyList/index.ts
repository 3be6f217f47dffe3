export * from './KeyList';
export * from './KeyList.types';
