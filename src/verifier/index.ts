export { KeyVerifier, StoreTimeoutError } from './KeyVerifier';
export type {
  ApiKeyIdentity,
  KeyAllowed,
  KeyRefused,
  KeyVerifierOptions,
  RefusalCause,
  RefusalReason,
  VerifierKeyStore,
  VerifierLogger,
  VerifierStats,
  VerifyResult
} from './KeyVerifier.types';
export { systemClock } from './clock';
export type { Clock, TimerHandle } from './clock';
export * from './middleware';
export { appOnlySharePoint, createSharePointVerifier } from './sharePointVerifier';
export type { AppCertificateCredential, SharePointVerifierOptions } from './sharePointVerifier';
