import { CancelableTriggerBase, type IOperationTriggerOptions } from '#pos-api';
import { extensionContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import type { ConnectionManager } from '../offline/connection/ConnectionManager.js';
import type { OfflineOperationAvailability } from '../offline/operations/OfflineOperationAvailability.js';

/** Stops operations that need the scale unit while offline, with a message naming the operation. */
export default class OfflineAvailabilityPreOperationTrigger extends CancelableTriggerBase<IOperationTriggerOptions> {
  async execute(options: IOperationTriggerOptions): Promise<{ canceled: boolean }> {
    const container = await extensionContainer(this.context);
    const online = container.get<ConnectionManager>(TOKENS.ConnectionManager).isOnline;
    container.get<OfflineOperationAvailability>(TOKENS.OfflineOperationAvailability).assertAvailable(options.operationId, online);
    return { canceled: false };
  }
}
