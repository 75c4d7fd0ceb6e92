/**
 * An error the host raises while running extension code. The message names the extension and the
 * request type, trigger type or operation, so a cashier-facing 500 still says whose code failed.
 * (A trigger or handler that stops a flow on purpose rejects with the pos-api ExtensionError instead.)
 */
export type ExtensionRuntimeErrorCode =
  /** No extension handler and no host default for the request type. */
  | 'NoHandler'
  /** An extension request handler threw something other than an ExtensionError. */
  | 'HandlerFailed'
  /** A trigger threw something other than an ExtensionError and the flow had to stop. */
  | 'TriggerFailed'
  /** No extension registers the operation id. */
  | 'UnknownOperation'
  /** An operation's request factory or handler threw something other than an ExtensionError. */
  | 'OperationFailed';

const marker = Symbol.for('offline-pos.host.ExtensionRuntimeError');

export class ExtensionRuntimeError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: ExtensionRuntimeErrorCode,
    message: string,
    /** The extension whose code failed, when there is one. */
    readonly extensionName?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ExtensionRuntimeError';
  }

  static is(value: unknown): value is ExtensionRuntimeError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
