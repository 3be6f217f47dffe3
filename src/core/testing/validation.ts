import { ValidationError } from '../errors';

/** "field:code" of the ValidationError `action` throws; fails the test when it throws nothing or something else. */
export function validationCodeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return `${(error as ValidationError).field}:${(error as ValidationError).code}`;
  }
  throw new Error('expected a ValidationError');
}
