import type { GraphRequester } from './GraphAdminRoleChecker';

/** Microsoft Graph answered with an HTTP error. */
export class GraphRequestError extends Error {
  public constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
    this.name = 'GraphRequestError';
    Object.setPrototypeOf(this, GraphRequestError.prototype);
  }
}

export interface FetchGraphRequesterOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (or the emulator's graphUrl). */
  baseUrl: string;
  /** A bearer token, or a function that gets a fresh one per request. Omit to rely on cookies. */
  token?: string | (() => Promise<string>);
  /** fetch credentials mode; 'include' sends the workbench's identity cookie. */
  credentials?: 'omit' | 'same-origin' | 'include';
}

/** GraphRequester over fetch, for the workbench page, tests and Node tools. */
export class FetchGraphRequester implements GraphRequester {
  private readonly _options: FetchGraphRequesterOptions;

  public constructor(options: FetchGraphRequesterOptions) {
    this._options = options;
  }

  public async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<unknown> {
    const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${this._options.baseUrl.replace(/\/$/, '')}${pathOrUrl.charAt(0) === '/' ? '' : '/'}${pathOrUrl}`;
    const requestHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
    const token = this._options.token;
    if (token !== undefined) {
      requestHeaders.Authorization = `Bearer ${typeof token === 'string' ? token : await token()}`;
    }
    const response = await fetch(url, { method: 'GET', headers: requestHeaders, credentials: this._options.credentials || 'same-origin' });
    const text = await response.text();
    if (!response.ok) {
      let code = 'unknown';
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (body.error) {
          code = body.error.code || code;
          message = body.error.message || message;
        }
      } catch {
        // Not JSON: keep the status line.
      }
      throw new GraphRequestError(response.status, code, `Microsoft Graph: ${message}`);
    }
    return text === '' ? undefined : JSON.parse(text);
  }
}
