// The one place where errors become what the user reads. Keyed by the typed error's `kind`
// (src/core/errors.ts); anything untyped is told in plain words (what failed, what was and was not
// saved), and the technical part (status, correlation id, time, raw message) goes behind "Copy details".
import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { isKeyManagementError, NAME_MAX_LENGTH } from '../core';
import type { ConflictError, KeyManagementError, NotProvisionedError, RequestDetails, RollIncompleteError, ThrottledError, ValidationError } from '../core';
import { requestDetailsOf } from '../data/sharePointErrors';
import { formatDateTime, formatNumber } from './keyLabels';

/** What to offer next to the message. */
export type ErrorAction = 'retry' | 'reload' | 'none';

/** What the user was doing when it failed: decides what the message says was (not) saved. */
export type ErrorOperation = 'load' | 'create' | 'rename' | 'revoke' | 'provision' | 'roll' | 'expiry';

export interface ErrorDescription {
  /** The error's kind, or 'unknown' for errors the product did not raise on purpose. */
  kind: KeyManagementError['kind'] | 'unknown';
  title: string;
  detail: string;
  action: ErrorAction;
  /** Plain text for support, copied by "Copy details": what failed, status, correlation id, time, raw message. */
  report: string;
}

/** The message for invalid input (a key name, as shown under the Name field, or an expiry) in the page's language. */
export function nameErrorMessage(error: ValidationError): string {
  switch (error.code) {
    case 'name-empty':
      return strings.NameEmpty;
    case 'name-too-long':
      return format(strings.NameTooLong, formatNumber(NAME_MAX_LENGTH));
    case 'name-control-characters':
      return strings.NameControlCharacters;
    case 'expiry-in-past':
      return strings.ExpiresDatePast;
    case 'expiry-invalid':
      return strings.ExpiresDateInvalid;
    case 'expiry-not-earlier':
      return strings.ExpiryNotEarlier;
    case 'key-revoked':
      return strings.KeyRevokedCannotChange;
    case 'key-expired':
      return strings.KeyExpiredCannotChange;
    case 'key-tampered':
      return strings.KeyTamperedCannotChange;
    case 'grace-too-long':
      return strings.GraceTooLong;
    default:
      return error.message;
  }
}

function conflictDetail(error: ConflictError): string {
  const current = error.current;
  if (!current) {
    return strings.ConflictUnknown;
  }
  if (current.status === 'Revoked') {
    return current.revokedBy
      ? format(strings.ConflictRevoked, current.revokedBy.displayName, formatDateTime(current.revokedAt))
      : strings.ConflictRevokedUnknown;
  }
  return current.modifiedBy
    ? format(strings.ConflictRenamedBy, current.name, current.modifiedBy.displayName, formatDateTime(current.modified))
    : format(strings.ConflictRenamed, current.name);
}

/**
 * A roll that made the new key but could not end the old one: the old key's ending, why (the second write's own
 * error, described as for a revoke or an expiry change), and what to do. The new key is shown below it, never in it.
 */
function rollIncompleteDetail(error: RollIncompleteError, oldKeyTail: string): string {
  const cause = describeError(error.reason, error.oldKeyEnds === 'now' ? 'revoke' : 'expiry');
  const why = `${cause.title}. ${cause.detail}`;
  return error.oldKeyEnds === 'now'
    ? format(strings.RollIncompleteRevoke, oldKeyTail, why)
    : format(strings.RollIncompleteEnd, oldKeyTail, formatDateTime(error.oldKeyEnds), why);
}

/** The roll-incomplete message for the Roll panel, which knows the old key's ending. */
export function describeRollIncomplete(error: RollIncompleteError, oldKeyTail: string, seenAt: Date = new Date()): ErrorDescription {
  const title = strings.RollIncompleteTitle;
  const detail = rollIncompleteDetail(error, oldKeyTail);
  const reason = error.reason instanceof Error ? error.reason.message : String(error.reason);
  const details = isKeyManagementError(error.reason) ? error.reason.requestDetails : requestDetailsOf(error.reason, seenAt);
  return { kind: 'roll-incomplete', title, detail, action: 'none', report: reportOf(title, detail, details || { time: seenAt }, `${error.message} ${reason}`) };
}

