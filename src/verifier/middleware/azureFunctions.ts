import type { ApiKeyIdentity } from '../KeyVerifier.types';
import { authenticate, logDecision, trustForwardedFor } from './authenticate';
import type { ApiKeyChecker, ApiKeyMiddlewareOptions } from './authenticate';
import { refusalResponse } from './refusalResponse';
import { toIdentity } from './nodeHttp';

// The parts of @azure/functions v4 (HttpRequest, InvocationContext, HttpResponseInit) this wrapper
// uses, declared structurally so the library does not depend on that package.

export interface FunctionHttpRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

export interface FunctionInvocationContext {
  warn?(...args: unknown[]): void;
}

/** The answer to a refused request; assignable to @azure/functions' HttpResponseInit. */
export interface FunctionRefusalResponse {
  status: number;
  headers: Record<string, string>;
  jsonBody: { error: { code: string; message: string } };
}

/** A function sees no socket: the Functions front end appends the caller's address to X-Forwarded-For. */
const forwardedByFunctionsHost = trustForwardedFor(1);

/**
 * Wraps an Azure Functions v4 HTTP handler (`app.http(name, { handler: withApiKeyFunction(verifier, handler) })`):
 * `handler` receives the key's identity as a third argument and runs only when the key allows the method.
 */
export function withApiKeyFunction<Req extends FunctionHttpRequest, Ctx extends FunctionInvocationContext, Res>(
  checker: ApiKeyChecker,
  handler: (request: Req, context: Ctx, apiKey: ApiKeyIdentity) => Promise<Res>,
  options: ApiKeyMiddlewareOptions = {}
): (request: Req, context: Ctx) => Promise<Res | FunctionRefusalResponse> {
  return async (request: Req, context: Ctx): Promise<Res | FunctionRefusalResponse> => {
    const header = (name: string): string | undefined => request.headers.get(name) ?? undefined;
    const client = (options.clientOf ?? forwardedByFunctionsHost)(header, undefined);
    const path = new URL(request.url, 'http://function').pathname;
    const result = await authenticate(checker, header, request.method, { client, path });
    const logger =
      options.logger ??
      (context.warn ? { info: () => undefined, warn: (message: string, fields?: Record<string, unknown>) => context.warn?.(message, fields) } : undefined);
    logDecision(logger, result, request.method, () => path, client);
    if (!result.allowed) {
      const response = refusalResponse(result, options.realm);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        // Several challenges in one header, comma-separated (RFC 7235 section 4.1).
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: response.status, headers, jsonBody: response.body };
    }
    return handler(request, context, toIdentity(result));
  };
}
