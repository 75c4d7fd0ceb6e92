import { ExtensionError, ExtensionOperationRequestHandlerBase, dataResult, type ICancelableDataResult } from '#pos-api';
import { extensionContainer } from '../../container.js';
import { TOKENS } from '../../tokens.js';
import type { ConnectionManager } from '../../offline/connection/ConnectionManager.js';
import type { RegisterConfigurationService } from '../../offline/profile/RegisterConfigurationService.js';
import type { OfflineSyncEngine } from '../../offline/sync/OfflineSyncEngine.js';
import type { ConnectionStatusModelService } from '../../offline/status/ConnectionStatusModelService.js';
import SyncDataOperationRequest from './SyncDataOperationRequest.js';
import SyncDataOperationResponse from './SyncDataOperationResponse.js';

export default class SyncDataOperationRequestHandler extends ExtensionOperationRequestHandlerBase<SyncDataOperationResponse> {
  supportedRequestType() {
    return SyncDataOperationRequest;
  }

  async executeAsync(): Promise<ICancelableDataResult<SyncDataOperationResponse>> {
    const container = await extensionContainer(this.context);
    // Sync talks to the scale unit: like Store Commerce's sync APIs it is online-only.
    if (!container.get<ConnectionManager>(TOKENS.ConnectionManager).isOnline) {
      throw new ExtensionError('Sync data needs a connection to the scale unit: press Connect first.', 'NotAvailableOffline');
    }
    // "Sync data" also picks up a changed offline profile, as a sign-in does.
    await container.get<RegisterConfigurationService>(TOKENS.RegisterConfigurationService).reload();
    await container.get<OfflineSyncEngine>(TOKENS.OfflineSyncEngine).syncNow();
    const status = await container.get<ConnectionStatusModelService>(TOKENS.ConnectionStatusModelService).snapshot();
    return dataResult(new SyncDataOperationResponse(status));
  }
}
