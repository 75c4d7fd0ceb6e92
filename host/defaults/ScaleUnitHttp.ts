import got, { HTTPError, RequestError, type Got } from 'got';
import { HostScaleUnitError } from './HostScaleUnitError.js';

export interface ScaleUnitHttpOptions {
  readonly baseUrl: string;
  readonly deviceToken: string;
  readonly timeoutMs: number;
}

const outageStatuses = new Set([502, 503, 504]);

/**
 * The host's own small scale unit client. No retries and one fixed timeout: the host has no
 * offline path, so it fails fast and says why (the extension brings the resilience).
 */
export class ScaleUnitHttp {
  private readonly http: Got;

  constructor(options: ScaleUnitHttpOptions) {
    this.http = got.extend({
      prefixUrl: options.baseUrl,
      headers: { authorization: `Bearer ${options.deviceToken}` },
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs },
      responseType: 'json',
    });
  }

  /** GET a JSON body; null on 404 when `nullOn404` (a lookup that found nothing). */
  async get<T>(path: string, what: string, nullOn404: true): Promise<T | null>;
  async get<T>(path: string, what: string, nullOn404?: false): Promise<T>;
  async get<T>(path: string, what: string, nullOn404 = false): Promise<T | null> {
    try {
      return (await this.http.get(path)).body as T;
    } catch (error) {
      if (nullOn404 && error instanceof HTTPError && error.response.statusCode === 404) return null;
      throw toHostError(error, what);
    }
  }

  async post<T>(path: string, json: unknown, what: string): Promise<T> {
    try {
      return (await this.http.post(path, { json })).body as T;
    } catch (error) {
      throw toHostError(error, what);
    }
  }
}

function toHostError(error: unknown, what: string): HostScaleUnitError {
  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    const code = outageStatuses.has(status) ? 'ScaleUnitUnavailable' : 'ScaleUnitRejected';
    return new HostScaleUnitError(code, `${what}: the scale unit answered ${status}`, status, { cause: error });
  }
  if (error instanceof RequestError && error.name === 'ParseError') {
    return new HostScaleUnitError('ScaleUnitBadResponse', `${what}: the scale unit's answer is not JSON`, undefined, { cause: error });
  }
  const code = error instanceof RequestError ? error.code : 'unknown';
  return new HostScaleUnitError('ScaleUnitUnavailable', `${what}: the scale unit is unreachable (${code})`, undefined, { cause: error });
}
