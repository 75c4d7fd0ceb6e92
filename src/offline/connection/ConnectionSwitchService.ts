import {
  ConnectionStatusType,
  ExtensionError,
  GetCurrentCartClientRequest,
  ShowConfirmationDialogClientRequest,
  type IRuntime,
} from '#pos-api';
import type { ConnectionManager } from './ConnectionManager.js';
import type { ReconnectionService } from './ReconnectionService.js';
import type { ConnectionStatusModel } from '../status/ConnectionStatusModel.js';
import type { ConnectionStatusModelService } from '../status/ConnectionStatusModelService.js';

export type ToggleOutcome =
  | { readonly canceled: true }
  | { readonly canceled: false; readonly connectionStatus: ConnectionStatusType; readonly message: string; readonly status: ConnectionStatusModel };

export const disconnectConfirmation = {
  title: 'Disconnect from the scale unit?',
  message: 'This register will disconnect from the scale unit and work offline until you press Connect.',
};

/**
 * What operation 917 does. Online: confirm, then ManualOffline. Offline (either kind): one bounded
 * probe, then Online, or stay offline and say why. Never with a cart in progress: the sale would
 * change databases half-way.
 */
export class ConnectionSwitchService {
  constructor(
    private readonly runtime: IRuntime,
    private readonly connection: ConnectionManager,
    private readonly reconnection: ReconnectionService,
    private readonly statusModel: ConnectionStatusModelService,
  ) {}

  async toggle(): Promise<ToggleOutcome> {
    const cart = (await this.runtime.executeAsync(new GetCurrentCartClientRequest())).data?.cart;
    if (cart) {
      throw new ExtensionError('Finish or void the current transaction before changing the connection.', 'CartInProgress');
    }
    let message: string;
    if (this.connection.isOnline) {
      const { title, message: question } = disconnectConfirmation;
      const answer = await this.runtime.executeAsync(new ShowConfirmationDialogClientRequest(title, question));
      if (answer.canceled || !answer.data?.confirmed) return { canceled: true };
      this.connection.switchToManualOffline('Disconnected by the operator (operation 917)');
      message = 'Disconnected: this register works offline until you press Connect.';
    } else {
      const result = await this.reconnection.tryReconnect('Connected by the operator (operation 917)');
      message = result.ok ? 'Connected to the scale unit.' : `Still offline: ${result.error}`;
    }
    return { canceled: false, connectionStatus: this.connection.status, message, status: await this.statusModel.snapshot() };
  }
}
