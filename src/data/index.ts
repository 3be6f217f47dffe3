export * from './KeyStore.types';
