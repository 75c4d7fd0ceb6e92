import { ConnectionStatusType } from '#pos-api';
import type { ConnectionManager } from './ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import type { ScaleUnitClient } from '../scaleUnit/ScaleUnitClient.js';

/**
 * The background probe of the profile's `systemHealthCheckIntervalMs` (0 = off), off the cashier's
 * path. Online and failing: switch now, so no cashier waits on an outage older than the interval.
 * SeamlessOffline and succeeding: the next transaction start may reconnect without waiting for the
 * reconnection interval. It never switches back online by itself: that happens at a transaction boundary.
 */
export class SystemHealthMonitor {
  private controller: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly client: ScaleUnitClient,
    private readonly register: RegisterConfigurationService,
  ) {}

  start(): void {
    if (this.controller) return;
    this.controller = new AbortController();
    this.schedule();
  }

  stop(): void {
    this.controller?.abort();
    this.controller = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One probe (exposed for tests and for the status window's "check now"). */
  async probeOnce(signal?: AbortSignal): Promise<void> {
    const status = this.connection.status;
    if (status === ConnectionStatusType.ManualOffline) return;
    const { switchToOfflineTimeoutMs } = this.register.profile;
    try {
      await this.client.getHealth({ timeoutMs: switchToOfflineTimeoutMs, ...(signal ? { signal } : {}) });
      if (signal?.aborted) return;
      this.connection.markReconnectReady();
    } catch (error) {
      if (signal?.aborted) return;
      this.connection.markUnreachable(`health check failed: ${(error as Error).message}`);
    }
  }

  private schedule(): void {
    const intervalMs = this.register.profile.systemHealthCheckIntervalMs;
    const signal = this.controller?.signal;
    if (!signal || signal.aborted) return;
    // Re-read the interval every round: a profile change at the next sign-in takes effect without a restart.
    this.timer = setTimeout(
      () => {
        const run = intervalMs > 0 ? this.probeOnce(signal) : Promise.resolve();
        void run.finally(() => this.schedule());
      },
      intervalMs > 0 ? intervalMs : 60_000,
    );
    this.timer.unref?.();
  }
}
