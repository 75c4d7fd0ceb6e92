import { NonCancelableTriggerBase, type IPostLogOnTriggerOptions } from '#pos-api';
import { extensionContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import type { OfflineModeSession } from '../offline/OfflineModeSession.js';

/** The first sign-in starts offline sync; every sign-in refreshes the offline profile. */
export default class OfflineSyncPostLogOnTrigger extends NonCancelableTriggerBase<IPostLogOnTriggerOptions> {
  async execute(): Promise<void> {
    const container = await extensionContainer(this.context);
    await container.get<OfflineModeSession>(TOKENS.OfflineModeSession).signIn();
  }
}