function throttledDetail(error: ThrottledError): string {
  return error.retryAfterSeconds !== undefined ? format(strings.ThrottledRetryAfter, formatNumber(error.retryAfterSeconds)) : strings.ThrottledDetail;
}

const FAILED_TITLE: Record<ErrorOperation, string> = {
  load: strings.FailedLoadTitle,
  create: strings.FailedCreateTitle,
  rename: strings.FailedRenameTitle,
  revoke: strings.FailedRevokeTitle,
  provision: strings.FailedProvisionTitle,
  roll: strings.FailedRollTitle,
  expiry: strings.FailedExpiryTitle
};

/** What is certain after SharePoint answered with an error: the write did not happen. */
const REFUSED_OUTCOME: Record<ErrorOperation, string> = {
  load: strings.OutcomeLoadNothingChanged,
  create: strings.OutcomeCreateNotSaved,
  rename: strings.OutcomeRenameNotSaved,
  revoke: strings.OutcomeRevokeNotSaved,
  provision: strings.OutcomeProvisionNotSaved,
  roll: strings.OutcomeRollNotSaved,
  expiry: strings.OutcomeExpiryNotSaved
};

/** Without an answer nobody knows whether a write landed: say so, and how to find out. */
const UNANSWERED_OUTCOME: Record<Exclude<ErrorOperation, 'load'>, string> = {
  create: strings.OutcomeCreateUnknown,
  rename: strings.OutcomeRenameUnknown,
  revoke: strings.OutcomeRevokeUnknown,
  provision: strings.OutcomeProvisionUnknown,
  roll: strings.OutcomeRollUnknown,
  expiry: strings.OutcomeExpiryUnknown
};

/** fetch's own failure (no answer at all), or PnPjs giving up its retries on one. */
function isNetworkFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (error instanceof TypeError && /fetch|network|load failed/i.test(message)) || /Retry count exceeded/i.test(message);
}

function untypedDetail(error: unknown, details: RequestDetails | undefined, operation: ErrorOperation): string {
  if (details && details.status !== undefined) {
    const answer = details.status >= 500 ? format(strings.SharePointFailed, details.status) : format(strings.SharePointRefused, details.status);
    return `${answer} ${REFUSED_OUTCOME[operation]} ${strings.TryAgainShortly}`;
  }
  const cause = isNetworkFailure(error) ? strings.SharePointUnreachable : strings.UnexpectedFailure;
  // A read changes nothing; a write without an answer may have landed, and its sentence says how to check.
  return operation === 'load' ? `${cause} ${REFUSED_OUTCOME.load} ${strings.TryAgainShortly}` : `${cause} ${UNANSWERED_OUTCOME[operation]}`;
}

/** The text behind "Copy details", in the page's language. It never holds a key: no error message does. */
function reportOf(title: string, detail: string, details: RequestDetails | undefined, raw: string, fix?: string): string {
  const lines = [title, detail];
  if (fix) lines.push(format(strings.DetailsFix, fix));
  if (details && details.status !== undefined) lines.push(format(strings.DetailsStatus, details.status));
  if (details && details.correlationId) lines.push(format(strings.DetailsCorrelationId, details.correlationId));
  lines.push(format(strings.DetailsTime, (details ? details.time : new Date()).toISOString()));
  if (raw) lines.push(format(strings.DetailsMessage, raw));
  return lines.join('\n');
}

