import { NonCancelableTriggerBase, type IBeginTransactionTriggerOptions } from '#pos-api';
import { extensionContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import type { ConnectionManager } from '../offline/connection/ConnectionManager.js';
import type { ReconnectionService } from '../offline/connection/ReconnectionService.js';
import type { RegisterConfigurationService } from '../offline/profile/RegisterConfigurationService.js';

/**
 * The beginning of a transaction is where a seamlessly-offline register tries the scale unit again:
 * once the reconnection interval has passed (or the health probe saw it back), one probe bounded by
 * the timeout. Going Online wakes the uploader. ManualOffline never reconnects here.
 */
export default class ReconnectBeginTransactionTrigger extends NonCancelableTriggerBase<IBeginTransactionTriggerOptions> {
  async execute(): Promise<void> {
    const container = await extensionContainer(this.context);
    const connection = container.get<ConnectionManager>(TOKENS.ConnectionManager);
    const { reconnectIntervalMs } = container.get<RegisterConfigurationService>(TOKENS.RegisterConfigurationService).profile;
    if (!connection.isReconnectDue(reconnectIntervalMs)) return;
    await container.get<ReconnectionService>(TOKENS.ReconnectionService).tryReconnect('Reconnected at the beginning of a transaction');
  }
}
