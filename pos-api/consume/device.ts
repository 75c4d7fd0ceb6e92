import { Request, Response } from '../framework.js';
import type { ConnectionStatusType } from '../client-entities.js';

export class GetConnectionStatusClientResponse extends Response {
  constructor(public readonly connectionStatus: ConnectionStatusType) {
    super();
  }
}
export class GetConnectionStatusClientRequest extends Request<GetConnectionStatusClientResponse> {}

export class SetConnectionStatusClientResponse extends Response {}
/**
 * Tells the host the register's connection changed. The host records it for the status header
 * and runs every `PostConnectionStatusChange` trigger.
 */
export class SetConnectionStatusClientRequest extends Request<SetConnectionStatusClientResponse> {
  constructor(
    public readonly connectionStatus: ConnectionStatusType,
    public readonly reason: string,
    correlationId?: string,
  ) {
    super(correlationId);
  }
}

export class GetOfflinePendingTransactionCountClientResponse extends Response {
  constructor(public readonly count: number) {
    super();
  }
}
export class GetOfflinePendingTransactionCountClientRequest extends Request<GetOfflinePendingTransactionCountClientResponse> {}

export class ShowConfirmationDialogClientResponse extends Response {
  constructor(public readonly confirmed: boolean) {
    super();
  }
}
/** Asks the cashier to confirm; `confirmed: false` when they decline. */
export class ShowConfirmationDialogClientRequest extends Request<ShowConfirmationDialogClientResponse> {
  constructor(public readonly title: string, public readonly message: string, correlationId?: string) {
    super(correlationId);
  }
}

export class SetOperationButtonLabelClientResponse extends Response {}
/** Sets the label of every screen-layout button that carries `operationId`. */
export class SetOperationButtonLabelClientRequest extends Request<SetOperationButtonLabelClientResponse> {
  constructor(public readonly operationId: number, public readonly label: string) {
    super();
  }
}

export class SetConnectionStatusDetailsClientResponse extends Response {}
/**
 * Publishes the extension's connection status model (the Connection status window's content).
 * The host shows the latest one and forwards every update to the page.
 */
export class SetConnectionStatusDetailsClientRequest extends Request<SetConnectionStatusDetailsClientResponse> {
  constructor(public readonly details: Readonly<Record<string, unknown>>) {
    super();
  }
}
