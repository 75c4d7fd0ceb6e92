import { dataResult, type ExtensionOperationRequestFactoryFunctionType } from '#pos-api';
import DatabaseConnectionStatusOperationRequest from './DatabaseConnectionStatusOperationRequest.js';
import type DatabaseConnectionStatusOperationResponse from './DatabaseConnectionStatusOperationResponse.js';

/** 917 takes no action parameters: the button toggles the connection. */
const getOperationRequest: ExtensionOperationRequestFactoryFunctionType<DatabaseConnectionStatusOperationResponse> = async (
  _context,
  _operationId,
  _actionParameters,
  correlationId,
) => dataResult(new DatabaseConnectionStatusOperationRequest(correlationId));

export default getOperationRequest;
