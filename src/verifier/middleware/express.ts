import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyChecker, ApiKeyMiddlewareOptions } from './authenticate';
import { checkNodeRequest } from './nodeHttp';

/** Express/Connect middleware: on success sets `req.apiKey = { id, name, permission, tail }` and calls next(); otherwise answers 401/403/503. */
export function apiKeyMiddleware(
  checker: ApiKeyChecker,
  options: ApiKeyMiddlewareOptions = {}
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next): void => {
    checkNodeRequest(checker, req, res, options).then((identity) => {
      if (identity !== undefined) {
        next();
      }
    }, next);
  };
}
