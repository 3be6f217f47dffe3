import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyIdentity } from '../KeyVerifier.types';
import type { ApiKeyChecker, ApiKeyMiddlewareOptions } from './authenticate';
import { checkNodeRequest } from './nodeHttp';

/** Express/Connect middleware: on success sets `req.apiKey = { id, name, permission, tail }` and calls next(); otherwise answers 401/403/429/503. */
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

declare global {
  // Types `req.apiKey` in Express handlers (merges into @types/express's Request when present).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by apiKeyMiddleware: which key made the request, never the key itself. */
      apiKey?: ApiKeyIdentity;
    }
  }
}
