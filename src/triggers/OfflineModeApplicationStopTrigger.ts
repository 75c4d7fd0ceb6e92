import { NonCancelableTriggerBase, type IApplicationStopTriggerOptions } from '#pos-api';
import { disposeExtensionContainer } from '../container.js';

/** Sync runs only while the app runs: stop it, then close the offline database. */
export default class OfflineModeApplicationStopTrigger extends NonCancelableTriggerBase<IApplicationStopTriggerOptions> {
  execute(): Promise<void> {
    return disposeExtensionContainer(this.context);
  }
}
