import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyIdentity, KeyAllowed, KeyRefused, VerifyResult } from '../KeyVerifier.types';
import { authenticateNow, logDecision, remoteAddressClient } from './authenticate';
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

/** Answers a refusal, or sets `req.apiKey` and returns the identity. */
function settle(result: VerifyResult, req: IncomingMessage, res: ServerResponse, options: ApiKeyMiddlewareOptions, client: string): ApiKeyIdentity | undefined {
  if (!result.allowed) {
    logDecision(options.logger, result, req.method ?? 'GET', () => pathOf(req.url), client);
    sendRefusal(res, result, options.realm);
    return undefined;
  }
  const identity = toIdentity(result);
  (req as ApiKeyRequest).apiKey = identity;
  return identity;
}

/** Checks the key, answers 401/403/429/503 itself, or sets `req.apiKey` and returns the identity (synchronously for a cache hit). */
export function checkNodeRequestNow(
  checker: ApiKeyChecker,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiKeyMiddlewareOptions
): ApiKeyIdentity | undefined | Promise<ApiKeyIdentity | undefined> {
  const method = req.method ?? 'GET';
  const header = nodeHeaderReader(req.headers);
  const client = (options.clientOf ?? remoteAddressClient)(header, req.socket?.remoteAddress);
  const result = authenticateNow(checker, header, method, { client, method, path: pathOf(req.url) });
  return result instanceof Promise ? result.then((r) => settle(r, req, res, options, client)) : settle(result, req, res, options, client);
}

export async function checkNodeRequest(
  checker: ApiKeyChecker,
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiKeyMiddlewareOptions
): Promise<ApiKeyIdentity | undefined> {
  return checkNodeRequestNow(checker, req, res, options);
}

/** Wraps a node:http request listener: `handler` runs only for a request whose key allows its method. */
export function withApiKey<R extends IncomingMessage = IncomingMessage>(
  checker: ApiKeyChecker,
  handler: (req: ApiKeyRequest<R>, res: ServerResponse) => void | Promise<void>,
  options: ApiKeyMiddlewareOptions = {}
): (req: R, res: ServerResponse) => void {
  const fail = (res: ServerResponse, error: unknown): void => {
    options.logger?.warn('API request handler failed', { error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ error: { code: 'internal', message: 'The request failed.' } }));
    } else {
      res.end();
    }
  };
  const run = (req: R, res: ServerResponse, identity: ApiKeyIdentity | undefined): void => {
    if (identity === undefined) {
      return;
    }
    try {
      const done = handler(req as ApiKeyRequest<R>, res);
      if (done instanceof Promise) {
        done.catch((error: unknown) => fail(res, error));
      }
    } catch (error) {
      fail(res, error);
    }
  };
  return (req: R, res: ServerResponse): void => {
    let checked: ReturnType<typeof checkNodeRequestNow>;
    try {
      checked = checkNodeRequestNow(checker, req, res, options);
    } catch (error) {
      fail(res, error);
      return;
    }
    if (checked instanceof Promise) {
      checked.then(
        (identity) => run(req, res, identity),
        (error: unknown) => fail(res, error)
      );
    } else {
      run(req, res, checked);
    }
  };
}
