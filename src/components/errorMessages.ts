// The one place where errors become what the user reads. Keyed by the typed error's `kind`
// (src/core/errors.ts); anything untyped is shown as a generic failure with its message.
import { format } from '@fluentui/react';
import * as strings from 'ApiKeyManagementStrings';
import { isKeyManagementError, NAME_MAX_LENGTH } from '../core';
import type { ConflictError, KeyManagementError, ThrottledError, ValidationError } from '../core';
import { formatDateTime } from './keyLabels';

/** What to offer next to the message. */
export type ErrorAction = 'retry' | 'reload' | 'none';

export interface ErrorDescription {
  /** The error's kind, or 'unknown' for errors the product did not raise on purpose. */
  kind: KeyManagementError['kind'] | 'unknown';
  title: string;
  detail: string;
  action: ErrorAction;
}

/** The message for an invalid key name, as shown under the Name field. */
export function nameErrorMessage(error: ValidationError): string {
  switch (error.code) {
    case 'name-empty':
      return strings.NameEmpty;
    case 'name-too-long':
      return format(strings.NameTooLong, NAME_MAX_LENGTH);
    case 'name-control-characters':
      return strings.NameControlCharacters;
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

function throttledDetail(error: ThrottledError): string {
  return error.retryAfterSeconds !== undefined ? format(strings.ThrottledRetryAfter, error.retryAfterSeconds) : strings.ThrottledDetail;
}

/** Title, detail and next step for any error the page or a panel caught. */
export function describeError(error: unknown): ErrorDescription {
  if (!isKeyManagementError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unknown', title: strings.ErrorTitle, detail: format(strings.ErrorUnknown, message), action: 'retry' };
  }
  switch (error.kind) {
    case 'conflict':
      return { kind: error.kind, title: strings.ConflictTitle, detail: conflictDetail(error as ConflictError), action: 'reload' };
    case 'throttled':
      return { kind: error.kind, title: strings.ThrottledTitle, detail: throttledDetail(error as ThrottledError), action: 'retry' };
    case 'forbidden':
      return { kind: error.kind, title: strings.ForbiddenTitle, detail: strings.ForbiddenDetail, action: 'none' };
    case 'not-found':
      return { kind: error.kind, title: strings.NotFoundTitle, detail: strings.NotFoundDetail, action: 'reload' };
    case 'already-revoked':
      return { kind: error.kind, title: strings.AlreadyRevokedTitle, detail: strings.AlreadyRevokedDetail, action: 'reload' };
    case 'validation':
      return { kind: error.kind, title: strings.ValidationTitle, detail: nameErrorMessage(error as ValidationError), action: 'none' };
    case 'malformed-key':
      return { kind: error.kind, title: strings.MalformedTitle, detail: error.message, action: 'none' };
    case 'not-provisioned':
      return { kind: error.kind, title: strings.NotProvisionedTitle, detail: error.message, action: 'retry' };
    default:
      return { kind: 'unknown', title: strings.ErrorTitle, detail: format(strings.ErrorUnknown, (error as Error).message), action: 'retry' };
  }
}
