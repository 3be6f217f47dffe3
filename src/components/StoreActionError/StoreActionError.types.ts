import type { ErrorDescription } from '../errorMessages';

export interface IStoreActionErrorProps {
  /** The failed write, described; nothing is rendered when undefined. */
  error: ErrorDescription | undefined;
  /** Reloads the page's keys: offered when the error says the data changed (a conflict). */
  onReload?: () => void;
}

export interface IErrorDetailsButtonProps {
  /** The support text (ErrorDescription.report) the button copies. */
  report: string;
}
