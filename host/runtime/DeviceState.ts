/**
 * The device requests the host itself serves (Store Commerce's built-in client handlers): connection
 * status, button labels, the connection status window's model, and the confirmation dialog.
 * State lives here; PosHost registers these as default handlers and publishes the events.
 */
import {
  ConnectionStatusType,
  GetConnectionStatusClientRequest,
  GetConnectionStatusClientResponse,
  SetConnectionStatusClientRequest,
  SetConnectionStatusClientResponse,
  SetConnectionStatusDetailsClientRequest,
  SetConnectionStatusDetailsClientResponse,
  SetOperationButtonLabelClientRequest,
  SetOperationButtonLabelClientResponse,
  ShowConfirmationDialogClientRequest,
  ShowConfirmationDialogClientResponse,
  dataResult,
  type Request,
  type RequestType,
  type Response,
} from '#pos-api';
import type { HostEvent, HostRequestHandler } from './types.js';

/** A host handler with its request type erased: how the dispatch table stores them. */
export type AnyRequestHandler = HostRequestHandler<Request<Response>, Response>;

export interface DeviceStateHooks {
  readonly emit: (event: HostEvent) => void;
  /** Runs PostConnectionStatusChange triggers; awaited so the request completes after them. */
  readonly onStatusChanged: (connectionStatus: ConnectionStatusType, previousConnectionStatus: ConnectionStatusType) => Promise<void>;
  /** The cashier's answer to a confirmation dialog in the current operation (undefined outside one). */
  readonly confirmAnswer: () => boolean | undefined;
  readonly now: () => Date;
}

export class DeviceState {
  connectionStatus = ConnectionStatusType.Online;
  connectionStatusReason = '';
  connectionStatusSince: string;
  readonly buttonLabels = new Map<number, string>();
  connectionStatusDetails: Readonly<Record<string, unknown>> | null = null;

  constructor(private readonly hooks: DeviceStateHooks) {
    this.connectionStatusSince = hooks.now().toISOString();
  }

  /** The built-in handlers with the request type name each serves (registered as the host's defaults). */
  handlers(): [string, AnyRequestHandler][] {
    // Each handler is typed by its own request; the table erases that, as dispatch is by name.
    const entry = <TRequest extends Request<TResponse>, TResponse extends Response>(
      type: RequestType<TRequest>,
      handler: HostRequestHandler<TRequest, TResponse>,
    ): [string, AnyRequestHandler] => [type.name, handler as unknown as AnyRequestHandler];
    return [
      entry(GetConnectionStatusClientRequest, async () => dataResult(new GetConnectionStatusClientResponse(this.connectionStatus))),
      entry(SetConnectionStatusClientRequest, (request: SetConnectionStatusClientRequest) => this.setConnectionStatus(request)),
      entry(SetOperationButtonLabelClientRequest, async (request: SetOperationButtonLabelClientRequest) => {
        this.buttonLabels.set(request.operationId, request.label);
        this.hooks.emit({ type: 'buttonLabel', operationId: request.operationId, label: request.label });
        return dataResult(new SetOperationButtonLabelClientResponse());
      }),
      entry(SetConnectionStatusDetailsClientRequest, async (request: SetConnectionStatusDetailsClientRequest) => {
        this.connectionStatusDetails = request.details;
        this.hooks.emit({ type: 'connectionStatusDetails', details: request.details });
        return dataResult(new SetConnectionStatusDetailsClientResponse());
      }),
      // The dev host has no dialog: the operation's caller answers up front (`confirm`), and
      // outside an operation nobody is there to confirm, so the answer is no.
      entry(ShowConfirmationDialogClientRequest, async () =>
        dataResult(new ShowConfirmationDialogClientResponse(this.hooks.confirmAnswer() === true)),
      ),
    ];
  }

  private async setConnectionStatus(request: SetConnectionStatusClientRequest) {
    const previous = this.connectionStatus;
    const changed = request.connectionStatus !== previous;
    this.connectionStatus = request.connectionStatus;
    this.connectionStatusReason = request.reason;
    if (changed) {
      this.connectionStatusSince = this.hooks.now().toISOString();
    }
    this.hooks.emit({
      type: 'connectionStatus',
      connectionStatus: request.connectionStatus,
      previousConnectionStatus: previous,
      reason: request.reason,
      since: this.connectionStatusSince,
    });
    if (changed) {
      await this.hooks.onStatusChanged(request.connectionStatus, previous);
    }
    return dataResult(new SetConnectionStatusClientResponse());
  }
}
