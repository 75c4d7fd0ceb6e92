import { ExtensionOperationRequestBase, RetailOperation } from '#pos-api';
import type DatabaseConnectionStatusOperationResponse from './DatabaseConnectionStatusOperationResponse.js';

/** Operation 917 "Database connection status": Disconnect while online, Connect while offline. */
export default class DatabaseConnectionStatusOperationRequest extends ExtensionOperationRequestBase<DatabaseConnectionStatusOperationResponse> {
  constructor(correlationId?: string) {
    super(RetailOperation.DatabaseConnectionStatus, correlationId);
  }
}
