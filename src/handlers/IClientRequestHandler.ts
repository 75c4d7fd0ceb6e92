import type { ICancelableDataResult, Request, Response } from '#pos-api';

/**
 * What a request handler token resolves to. The manifest module (`<HostHandler>Ext`) is a thin
 * shell the host constructs; the work happens in the implementation bound to the token, so a
 * partner can replace it without touching the manifest.
 */
export interface IClientRequestHandler<TRequest extends Request<TResponse>, TResponse extends Response> {
  executeAsync(request: TRequest): Promise<ICancelableDataResult<TResponse>>;
}
