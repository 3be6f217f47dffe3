export * from './FilterChips';
export * from './FilterChips.types';
