import got, { HTTPError, type Got } from 'got';
import { HttpError } from './HttpError.js';

export const demoFaultModes = ['none', 'refuse', 'blackhole', 'latency', 'error503', 'drop-reply'] as const;
export type DemoFaultMode = (typeof demoFaultModes)[number];

/**
 * The demo panel's fault switch: forwards to the scale unit's admin API (POST /admin/faults),
 * which listens on its own port so a fault on the device port never cuts this path off.
 */
export class DemoFaults {
  private readonly http: Got;
  private current: { mode: DemoFaultMode; latencyMs?: number } = { mode: 'none' };

  constructor(adminUrl: string, adminToken: string) {
    this.http = got.extend({
      prefixUrl: adminUrl,
      headers: { authorization: `Bearer ${adminToken}` },
      retry: { limit: 0 },
      timeout: { request: 5000 },
      responseType: 'json',
    });
  }

  /** The last mode set through this host (the scale unit may have been changed elsewhere). */
  get lastSet(): { mode: DemoFaultMode; latencyMs?: number } {
    return this.current;
  }

  async set(mode: DemoFaultMode, latencyMs?: number): Promise<unknown> {
    const json = latencyMs === undefined ? { mode } : { mode, latencyMs };
    try {
      const answer = (await this.http.post('admin/faults', { json })).body;
      this.current = json;
      return answer;
    } catch (error) {
      if (error instanceof HTTPError) {
        throw new HttpError(error.response.statusCode >= 500 ? 502 : 400, 'FaultNotSet', `The scale unit admin API answered ${error.response.statusCode}`);
      }
      throw new HttpError(502, 'AdminUnreachable', `The scale unit admin API is unreachable (${(error as { code?: string }).code ?? 'error'})`);
    }
  }
}
