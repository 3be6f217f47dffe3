import * as React from 'react';
import { describeError } from './errorMessages';
import type { ErrorDescription, ErrorOperation } from './errorMessages';

export interface StoreAction {
  /** A write is in flight: buttons stay disabled, a second click does nothing. */
  busy: boolean;
  /** What went wrong with the last write, described for the user. */
  error: ErrorDescription | undefined;
  /** Runs one write; `onDone` gets its result unless the panel was closed meanwhile. */
  run<T>(action: () => Promise<T>, onDone: (result: T) => void): Promise<void>;
}

/**
 * The one write-with-feedback pattern of the panels and the dialog: busy flag, typed error described for
 * `operation` (what was and was not saved), no state update after unmount.
 */
export function useStoreAction(operation: ErrorOperation): StoreAction {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<ErrorDescription | undefined>(undefined);
  const mounted = React.useRef(true);
  const inFlight = React.useRef(false);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );

  const run = React.useCallback(async <T>(action: () => Promise<T>, onDone: (result: T) => void): Promise<void> => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const result = await action();
      if (mounted.current) {
        onDone(result);
      }
    } catch (caught) {
      if (mounted.current) {
        setError(describeError(caught, operation));
      }
    } finally {
      inFlight.current = false;
      if (mounted.current) {
        setBusy(false);
      }
    }
  }, [operation]);

  return { busy, error, run };
}
