/**
 * The host framework types every request, handler and trigger shares (PosApi/Create and
 * PosApi/Framework in Store Commerce).
 *
 * The dev host and the extension bundle each carry their own copy of this module (the bundle is
 * built apart from the host), so nothing here may depend on object identity across the two:
 * requests are matched by their type name and errors are recognised by a marker property.
 */

/** What every request and operation answers: data, or a cancel (cancel is a result, not an exception). */
export interface ICancelableDataResult<TData> {
  readonly canceled: boolean;
  readonly data: TData | null;
}

export const canceledResult = <TData>(): ICancelableDataResult<TData> => ({ canceled: true, data: null });
export const dataResult = <TData>(data: TData): ICancelableDataResult<TData> => ({ canceled: false, data });

/** Base of every response. */
export abstract class Response {}

/** Base of every request that goes through `context.runtime.executeAsync`. */
export abstract class Request<TResponse extends Response> {
  /** Phantom field so TypeScript keeps TResponse; never set. */
  declare readonly __response?: TResponse;
  constructor(public readonly correlationId?: string) {}

  /** The name handlers are matched on; survives bundling because the build keeps class names. */
  get requestTypeName(): string {
    return this.constructor.name;
  }
}

/** A request type as a value: what `supportedRequestType()` returns. */
export type RequestType<TRequest> = abstract new (...args: never[]) => TRequest;

const extensionErrorMarker = Symbol.for('pos-api.ExtensionError');

/**
 * The error an extension throws to stop a flow with a message for the cashier
 * (`new ExtensionError(localizedMessage)`). `code` is for programs, `message` for people.
 */
export class ExtensionError extends Error {
  readonly [extensionErrorMarker] = true;
  readonly code: string;

  constructor(message: string, code = 'ExtensionError', options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExtensionError';
    this.code = code;
  }

  /** True for any ExtensionError, including ones built by another copy of this module. */
  static is(value: unknown): value is ExtensionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[extensionErrorMarker] === true;
  }
}
