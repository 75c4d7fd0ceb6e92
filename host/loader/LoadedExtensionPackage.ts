/**
 * A package the loader validated and imported: the manifest plus each module's default export,
 * in manifest order. Nothing is constructed yet; the runtime does that with its context.
 */
import type { ICancelableDataResult, IExtensionContext, Request, Response, TriggerType } from '#pos-api';
import type { ExtensionManifest } from './ExtensionManifest.js';

/** What the host needs of a trigger instance (CancelableTriggerBase or NonCancelableTriggerBase). */
export interface TriggerInstance {
  execute(options: unknown): Promise<{ canceled: boolean } | void>;
}

/** What the host needs of any request handler instance (new, replacement or operation). */
export interface RequestHandlerInstance {
  supportedRequestType(): { readonly name: string };
  executeAsync(request: Request<Response>): Promise<ICancelableDataResult<Response>>;
}

export type ExtensionClass<T> = new (context: IExtensionContext) => T;

export type OperationRequestFactory = (
  context: IExtensionContext,
  operationId: number,
  actionParameters: string[],
  correlationId: string,
) => Promise<ICancelableDataResult<Request<Response>>>;

export interface LoadedModule<TExport> {
  /** As the manifest writes it (no extension). */
  readonly modulePath: string;
  /** The absolute file imported. */
  readonly file: string;
  readonly exported: TExport;
}

export interface LoadedTrigger extends LoadedModule<ExtensionClass<TriggerInstance>> {
  readonly triggerType: TriggerType;
  readonly name?: string;
}

export interface LoadedOperation {
  readonly operationId: number;
  readonly factory: LoadedModule<OperationRequestFactory>;
  readonly handler: LoadedModule<ExtensionClass<RequestHandlerInstance>>;
}

export interface LoadedExtensionPackage {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly directory: string;
  readonly manifest: ExtensionManifest;
  readonly triggers: readonly LoadedTrigger[];
  /** `extend.requestHandlers`: overrides of host handlers. */
  readonly replacementRequestHandlers: readonly LoadedModule<ExtensionClass<RequestHandlerInstance>>[];
  /** `create.requestHandlers`: handlers of requests the extension defines. */
  readonly requestHandlers: readonly LoadedModule<ExtensionClass<RequestHandlerInstance>>[];
  readonly operations: readonly LoadedOperation[];
}
