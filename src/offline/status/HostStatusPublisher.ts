import { Subscription, distinctUntilChanged, map, throttleTime, asyncScheduler, type Observable } from 'rxjs';
import {
  RetailOperation,
  SetConnectionStatusClientRequest,
  SetConnectionStatusDetailsClientRequest,
  SetOperationButtonLabelClientRequest,
  type ILogger,
  type IRuntime,
  type Request,
  type Response,
} from '#pos-api';
import type { ConnectionState } from '../connection/ConnectionManager.js';
import { button917Label, type ConnectionStatusModel } from './ConnectionStatusModel.js';

/**
 * Pushes the extension's streams to the host: the connection status (the host fires
 * PostConnectionStatusChange), the 917 button's label, and the status model (throttled to one
 * update per 100 ms, first and last always sent: a package apply reports progress thousands of
 * times, while a pending count must reach the host at once).
 */
export class HostStatusPublisher {
  private subscription: Subscription | null = null;

  constructor(
    private readonly runtime: IRuntime,
    private readonly logger: ILogger,
    private readonly state$: Observable<ConnectionState>,
    private readonly model$: Observable<ConnectionStatusModel>,
  ) {}

  start(): void {
    if (this.subscription) return;
    const sub = new Subscription();
    const status$ = this.state$.pipe(distinctUntilChanged((a, b) => a.status === b.status));
    sub.add(status$.subscribe((s) => this.send(new SetConnectionStatusClientRequest(s.status, s.reason))));
    sub.add(
      status$
        .pipe(
          map((s) => button917Label(s.status)),
          distinctUntilChanged(),
        )
        .subscribe((label) => this.send(new SetOperationButtonLabelClientRequest(RetailOperation.DatabaseConnectionStatus, label))),
    );
    sub.add(
      this.model$
        .pipe(throttleTime(100, asyncScheduler, { leading: true, trailing: true }))
        .subscribe((model) => this.send(new SetConnectionStatusDetailsClientRequest(model as unknown as Record<string, unknown>))),
    );
    this.subscription = sub;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** A host that fails to show a status must never take the stream down with it. */
  private send(request: Request<Response>): void {
    this.runtime.executeAsync(request).catch((error: unknown) => this.logger.logWarning(`Status not published: ${(error as Error).message}`));
  }
}
