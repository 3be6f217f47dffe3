export { LocalRateLimiter } from './rateLimiter';
export type { RateLimiter, RateRule } from './rateLimiter';
export { LookupGate } from './lookupGate';
export type { LookupGateOptions } from './lookupGate';
