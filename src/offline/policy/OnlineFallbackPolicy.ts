import { ExtensionError, type DataSource } from '#pos-api';
import type { ConnectionManager } from '../connection/ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import { classifyFailure } from '../scaleUnit/classifyFailure.js';
import type { CallOptions } from '../scaleUnit/ScaleUnitClient.js';

export interface Answer<T> {
  readonly value: T;
  readonly source: DataSource;
}

/** What an online call must honour: give up after `timeoutMs` (dropping a late reply), and on `signal`. */
export type OnlineCallOptions = Required<Pick<CallOptions, 'timeoutMs'>> & Pick<CallOptions, 'signal'>;
export type OnlineCall<T> = (call: OnlineCallOptions) => Promise<T>;
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
 * Online: the call gets the profile's timeout, which the scale unit client hands to got (got drops
 * a late reply and frees the socket; that costs less per call than an AbortController per call).
 * A backstop timer stops waiting on a call that ignores its timeout. A connectivity failure
 * counts toward the retry count; past it the register
 * goes SeamlessOffline and the same call answers from the offline database. Once offline, calls go
 * straight to the offline database: no cashier waits a timeout twice. Answers the scale unit gave
 * (400/401/404...) are errors for the user, never outages.
 */
/** How long past its timeout the policy still waits for a call that should have given up by itself. */
const backstopGraceMs = 100;

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

const offlineAnswer = <T>(value: T): Answer<T> => ({ value, source: 'offline' });

export class OnlineFallbackPolicy {
  constructor(
    private readonly connection: ConnectionManager,
    private readonly register: RegisterConfigurationService,
  ) {}

  execute<T>(what: string, online: OnlineCall<T>, offline: OfflineCall<T>, parentSignal?: AbortSignal): Promise<Answer<T>> {
    // The offline path is every scan of an offline register: no extra async frame, no closure.
    const register = this.register.current;
    if (register && register.supportOffline && !this.connection.isOnline) return offline().then(offlineAnswer);
    return this.executeOnline(what, online, offline, parentSignal);
  }

  private async executeOnline<T>(what: string, online: OnlineCall<T>, offline: OfflineCall<T>, parentSignal?: AbortSignal): Promise<Answer<T>> {
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

  /** One promise settled by whichever comes first, the call or the backstop; the timer is always cleared. */
  private callWithTimeout<T>(what: string, online: OnlineCall<T>, timeoutMs: number, parentSignal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (error: unknown) => reject(ExtensionError.is(error) ? error : classifyFailure(error, what, isTimeout(error)));
      const backstop = setTimeout(() => fail(new DOMException(`${what} timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs + backstopGraceMs);
      let call: Promise<T>;
      try {
        call = online(parentSignal ? { timeoutMs, signal: parentSignal } : { timeoutMs });
      } catch (error) {
        call = Promise.reject(error);
      }
      call.then(
        (value) => {
          clearTimeout(backstop);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(backstop);
          fail(error);
        },
      );
    });
  }
}
