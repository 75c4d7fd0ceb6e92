import { ExtensionOperationRequestBase } from '#pos-api';
import type SyncDataOperationResponse from './SyncDataOperationResponse.js';

/** The extension's own operation id for "Sync data" (ids above 4000 would be the partner range in real POS; the dev host's layout uses 918). */
export const syncDataOperationId = 918;

/** "Sync data" from the Connection status window: download and upload now. */
export default class SyncDataOperationRequest extends ExtensionOperationRequestBase<SyncDataOperationResponse> {
  constructor(correlationId?: string) {
    super(syncDataOperationId, correlationId);
  }
}
