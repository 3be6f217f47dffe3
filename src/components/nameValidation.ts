import { validateKeyName, ValidationError } from '../core';
import { nameErrorMessage } from './errorMessages';

/** The message to show under a Name field as the user types, or '' when the name is fine. */
export function nameFieldError(value: string): string {
  try {
    validateKeyName(value);
    return '';
  } catch (error) {
    if (error instanceof ValidationError) {
      return nameErrorMessage(error);
    }
    throw error;
  }
}
