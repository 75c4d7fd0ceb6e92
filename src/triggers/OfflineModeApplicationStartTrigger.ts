import { NonCancelableTriggerBase, type IApplicationStartTriggerOptions } from '#pos-api';
import { extensionContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import type { OfflineModeSession } from '../offline/OfflineModeSession.js';

/** Opens the offline database (creating it on first start) and starts publishing the connection status. */
export default class OfflineModeApplicationStartTrigger extends NonCancelableTriggerBase<IApplicationStartTriggerOptions> {
  async execute(): Promise<void> {
    const container = await extensionContainer(this.context);
    await container.get<OfflineModeSession>(TOKENS.OfflineModeSession).start();
  }
}
