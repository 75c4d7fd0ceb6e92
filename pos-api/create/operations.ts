import type { IExtensionContext } from '../context.js';
import { Request, type ICancelableDataResult, type RequestType, type Response } from '../framework.js';

/** Base of an extension operation's request: `super(operationId, correlationId)`. */
export abstract class ExtensionOperationRequestBase<TResponse extends Response> extends Request<TResponse> {
  constructor(
    public readonly operationId: number,
    correlationId?: string,
  ) {
    super(correlationId);
  }
}

/** Base of an extension operation's handler. */
export abstract class ExtensionOperationRequestHandlerBase<TResponse extends Response> {
  constructor(protected readonly context: IExtensionContext) {}
  abstract supportedRequestType(): RequestType<ExtensionOperationRequestBase<TResponse>>;
  abstract executeAsync(request: ExtensionOperationRequestBase<TResponse>): Promise<ICancelableDataResult<TResponse>>;
}

/** The request factory a manifest's `operationRequestFactoryPath` default-exports. */
export type ExtensionOperationRequestFactoryFunctionType<TResponse extends Response> = (
  context: IExtensionContext,
  operationId: number,
  actionParameters: string[],
  correlationId: string,
) => Promise<ICancelableDataResult<ExtensionOperationRequestBase<TResponse>>>;
