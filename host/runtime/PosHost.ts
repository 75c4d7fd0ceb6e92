/**
 * The dev host's runtime: what Store Commerce does with a loaded extension package. It constructs
 * the package's classes with one IExtensionContext, runs requests through the pipeline (extension
 * handler first, else the host's default), runs triggers and operations, and serves the device
 * requests itself. Extension bugs are reported on `failures$` and never take the host down.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Subject, type Observable } from 'rxjs';
import {
  ExtensionError,
  TriggerTypes,
  canceledResult,
  type DeviceConfiguration,
  type ICancelableDataResult,
  type IExtensionContext,
  type ILogger,
  type Request,
  type RequestType,
  type Response,
  type TriggerType,
} from '#pos-api';
import { ExtensionLoadError } from '../loader/ExtensionLoadError.js';
import type { LoadedExtensionPackage } from '../loader/LoadedExtensionPackage.js';
import { comparePosVersions } from '../loader/posVersion.js';
import { RecordingNavigator, createExtensionContext } from './createExtensionContext.js';
import { DeviceState, type AnyRequestHandler } from './DeviceState.js';
import { ExtensionRegistry } from './ExtensionRegistry.js';
import { ExtensionRuntimeError, type ExtensionRuntimeErrorCode } from './ExtensionRuntimeError.js';
import type { ExtensionFailure, HostEvent, HostRequestHandler, IPosHost, OperationCallOptions, TriggerRunResult } from './types.js';

export interface PosHostOptions {
  /** One package or several; triggers of one type run in package order, then manifest order. */
  readonly packages: LoadedExtensionPackage | readonly LoadedExtensionPackage[];
  readonly deviceConfiguration: DeviceConfiguration;
  /** Becomes `context.logger`; the host logs extension failures to it too. */
  readonly logger: ILogger;
  /** This host's POS version; a package whose minimumPosVersion is newer is refused. */
  readonly hostVersion: string;
  /** Clock for the status timestamps (tests pass a fixed one). */
  readonly now?: () => Date;
}

/** What is in scope while an operation runs (AsyncLocalStorage, so concurrent operations keep their own answer). */
interface OperationScope {
  readonly confirm: boolean | undefined;
}

export class PosHost implements IPosHost {
  readonly context: IExtensionContext;
  readonly navigator = new RecordingNavigator();
  readonly hostVersion: string;
  private readonly logger: ILogger;
  private readonly registry: ExtensionRegistry;
  private readonly device: DeviceState;
  private readonly defaults = new Map<string, AnyRequestHandler>();
  /** Errors a host default threw: passed through an extension unreported (not the extension's bug). */
  private readonly hostErrors = new WeakSet<object>();
  private readonly operationScope = new AsyncLocalStorage<OperationScope>();
  private readonly events = new Subject<HostEvent>();
  private readonly failures = new Subject<ExtensionFailure>();
  private stopped = false;

  readonly events$: Observable<HostEvent> = this.events.asObservable();
  readonly failures$: Observable<ExtensionFailure> = this.failures.asObservable();

  constructor(options: PosHostOptions) {
    const packages = Array.isArray(options.packages) ? options.packages : [options.packages as LoadedExtensionPackage];
    for (const pkg of packages) {
      if (comparePosVersions(pkg.manifest.minimumPosVersion, options.hostVersion) > 0) {
        throw new ExtensionLoadError('PosVersionTooOld', `${pkg.name}: minimumPosVersion ${pkg.manifest.minimumPosVersion} is newer than this host's POS version ${options.hostVersion}`);
      }
    }
    this.hostVersion = options.hostVersion;
    this.logger = options.logger;
    this.context = createExtensionContext({
      // Only executeAsync: extension code gets no handle on the rest of the host.
      runtime: { executeAsync: (request) => this.executeAsync(request) },
      logger: options.logger,
      navigator: this.navigator,
      deviceConfiguration: options.deviceConfiguration,
    });
    this.device = new DeviceState({
      emit: (event) => this.events.next(event),
      onStatusChanged: async (connectionStatus, previousConnectionStatus) => {
        await this.runTriggers('PostConnectionStatusChange', { connectionStatus, previousConnectionStatus });
      },
      confirmAnswer: () => this.operationScope.getStore()?.confirm,
      now: options.now ?? (() => new Date()),
    });
    for (const [name, handler] of this.device.handlers()) {
      this.defaults.set(name, handler);
    }
    this.registry = new ExtensionRegistry(packages, this.context, (name) => (request) => this.executeDefault(name, request));
  }

  get connectionStatus() {
    return this.device.connectionStatus;
  }

  get connectionStatusReason() {
    return this.device.connectionStatusReason;
  }

  get connectionStatusSince() {
    return this.device.connectionStatusSince;
  }

  get buttonLabels(): ReadonlyMap<number, string> {
    return this.device.buttonLabels;
  }

  get connectionStatusDetails() {
    return this.device.connectionStatusDetails;
  }

  /** Replaces any earlier default for the type, built-in device handlers included. */
  registerDefaultHandler<TRequest extends Request<TResponse>, TResponse extends Response>(
    type: RequestType<TRequest>,
    handler: HostRequestHandler<TRequest, TResponse>,
  ): void {
    this.defaults.set(type.name, handler as unknown as AnyRequestHandler);
  }

