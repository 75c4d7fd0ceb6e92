import { Response, type ConnectionStatusType } from '#pos-api';
import type { ConnectionStatusModel } from '../../offline/status/ConnectionStatusModel.js';

export default class DatabaseConnectionStatusOperationResponse extends Response {
  constructor(
    public readonly connectionStatus: ConnectionStatusType,
    /** What happened, for the cashier ("Disconnected", or why connecting failed). */
    public readonly message: string,
    /** The Connection status window's content after the switch. */
    public readonly status: ConnectionStatusModel,
  ) {
    super();
  }
}
