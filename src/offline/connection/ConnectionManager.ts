import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import { ConnectionStatusType } from '#pos-api';
import type { Clock } from '../../platform/Clock.js';

export interface ConnectionState {
  readonly status: ConnectionStatusType;
  /** When the status last changed (epoch ms). */
  readonly since: number;
  /** Why it last changed, in words for the status window. */
  readonly reason: string;
  /** Last reconnection attempt (epoch ms), or null. */
  readonly lastReconnectAttemptAt: number | null;
  /** Set by a successful background probe while offline: the next transaction start may reconnect at once. */
  readonly reconnectReady: boolean;
}

/**
 * The register's connection state machine (Online | SeamlessOffline | ManualOffline).
 * Online → SeamlessOffline only on connectivity failures (after the profile's retry count);
 * SeamlessOffline → Online only through a reconnection attempt; ManualOffline → Online only through
 * operation 917. State lives in a private subject and goes out as streams.
 */
export class ConnectionManager {
  private readonly state = new BehaviorSubject<ConnectionState>({
    status: ConnectionStatusType.Online,
    since: 0,
    reason: 'started',
    lastReconnectAttemptAt: null,
    reconnectReady: false,
  });
  private consecutiveFailures = 0;

  readonly state$: Observable<ConnectionState> = this.state.asObservable();
  /** Emits on every status change (and the current one on subscribe). */
  readonly status$: Observable<ConnectionStatusType> = this.state$.pipe(
    map((s) => s.status),
    distinctUntilChanged(),
  );

  constructor(private readonly clock: Clock) {
    this.patch({ since: clock.now() });
  }

  get current(): ConnectionState {
    return this.state.value;
  }

  get status(): ConnectionStatusType {
    return this.state.value.status;
  }

  get isOnline(): boolean {
    return this.state.value.status === ConnectionStatusType.Online;
  }

  /** A call reached the scale unit: consecutive failures start over. */
  reportSuccess(): void {
    this.consecutiveFailures = 0;
  }

  /**
   * A call failed for lack of a connection. Returns true when the register is now offline; false
   * when retries remain (the caller tries the scale unit again).
   */
  reportConnectivityFailure(reason: string, retryCountToOffline: number): boolean {
    if (!this.isOnline) return true;
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures <= retryCountToOffline) return false;
    this.transition(ConnectionStatusType.SeamlessOffline, reason);
    return true;
  }

  /**
   * The background probe failed while online: switch now, so the next data request answers offline
   * at once instead of waiting a timeout. (Going back online still waits for a transaction start.)
   */
  markUnreachable(reason: string): void {
    if (this.isOnline) this.transition(ConnectionStatusType.SeamlessOffline, reason);
  }

  /** The background probe succeeded while seamlessly offline: the next transaction start may reconnect. */
  markReconnectReady(): void {
    if (this.status === ConnectionStatusType.SeamlessOffline && !this.state.value.reconnectReady) this.patch({ reconnectReady: true });
  }

  switchToManualOffline(reason: string): void {
    this.transition(ConnectionStatusType.ManualOffline, reason);
  }

  /** Only the reconnection service (after a successful probe) and operation 917 call this. */
  goOnline(reason: string): void {
    this.consecutiveFailures = 0;
    this.transition(ConnectionStatusType.Online, reason);
  }

  recordReconnectAttempt(): void {
    this.patch({ lastReconnectAttemptAt: this.clock.now(), reconnectReady: false });
  }

  /** True when a transaction start should try the scale unit again (never from ManualOffline). */
  isReconnectDue(reconnectIntervalMs: number): boolean {
    const s = this.state.value;
    if (s.status !== ConnectionStatusType.SeamlessOffline) return false;
    if (s.reconnectReady) return true;
    const last = s.lastReconnectAttemptAt ?? s.since;
    return this.clock.now() - last >= reconnectIntervalMs;
  }

  private transition(status: ConnectionStatusType, reason: string): void {
    if (this.state.value.status === status) return;
    this.consecutiveFailures = 0;
    this.patch({ status, reason, since: this.clock.now(), reconnectReady: false });
  }

  private patch(change: Partial<ConnectionState>): void {
    this.state.next({ ...this.state.value, ...change });
  }
}
