import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyIdentity, KeyAllowed, KeyRefused } from '../KeyVerifier.types';
import { authenticate, logDecision } from './authenticate';
import type { ApiKeyChecker, ApiKeyMiddlewareOptions } from './authenticate';
import { nodeHeaderReader } from './extractApiKey';
import { refusalResponse } from './refusalResponse';

/** A request that passed the key check: `apiKey` says which key, never the key itself. */
export type ApiKeyRequest<R extends IncomingMessage = IncomingMessage> = R & { apiKey: ApiKeyIdentity };

export function toIdentity(result: KeyAllowed): ApiKeyIdentity {
  return { id: result.keyId, name: result.name, permission: result.permission, tail: result.tail };
}

export function pathOf(url: string | undefined): string {
  // The query string is left out of logs: some clients put secrets there.
  return (url ?? '/').split('?')[0];
}

export function sendRefusal(res: ServerResponse, refusal: KeyRefused, realm: string | undefined): void {
  const response = refusalResponse(refusal, realm);
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) {
    res.setHeader(name, value);
  }
  res.end(JSON.stringify(response.body));
}

/** Checks the key, answers 401/403/503 itself, or sets `req.apiKey` and returns the identity. */
export async function checkNodeRequest(
  checker: ApiKeyChecker,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiKeyMiddlewareOptions
): Promise<ApiKeyIdentity | undefined> {
  const method = req.method ?? 'GET';
  const result = await authenticate(checker, nodeHeaderReader(req.headers), method);
  logDecision(options.logger, result, method, () => pathOf(req.url));
  if (!result.allowed) {
    sendRefusal(res, result, options.realm);
    return undefined;
  }
  const identity = toIdentity(result);
  (req as ApiKeyRequest).apiKey = identity;
  return identity;
}

/** Wraps a node:http request listener: `handler` runs only for a request whose key allows its method. */
export function withApiKey<R extends IncomingMessage = IncomingMessage>(
  checker: ApiKeyChecker,
  handler: (req: ApiKeyRequest<R>, res: ServerResponse) => void | Promise<void>,
  options: ApiKeyMiddlewareOptions = {}
): (req: R, res: ServerResponse) => void {
  return (req: R, res: ServerResponse): void => {
    checkNodeRequest(checker, req, res, options)
      .then((identity) => (identity === undefined ? undefined : handler(req as ApiKeyRequest<R>, res)))
      .catch((error: unknown) => {
        options.logger?.warn('API request handler failed', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.end(JSON.stringify({ error: { code: 'internal', message: 'The request failed.' } }));
        } else {
          res.end();
        }
      });
  };
}
