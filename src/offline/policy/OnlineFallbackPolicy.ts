import { ExtensionError, type DataSource } from '#pos-api';
import type { ConnectionManager } from '../connection/ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import { classifyFailure } from '../scaleUnit/classifyFailure.js';

export interface Answer<T> {
  readonly value: T;
  readonly source: DataSource;
}

export type OnlineCall<T> = (signal: AbortSignal) => Promise<T>;
export type OfflineCall<T> = () => Promise<T>;

/** The error a register without offline support reports when the scale unit cannot be reached. */
export class ScaleUnitUnreachableError extends ExtensionError {
  constructor(what: string, options?: ErrorOptions) {
    super(`${what}: the scale unit cannot be reached and this register does not support offline mode.`, 'ScaleUnitUnreachable', options);
  }
}

/**
 * The one timeout-and-fallback policy every online data call goes through.
 *
 * Online: the call gets the profile's timeout through an AbortSignal (a late reply is dropped, no
 * socket left waiting). A connectivity failure counts toward the retry count; past it the register
 * goes SeamlessOffline and the same call answers from the offline database. Once offline, calls go
 * straight to the offline database: no cashier waits a timeout twice. Answers the scale unit gave
 * (400/401/404...) are errors for the user, never outages.
 */
export class OnlineFallbackPolicy {
  constructor(
    private readonly connection: ConnectionManager,
    private readonly register: RegisterConfigurationService,
  ) {}

  async execute<T>(what: string, online: OnlineCall<T>, offline: OfflineCall<T>, parentSignal?: AbortSignal): Promise<Answer<T>> {
    const register = this.register.current ?? (await this.register.ensureLoaded());
    if (!this.connection.isOnline && register.supportOffline) {
      return { value: await offline(), source: 'offline' };
    }
    for (;;) {
      try {
        const value = await this.callWithTimeout(what, online, register.profile.switchToOfflineTimeoutMs, parentSignal);
        this.connection.reportSuccess();
        return { value, source: 'online' };
      } catch (error) {
        // An answer the handler itself refused (a rejected sale, say) is the cashier's to see, never an outage.
        if (ExtensionError.is(error)) throw error;
        const failure = classifyFailure(error, what, false);
        if (!failure.isConnectivityFailure || parentSignal?.aborted) throw failure;
        if (!register.supportOffline) throw new ScaleUnitUnreachableError(what, { cause: failure });
        const offlineNow = this.connection.reportConnectivityFailure(failure.message, register.profile.retryCountToOffline);
        if (offlineNow) return { value: await offline(), source: 'offline' };
      }
    }
  }

  private async callWithTimeout<T>(what: string, online: OnlineCall<T>, timeoutMs: number, parentSignal?: AbortSignal): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`${what} timed out after ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const onParentAbort = () => controller.abort(parentSignal?.reason);
    parentSignal?.addEventListener('abort', onParentAbort, { once: true });
    try {
      return await online(controller.signal);
    } catch (error) {
      throw ExtensionError.is(error) ? error : classifyFailure(error, what, timedOut);
    } finally {
      clearTimeout(timer);
      parentSignal?.removeEventListener('abort', onParentAbort);
    }
  }
}
