import type { MSGraphClientV3 } from '@microsoft/sp-http';
import type { GraphRequester } from '../../data';

/** Adapts SPFx's MSGraphClientV3 (tokens for the solution's approved scopes) to the data layer's minimal Graph interface. */
export class SpfxGraphRequester implements GraphRequester {
  public constructor(private readonly _client: MSGraphClientV3) {}

  public get(pathOrUrl: string, headers?: Record<string, string>): Promise<unknown> {
    let request = this._client.api(pathOrUrl);
    if (headers) {
      Object.keys(headers).forEach((name) => {
        request = request.header(name, headers[name]);
      });
    }
    return request.get();
  }
}
