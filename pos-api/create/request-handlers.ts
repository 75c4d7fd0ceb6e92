import type { IExtensionContext } from '../context.js';
import { Request, type ICancelableDataResult, type RequestType, type Response } from '../framework.js';

/** Base of a request an extension creates (served by its own `ExtensionRequestHandlerBase`). */
export abstract class ExtensionRequestBase<TResponse extends Response> extends Request<TResponse> {}

/** Base of a handler for a request the extension creates. */
export abstract class ExtensionRequestHandlerBase<TResponse extends Response> {
  constructor(protected readonly context: IExtensionContext) {}
  abstract supportedRequestType(): RequestType<Request<TResponse>>;
  abstract executeAsync(request: Request<TResponse>): Promise<ICancelableDataResult<TResponse>>;
}
