/**
 * The typed slice of the POS host API that the extension uses and the dev host implements
 * (the `PosApi` modules of Store Commerce). Both sides depend on this folder; it depends on neither.
 */
export { Request, Response, ExtensionError, canceledResult, dataResult } from './framework.js';
export type { ICancelableDataResult, RequestType } from './framework.js';
export { ConnectionStatusType, RetailOperation } from './client-entities.js';
export type * from './entities.js';
export type { IExtensionContext, IRuntime, ILogger, INavigator, DeviceConfiguration, OfflineDatabaseSettings } from './context.js';
export { ExtensionOperationRequestBase, ExtensionOperationRequestHandlerBase } from './create/operations.js';
export type { ExtensionOperationRequestFactoryFunctionType } from './create/operations.js';
export { ExtensionRequestBase, ExtensionRequestHandlerBase } from './create/request-handlers.js';
export { ReplacementRequestHandlerBase, setDefaultHandlerKey } from './extend/request-handlers.js';
export type { DefaultExecuteAsync } from './extend/request-handlers.js';
export { CancelableTriggerBase, NonCancelableTriggerBase, TriggerTypes } from './extend/triggers.js';
export type {
  TriggerType,
  IApplicationStartTriggerOptions,
  IApplicationStopTriggerOptions,
  IPostLogOnTriggerOptions,
  IPostConnectionStatusChangeTriggerOptions,
  IOperationTriggerOptions,
  IBeginTransactionTriggerOptions,
  IPreEndTransactionTriggerOptions,
  IPostEndTransactionTriggerOptions,
  IVoidTransactionTriggerOptions,
} from './extend/triggers.js';
export * from './consume/products.js';
export * from './consume/customers.js';
export * from './consume/transactions.js';
export * from './consume/device.js';
