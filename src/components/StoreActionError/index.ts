export * from './StoreActionError';
export * from './StoreActionError.types';
