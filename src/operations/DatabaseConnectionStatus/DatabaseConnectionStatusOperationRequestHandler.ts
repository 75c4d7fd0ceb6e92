import {
  ExtensionOperationRequestHandlerBase,
  canceledResult,
  dataResult,
  type ICancelableDataResult,
} from '#pos-api';
import { extensionContainer } from '../../container.js';
import { TOKENS } from '../../tokens.js';
import type { ConnectionSwitchService } from '../../offline/connection/ConnectionSwitchService.js';
import DatabaseConnectionStatusOperationRequest from './DatabaseConnectionStatusOperationRequest.js';
import DatabaseConnectionStatusOperationResponse from './DatabaseConnectionStatusOperationResponse.js';

export default class DatabaseConnectionStatusOperationRequestHandler extends ExtensionOperationRequestHandlerBase<DatabaseConnectionStatusOperationResponse> {
  supportedRequestType() {
    return DatabaseConnectionStatusOperationRequest;
  }

  async executeAsync(): Promise<ICancelableDataResult<DatabaseConnectionStatusOperationResponse>> {
    const container = await extensionContainer(this.context);
    const outcome = await container.get<ConnectionSwitchService>(TOKENS.ConnectionSwitchService).toggle();
    if (outcome.canceled) return canceledResult();
    return dataResult(new DatabaseConnectionStatusOperationResponse(outcome.connectionStatus, outcome.message, outcome.status));
  }
}
