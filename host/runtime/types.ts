/**
 * The dev host's runtime as the rest of the host sees it (server, cart engine, tests).
 * Implemented by `PosHost` (host/runtime/PosHost.ts) on top of the extension loader.
 */
import type { Observable } from 'rxjs';
import type {
  ConnectionStatusType,
  ICancelableDataResult,
  IExtensionContext,
  Request,
  RequestType,
  Response,
  TriggerType,
} from '#pos-api';

/** A host-side default handler: what runs when no extension replaces the request type. */
export type HostRequestHandler<TRequest extends Request<TResponse>, TResponse extends Response> = (
  request: TRequest,
) => Promise<ICancelableDataResult<TResponse>>;

/** Something the host reports when an extension's trigger or handler throws. */
export interface ExtensionFailure {
  readonly extensionName: string;
  /** Request type name, trigger type, or `operation <id>`. */
  readonly target: string;
  readonly message: string;
}

/** Result of running the triggers of one type. */
export interface TriggerRunResult {
  /** True when the flow must stop: a cancelable trigger canceled, or a trigger stopped it with an error. */
  readonly canceled: boolean;
  /** Set when a trigger rejected with an ExtensionError (the message for the cashier), or when a pre-trigger failed. */
  readonly errorMessage?: string;
  /** Set when the stop came from a trigger bug (a throw that was not an ExtensionError), not a decision. */
  readonly failure?: ExtensionFailure;
}

export interface IPosHost {
  readonly context: IExtensionContext;
  /** Registers the host's own handler for a request type (used when no extension replaces it). */
  registerDefaultHandler<TRequest extends Request<TResponse>, TResponse extends Response>(
    type: RequestType<TRequest>,
    handler: HostRequestHandler<TRequest, TResponse>,
  ): void;
  /** `context.runtime.executeAsync`: the extension's handler when one is registered, else the default. */
  executeAsync<TResponse extends Response>(request: Request<TResponse>): Promise<ICancelableDataResult<TResponse>>;
  /** Runs every trigger of `type` in manifest order; a cancelable one may cancel the flow. */
  runTriggers(type: TriggerType, options: unknown): Promise<TriggerRunResult>;
  /** Runs an operation by id through its request factory and handler (PreOperation/PostOperation around it). */
  executeOperation(operationId: number, actionParameters: string[], options?: OperationCallOptions): Promise<ICancelableDataResult<Response>>;
  /** True when an extension registers `operationId`. */
  hasOperation(operationId: number): boolean;
  /** The connection status the extension last set (Online when none), and why. */
  readonly connectionStatus: ConnectionStatusType;
  /** The `reason` of the last SetConnectionStatusClientRequest ('' when none). */
  readonly connectionStatusReason: string;
  /** When the connection status last changed (ISO 8601; the host's start when never). */
  readonly connectionStatusSince: string;
  /** Labels extensions set on buttons by operation id (`SetOperationButtonLabelClientRequest`). */
  readonly buttonLabels: ReadonlyMap<number, string>;
  /** The latest connection status details an extension published (`SetConnectionStatusDetailsClientRequest`). */
  readonly connectionStatusDetails: Readonly<Record<string, unknown>> | null;
  /** Everything the page should hear about, as it happens. */
  readonly events$: Observable<HostEvent>;
  /** Extension failures the host caught and survived. */
  readonly failures$: Observable<ExtensionFailure>;
  /** Runs ApplicationStart triggers. */
  start(): Promise<void>;
  /** Runs ApplicationStop triggers and releases the extension. */
  stop(): Promise<void>;
}

export interface OperationCallOptions {
  /** The cashier's answer to a confirmation dialog the operation shows (the JSON API's `confirm`). */
  readonly confirm?: boolean;
}

export type HostEvent =
  | {
      readonly type: 'connectionStatus';
      readonly connectionStatus: ConnectionStatusType;
      readonly previousConnectionStatus: ConnectionStatusType;
      readonly reason: string;
      readonly since: string;
    }
  | { readonly type: 'buttonLabel'; readonly operationId: number; readonly label: string }
  | { readonly type: 'connectionStatusDetails'; readonly details: Readonly<Record<string, unknown>> };
