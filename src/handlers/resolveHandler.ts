import type { ICancelableDataResult, IExtensionContext, Request, Response } from '#pos-api';
import { extensionContainer } from '../container.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';

/** Runs `request` through the implementation bound to `token` (the override point for partners). */
export async function executeWithBoundHandler<TRequest extends Request<TResponse>, TResponse extends Response>(
  context: IExtensionContext,
  token: symbol,
  request: TRequest,
): Promise<ICancelableDataResult<TResponse>> {
  const container = await extensionContainer(context);
  return container.get<IClientRequestHandler<TRequest, TResponse>>(token).executeAsync(request);
}
