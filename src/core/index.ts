export * from './permission';
export * from './keyRecord.types';
export * from './errors';
export * from './keyFormat';
export * from './keyRecord';
export * from './query';
export * from './csv';
export * from './tenantStoreSetting';
