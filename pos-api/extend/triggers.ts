import type { IExtensionContext } from '../context.js';
import type { ConnectionStatusType } from '../client-entities.js';
import type { Cart, SalesTransaction } from '../entities.js';

/** Base of a pre-trigger: resolving `{ canceled: true }` stops the flow quietly. */
export abstract class CancelableTriggerBase<TOptions> {
  constructor(protected readonly context: IExtensionContext) {}
  abstract execute(options: TOptions): Promise<{ canceled: boolean }>;
}

/** Base of a post-trigger or notification: it cannot stop the flow. */
export abstract class NonCancelableTriggerBase<TOptions> {
  constructor(protected readonly context: IExtensionContext) {}
  abstract execute(options: TOptions): Promise<void>;
}

export interface IApplicationStartTriggerOptions {}
export interface IApplicationStopTriggerOptions {}
export interface IPostLogOnTriggerOptions {
  readonly operatorId: string;
}
export interface IPostConnectionStatusChangeTriggerOptions {
  readonly connectionStatus: ConnectionStatusType;
  readonly previousConnectionStatus: ConnectionStatusType;
}
export interface IOperationTriggerOptions {
  readonly operationId: number;
}
export interface IBeginTransactionTriggerOptions {}
export interface IPreEndTransactionTriggerOptions {
  readonly cart: Cart;
}
export interface IPostEndTransactionTriggerOptions {
  readonly receipts: readonly SalesTransaction[];
  /** True when the transaction was saved in the offline database instead of the scale unit. */
  readonly savedOffline: boolean;
}
export interface IVoidTransactionTriggerOptions {
  readonly cart: Cart;
}

/** Trigger types the host knows: the manifest's `triggerType` (class name without `Trigger`). */
export const TriggerTypes = {
  ApplicationStart: 'non-cancelable',
  ApplicationStop: 'non-cancelable',
  PostLogOn: 'non-cancelable',
  PostConnectionStatusChange: 'non-cancelable',
  PreOperation: 'cancelable',
  PostOperation: 'non-cancelable',
  OperationFailure: 'non-cancelable',
  BeginTransaction: 'non-cancelable',
  PreEndTransaction: 'cancelable',
  PostEndTransaction: 'non-cancelable',
  PreVoidTransaction: 'cancelable',
  PostVoidTransaction: 'non-cancelable',
} as const;

export type TriggerType = keyof typeof TriggerTypes;
