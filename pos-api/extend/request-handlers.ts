import type { IExtensionContext } from '../context.js';
import type { ICancelableDataResult, Request, RequestType, Response } from '../framework.js';

/**
 * How the host hands a replacement handler the handler it replaces. `Symbol.for` so the host's
 * copy of this module and the bundle's copy agree on the key.
 */
export const setDefaultHandlerKey = Symbol.for('pos-api.ReplacementRequestHandlerBase.setDefaultHandler');

export type DefaultExecuteAsync<TRequest, TResponse extends Response> = (
  request: TRequest,
) => Promise<ICancelableDataResult<TResponse>>;

/**
 * Base of an override of a host request handler (named `<HostHandler>Ext`). `executeAsync` may
 * call `this.defaultExecuteAsync(request)` to run the host's own handler.
 */
export abstract class ReplacementRequestHandlerBase<TRequest extends Request<TResponse>, TResponse extends Response> {
  private defaultHandler: DefaultExecuteAsync<TRequest, TResponse> | undefined;

  constructor(protected readonly context: IExtensionContext) {}

  abstract supportedRequestType(): RequestType<TRequest>;
  abstract executeAsync(request: TRequest): Promise<ICancelableDataResult<TResponse>>;

  protected defaultExecuteAsync(request: TRequest): Promise<ICancelableDataResult<TResponse>> {
    if (!this.defaultHandler) {
      return Promise.reject(new Error(`${this.constructor.name}: the host has no default handler for ${request.requestTypeName}`));
    }
    return this.defaultHandler(request);
  }

  [setDefaultHandlerKey](handler: DefaultExecuteAsync<TRequest, TResponse>): void {
    this.defaultHandler = handler;
  }
}