  async executeAsync<TResponse extends Response>(request: Request<TResponse>): Promise<ICancelableDataResult<TResponse>> {
    const name = request.requestTypeName ?? request.constructor.name;
    const handler = this.registry.handler(name);
    if (!handler) {
      return (await this.executeDefault(name, request)) as ICancelableDataResult<TResponse>;
    }
    return (await this.guard('HandlerFailed', handler.extensionName, name, async () =>
      checkResult(await handler.instance.executeAsync(request)),
    )) as ICancelableDataResult<TResponse>;
  }

  hasOperation(operationId: number): boolean {
    return this.registry.operation(operationId) !== undefined;
  }

  async runTriggers(type: TriggerType, options: unknown): Promise<TriggerRunResult> {
    const cancelable = TriggerTypes[type] === 'cancelable';
    for (const trigger of this.registry.triggers(type)) {
      try {
        const result = await trigger.instance.execute(options);
        if (cancelable && result?.canceled === true) {
          return { canceled: true };
        }
      } catch (error) {
        if (ExtensionError.is(error)) {
          // The extension stopped the flow on purpose, with a message for the cashier.
          return { canceled: true, errorMessage: error.message };
        }
        const failure = this.report(trigger.extensionName, type, error);
        if (cancelable) {
          // A broken pre-trigger cannot vouch for the flow: stop it, saying whose code failed.
          return { canceled: true, errorMessage: `${failure.extensionName}: ${type} trigger failed: ${failure.message}`, failure };
        }
      }
    }
    return { canceled: false };
  }

  executeOperation(operationId: number, actionParameters: string[], options: OperationCallOptions = {}): Promise<ICancelableDataResult<Response>> {
    return this.operationScope.run({ confirm: options.confirm }, () => this.runOperation(operationId, actionParameters));
  }

  async start(): Promise<void> {
    await this.runTriggers('ApplicationStart', {});
  }

  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    await this.runTriggers('ApplicationStop', {});
    this.events.complete();
    this.failures.complete();
  }

  private async runOperation(operationId: number, actionParameters: string[]): Promise<ICancelableDataResult<Response>> {
    const operation = this.registry.operation(operationId);
    if (!operation) {
      throw new ExtensionRuntimeError('UnknownOperation', `Operation ${operationId} is not registered by any extension`);
    }
    const target = `operation ${operationId}`;
    const pre = await this.runTriggers('PreOperation', { operationId });
    if (pre.failure) {
      throw new ExtensionRuntimeError('TriggerFailed', pre.errorMessage ?? pre.failure.message, pre.failure.extensionName);
    }
    if (pre.errorMessage !== undefined) {
      throw new ExtensionError(pre.errorMessage);
    }
    if (pre.canceled) {
      return canceledResult();
    }
    try {
      const correlationId = this.logger.getNewCorrelationId();
      const made = await this.guard('OperationFailed', operation.extensionName, target, async () =>
        checkResult(await operation.factory(this.context, operationId, [...actionParameters], correlationId)),
      );
      if (made.canceled || !made.data) {
        return canceledResult();
      }
      const request = made.data;
      const result = await this.guard('OperationFailed', operation.extensionName, target, async () =>
        checkResult(await operation.handler.instance.executeAsync(request)),
      );
      await this.runTriggers('PostOperation', { operationId });
      return result;
    } catch (error) {
      await this.runTriggers('OperationFailure', { operationId });
      throw error;
    }
  }

  private executeDefault(name: string, request: Request<Response>): Promise<ICancelableDataResult<Response>> {
    const handler = this.defaults.get(name);
    if (!handler) {
      return Promise.reject(new ExtensionRuntimeError('NoHandler', `No handler for ${name}: no extension handles it and the host has no default`));
    }
    return handler(request).catch((error: unknown) => {
      if (typeof error === 'object' && error !== null) {
        this.hostErrors.add(error);
      }
      throw error;
    });
  }

  /**
   * Runs extension code. An ExtensionError, a host default's error and an already reported failure
   * pass through unchanged (a replacement handler may need the original to decide on a fallback);
   * anything else is the extension's bug: reported, then rethrown naming extension and target.
   */
  private async guard<T>(code: ExtensionRuntimeErrorCode, extensionName: string, target: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (ExtensionError.is(error) || ExtensionRuntimeError.is(error) || (typeof error === 'object' && error !== null && this.hostErrors.has(error))) {
        throw error;
      }
      const failure = this.report(extensionName, target, error);
      throw new ExtensionRuntimeError(code, `${extensionName}: ${target} failed: ${failure.message}`, extensionName, { cause: error });
    }
  }

  private report(extensionName: string, target: string, error: unknown): ExtensionFailure {
    const failure = { extensionName, target, message: error instanceof Error ? error.message : String(error) };
    this.logger.logError(`Extension ${extensionName}: ${target} failed: ${failure.message}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
    this.failures.next(failure);
    return failure;
  }
}

/** Handlers and factories must answer `{ canceled, data }`; anything else is reported as their bug. */
function checkResult<T>(result: ICancelableDataResult<T>): ICancelableDataResult<T> {
  if (typeof result !== 'object' || result === null || typeof result.canceled !== 'boolean') {
    throw new TypeError(`answered ${JSON.stringify(result)} instead of { canceled, data }`);
  }
  return result;
}
