import type { FastifyInstance } from 'fastify';
import { ExtensionError } from '#pos-api';
import { CartError } from '../cart/index.js';
import { HostScaleUnitError } from '../defaults/index.js';
import { ExtensionRuntimeError } from '../runtime/index.js';
import { HttpError } from './HttpError.js';

export interface ErrorReply {
  readonly statusCode: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string } };
}

const runtimeStatus: Record<string, number> = { UnknownOperation: 404, NoHandler: 501 };

/**
 * Maps anything a route throws onto `{ error: { code, message } }` and a status. Messages are
 * meant for the cashier (the extension writes them for people); a stack is never sent.
 */
export function toErrorReply(error: unknown): ErrorReply {
  const reply = (statusCode: number, code: string, message: string): ErrorReply => ({ statusCode, body: { error: { code, message } } });
  if (error instanceof HttpError) return reply(error.statusCode, error.code, error.message);
  if (CartError.is(error)) return reply(error.httpStatus, error.code, error.message);
  // The extension stopped the flow on purpose: the cashier reads its message and can act on it.
  if (ExtensionError.is(error)) return reply(422, error.code, error.message);
  if (HostScaleUnitError.is(error)) return reply(error.httpStatus, error.code, error.message);
  if (ExtensionRuntimeError.is(error)) return reply(runtimeStatus[error.code] ?? 500, error.code, error.message);
  const fastifyError = error as { validation?: unknown; statusCode?: number; code?: string; message?: string };
  if (fastifyError.validation) return reply(400, 'BadRequest', fastifyError.message ?? 'Bad request');
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply(fastifyError.statusCode, fastifyError.code ?? 'BadRequest', fastifyError.message ?? 'Bad request');
  }
  return reply(500, 'InternalError', error instanceof Error ? error.message : 'Internal error');
}

/** Every error and every unknown route answers the one error shape. */
export function installErrorReplies(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = toErrorReply(error);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NotFound', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
