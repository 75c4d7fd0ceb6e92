import { timingSafeEqual } from 'node:crypto';
import { Ajv } from 'ajv';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

export interface AppOptions {
  readonly bodyLimitBytes: number;
  readonly logger: boolean;
}

/**
 * Two validators: bodies are checked strictly ("12" is not a number, unknown profile fields are
 * refused) while query strings and path params are text by nature and coerced.
 */
const strict = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: true, removeAdditional: false });
const coercing = new Ajv({ allErrors: false, coerceTypes: true, useDefaults: true, removeAdditional: false });

/** A fastify instance with the scale unit's error shape: `{ error: { code, message } }`, never a stack. */
export function createApp(options: AppOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger, bodyLimit: options.bodyLimitBytes });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (HttpError.is(error)) return sendError(reply, error.statusCode, error.code, error.message, error.field);
    if (error.validation) {
      const first = error.validation[0];
      const params = (first?.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
      const parts = [error.validationContext, ...(first?.instancePath ?? '').split('/').filter(Boolean), params.missingProperty ?? params.additionalProperty];
      const field = parts.filter(Boolean).join('.');
      const problem = params.additionalProperty ? 'is not a known field' : params.missingProperty ? 'is required' : (first?.message ?? 'is invalid');
      return sendError(reply, 400, 'InvalidRequest', `${field} ${problem}`, field);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return sendError(reply, status, codeFor(status), error.message);
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'InternalError', 'the scale unit failed to handle the request');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'NotFound', `no route ${request.method} ${request.url.split('?')[0]}`));
  return app;
}

function codeFor(status: number): string {
  return ({ 400: 'InvalidRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' } as Record<number, string>)[status] ?? 'RequestFailed';
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, field?: string): FastifyReply {
  return reply.code(status).send({ error: { code, message, ...(field ? { field } : {}) } });
}

/** Compares in constant time so response timing does not leak how much of a token was right. */
export function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function unauthorized(reply: FastifyReply): FastifyReply {
  return sendError(reply, 401, 'Unauthorized', 'a valid bearer token is required');
}