function typedDescription(error: KeyManagementError, operation: ErrorOperation): Omit<ErrorDescription, 'report'> {
  switch (error.kind) {
    case 'conflict':
      return { kind: error.kind, title: strings.ConflictTitle, detail: conflictDetail(error as ConflictError), action: 'reload' };
    case 'throttled':
      return { kind: error.kind, title: strings.ThrottledTitle, detail: throttledDetail(error as ThrottledError), action: 'retry' };
    case 'forbidden':
      return { kind: error.kind, title: strings.ForbiddenTitle, detail: `${strings.ForbiddenDetail} ${REFUSED_OUTCOME[operation]}`, action: 'none' };
    case 'not-found':
      return { kind: error.kind, title: strings.NotFoundTitle, detail: strings.NotFoundDetail, action: 'reload' };
    case 'already-revoked':
      return { kind: error.kind, title: strings.AlreadyRevokedTitle, detail: strings.AlreadyRevokedDetail, action: 'reload' };
    case 'validation':
      return { kind: error.kind, title: strings.ValidationTitle, detail: nameErrorMessage(error as ValidationError), action: 'none' };
    case 'malformed-key':
      return { kind: error.kind, title: strings.MalformedTitle, detail: error.message, action: 'none' };
    case 'not-provisioned':
      return { kind: error.kind, title: strings.NotProvisionedTitle, detail: notProvisionedDetail(error as NotProvisionedError), action: 'retry' };
    case 'roll-incomplete':
      return { kind: error.kind, title: strings.RollIncompleteTitle, detail: rollIncompleteDetail(error as RollIncompleteError, '…'), action: 'none' };
    default:
      return { kind: 'unknown', title: FAILED_TITLE[operation], detail: untypedDetail(error, error.requestDetails, operation), action: 'retry' };
  }
}

/** Title, plain detail, next step and support report for any error the page or a panel caught. */
export function describeError(error: unknown, operation: ErrorOperation = 'load', seenAt: Date = new Date()): ErrorDescription {
  const raw = error instanceof Error ? error.message : String(error);
  if (!isKeyManagementError(error)) {
    const details = requestDetailsOf(error, seenAt) || { time: seenAt };
    const title = FAILED_TITLE[operation];
    const detail = untypedDetail(error, requestDetailsOf(error, seenAt), operation);
    return { kind: 'unknown', title, detail, action: 'retry', report: reportOf(title, detail, details, raw) };
  }
  const described = typedDescription(error, operation);
  const fix = error.kind === 'not-provisioned' ? (error as NotProvisionedError).fix : undefined;
  return { ...described, report: reportOf(described.title, described.detail, error.requestDetails || { time: seenAt }, raw, fix) };
}

/** What is wrong with the key list, for each reason provisioning or the check can give, in plain words. */
export function notProvisionedDetail(error: NotProvisionedError): string {
  switch (error.reason) {
    case 'exposed':
      return format(strings.NotProvisionedExposed, error.principals.length > 0 ? error.principals.join(', ') : strings.NotProvisionedExposedUnnamed);
    case 'not-ours':
      return strings.NotProvisionedNotOurs;
    case 'wrong-store':
      return strings.NotProvisionedWrongStore;
    case 'tenant-setting':
      return strings.NotProvisionedTenantSetting;
    case 'unpinned':
      return strings.NotProvisionedUnpinned;
    case 'missing-list':
      return strings.NotProvisionedMissingList;
    default:
      return strings.NotProvisionedUnsafe;
  }
}

/** What a Global Administrator does about it; undefined where "Create the list" is the whole fix. */
export function notProvisionedFix(error: NotProvisionedError): string | undefined {
  switch (error.reason) {
    case 'exposed':
      return strings.NotProvisionedExposedFix;
    case 'not-ours':
      return strings.NotProvisionedNotOursFix;
    case 'wrong-store':
      return strings.NotProvisionedWrongStoreFix;
    default:
      return undefined;
  }
}

/** Whether "Create the list" (idempotent provisioning) can fix it: never for a list to distrust or the wrong store. */
export function provisioningCanFix(error: NotProvisionedError): boolean {
  return error.reason !== 'exposed' && error.reason !== 'not-ours' && error.reason !== 'wrong-store' && error.reason !== 'tenant-setting';
}
