export { KeyVerifier, StoreTimeoutError } from './KeyVerifier';
export type {
  ApiKeyIdentity,
  KeyAllowed,
  KeyRefused,
  KeyVerifierOptions,
  RefusalCause,
  RefusalEvent,
  RefusalReason,
  RequestInfo,
  VerifierChangeFeed,
  VerifierKeyStore,
  VerifierLogger,
  VerifierMetrics,
  VerifierStats,
  VerifyResult
} from './KeyVerifier.types';
export { systemClock } from './clock';
export type { Clock, TimerHandle } from './clock';
export { LocalRateLimiter } from './limits';
export type { RateLimiter, RateRule } from './limits';
export { prometheusText, PROMETHEUS_CONTENT_TYPE } from './metrics';
export { REFUSAL_CAUSES, REFUSAL_STATUS } from './refusalCauses';
export type { CauseOf } from './refusalCauses';
export type { ChangeNotice, SharedLookup, VerifierSharing } from './sharing';
export * from './middleware';
export { appOnlySharePoint, createSharePointVerifier } from './sharePointVerifier';
export type { AppCertificateCredential, SharePointVerifierOptions } from './sharePointVerifier';
export { createRedisSharing } from './redis';
export type { RedisSharingOptions } from './redis';
