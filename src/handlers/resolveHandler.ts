import type { Container } from 'inversify';
import { ReplacementRequestHandlerBase, type ICancelableDataResult, type IExtensionContext, type Request, type RequestType, type Response } from '#pos-api';
import { extensionContainer, openExtensionContainer } from '../container.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';

type AnyHandler = IClientRequestHandler<Request<Response>, Response>;

/**
 * Resolved handlers per container. Bindings are final once the container is built (partner
 * customizations load in the composition root), so resolving once per token is enough: this is
 * the path of every scan, and a container lookup per call is measurable against a 10 µs offline read.
 */
const resolved = new WeakMap<Container, Map<symbol, AnyHandler>>();

function boundHandler(container: Container, token: symbol): AnyHandler {
  let byToken = resolved.get(container);
  if (!byToken) resolved.set(container, (byToken = new Map()));
  let handler = byToken.get(token);
  if (!handler) byToken.set(token, (handler = container.get<AnyHandler>(token)));
  return handler;
}

/** Runs `request` through the implementation bound to `token` (the override point for partners). */
export async function executeWithBoundHandler<TRequest extends Request<TResponse>, TResponse extends Response>(
  context: IExtensionContext,
  token: symbol,
  request: TRequest,
): Promise<ICancelableDataResult<TResponse>> {
  const container = openExtensionContainer(context) ?? (await extensionContainer(context));
  const handler = boundHandler(container, token) as unknown as IClientRequestHandler<TRequest, TResponse>;
  return handler.executeAsync(request);
}

/**
 * The manifest module of a replaced host request: a `ReplacementRequestHandlerBase` that serves
 * `requestType` with whatever is bound to `token`. Each handler file names it
 * (`export default class XClientRequestHandlerExt extends replacementHandlerFor(...) {}`), so the
 * manifest, the host's logs and Store Commerce's naming all see `<HostHandler>Ext`.
 */
export function replacementHandlerFor<TRequest extends Request<TResponse>, TResponse extends Response>(requestType: RequestType<TRequest>, token: symbol) {
  return class extends ReplacementRequestHandlerBase<TRequest, TResponse> {
    supportedRequestType(): RequestType<TRequest> {
      return requestType;
    }

    executeAsync(request: TRequest): Promise<ICancelableDataResult<TResponse>> {
      return executeWithBoundHandler(this.context, token, request);
    }
  };
}
