import { dataResult, type ExtensionOperationRequestFactoryFunctionType } from '#pos-api';
import SyncDataOperationRequest from './SyncDataOperationRequest.js';
import type SyncDataOperationResponse from './SyncDataOperationResponse.js';

const getOperationRequest: ExtensionOperationRequestFactoryFunctionType<SyncDataOperationResponse> = async (_context, _operationId, _actionParameters, correlationId) =>
  dataResult(new SyncDataOperationRequest(correlationId));

export default getOperationRequest;
