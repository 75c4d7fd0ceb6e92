import { NonCancelableTriggerBase, type IPostEndTransactionTriggerOptions } from '#pos-api';
import { extensionContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import type { OfflineStore } from '../offline/store/OfflineStore.js';
import type { OfflineSyncEngine } from '../offline/sync/OfflineSyncEngine.js';

/**
 * A sale completed offline must be in the upload queue (the submit handler queued it; enqueuing
 * again is a no-op, and covers a partner's submit override that only saved it), and the uploader
 * is woken to send it as soon as the scale unit answers.
 */
export default class OfflineUploadPostEndTransactionTrigger extends NonCancelableTriggerBase<IPostEndTransactionTriggerOptions> {
  async execute(options: IPostEndTransactionTriggerOptions): Promise<void> {
    if (!options.savedOffline) return;
    const container = await extensionContainer(this.context);
    const store = container.get<OfflineStore>(TOKENS.OfflineStore);
    for (const receipt of options.receipts) await store.enqueueUpload(receipt.transactionId);
    const sync = container.get<OfflineSyncEngine>(TOKENS.OfflineSyncEngine);
    // Count it now, before the receipt is handed over: an upload pass already running (slow, or
    // waiting on a timeout) would otherwise leave the status short of the queue until it ends.
    await sync.refresh();
    sync.wake();
  }
}
