import { ValidationError } from '../errors';

/** "field:code" of the ValidationError `action` throws; throws (failing the test) when it throws nothing or something else. */
export function validationCodeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw new Error(`expected a ValidationError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    return `${error.field}:${error.code}`;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}
