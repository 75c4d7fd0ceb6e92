/**
 * Constructs every trigger, request handler and operation handler of the loaded packages with the
 * host's context, and indexes them the way the runtime looks them up: triggers by type in manifest
 * order, handlers by request type NAME (the bundle has its own copy of every request class, so
 * identity never matches), operations by id.
 */
import { setDefaultHandlerKey, type DefaultExecuteAsync, type IExtensionContext, type Request, type Response, type TriggerType } from '#pos-api';
import { ExtensionLoadError } from '../loader/ExtensionLoadError.js';
import type {
  ExtensionClass,
  LoadedExtensionPackage,
  LoadedModule,
  OperationRequestFactory,
  RequestHandlerInstance,
  TriggerInstance,
} from '../loader/LoadedExtensionPackage.js';

export interface RegisteredTrigger {
  readonly extensionName: string;
  readonly modulePath: string;
  readonly instance: TriggerInstance;
}

export interface RegisteredHandler {
  readonly extensionName: string;
  readonly modulePath: string;
  readonly requestTypeName: string;
  readonly instance: RequestHandlerInstance;
}

export interface RegisteredOperation {
  readonly extensionName: string;
  readonly operationId: number;
  readonly factory: OperationRequestFactory;
  readonly handler: RegisteredHandler;
}

/** How a replacement handler reaches the host's own handler for its request type. */
export type DefaultHandlerLookup = (requestTypeName: string) => DefaultExecuteAsync<Request<Response>, Response>;

type ReplacementInstance = RequestHandlerInstance & {
  [setDefaultHandlerKey]?: (handler: DefaultExecuteAsync<Request<Response>, Response>) => void;
};

export class ExtensionRegistry {
  private readonly triggersByType = new Map<TriggerType, RegisteredTrigger[]>();
  private readonly handlersByName = new Map<string, RegisteredHandler>();
  private readonly operationsById = new Map<number, RegisteredOperation>();

  constructor(packages: readonly LoadedExtensionPackage[], context: IExtensionContext, defaultHandler: DefaultHandlerLookup) {
    for (const pkg of packages) {
      for (const trigger of pkg.triggers) {
        const instance = construct(pkg, trigger, context);
        if (typeof instance.execute !== 'function') {
          throw invalid(pkg, trigger, 'a trigger class with execute(options)');
        }
        const list = this.triggersByType.get(trigger.triggerType) ?? [];
        list.push({ extensionName: pkg.name, modulePath: trigger.modulePath, instance });
        this.triggersByType.set(trigger.triggerType, list);
      }
      for (const module of pkg.replacementRequestHandlers) {
        const handler = this.addHandler(pkg, module, context);
        // Looked up per call, so a host default registered after construction is still found.
        (handler.instance as ReplacementInstance)[setDefaultHandlerKey]?.((request) => defaultHandler(handler.requestTypeName)(request));
      }
      for (const module of pkg.requestHandlers) {
        this.addHandler(pkg, module, context);
      }
      for (const operation of pkg.operations) {
        const existing = this.operationsById.get(operation.operationId);
        if (existing) {
          throw new ExtensionLoadError(
            'HandlerConflict',
            `${pkg.name}: operation ${operation.operationId} is already registered by ${existing.extensionName}`,
          );
        }
        const handler = this.addHandler(pkg, operation.handler, context);
        this.operationsById.set(operation.operationId, {
          extensionName: pkg.name,
          operationId: operation.operationId,
          factory: operation.factory.exported,
          handler,
        });
      }
    }
  }

  triggers(type: TriggerType): readonly RegisteredTrigger[] {
    return this.triggersByType.get(type) ?? [];
  }

  handler(requestTypeName: string): RegisteredHandler | undefined {
    return this.handlersByName.get(requestTypeName);
  }

  operation(operationId: number): RegisteredOperation | undefined {
    return this.operationsById.get(operationId);
  }

  /** Operation handlers are request handlers too: `runtime.executeAsync(new MyOperationRequest())` reaches them. */
  private addHandler(
    pkg: LoadedExtensionPackage,
    module: LoadedModule<ExtensionClass<RequestHandlerInstance>>,
    context: IExtensionContext,
  ): RegisteredHandler {
    const instance = construct(pkg, module, context);
    const requestType = typeof instance.supportedRequestType === 'function' ? instance.supportedRequestType() : undefined;
    if (typeof instance.executeAsync !== 'function' || typeof requestType?.name !== 'string' || requestType.name === '') {
      throw invalid(pkg, module, 'a request handler class whose supportedRequestType() returns a named request class');
    }
    const existing = this.handlersByName.get(requestType.name);
    if (existing) {
      throw new ExtensionLoadError(
        'HandlerConflict',
        `${pkg.name}: ${module.modulePath} handles ${requestType.name}, already handled by ${existing.extensionName} ${existing.modulePath}`,
      );
    }
    const handler = { extensionName: pkg.name, modulePath: module.modulePath, requestTypeName: requestType.name, instance };
    this.handlersByName.set(requestType.name, handler);
    return handler;
  }
}

function construct<T>(pkg: LoadedExtensionPackage, module: LoadedModule<ExtensionClass<T>>, context: IExtensionContext): T {
  try {
    return new module.exported(context);
  } catch (error) {
    throw new ExtensionLoadError(
      'ModuleConstructionFailed',
      `${pkg.name}: constructing ${module.modulePath} failed: ${(error as Error)?.message ?? String(error)}`,
      undefined,
      { cause: error },
    );
  }
}

function invalid(pkg: LoadedExtensionPackage, module: LoadedModule<unknown>, expected: string): ExtensionLoadError {
  return new ExtensionLoadError('ModuleExportInvalid', `${pkg.name}: ${module.modulePath} must default-export ${expected}`);
}
