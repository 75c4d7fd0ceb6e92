const marker = Symbol.for('offline-pos.scale-unit.HttpError');

/**
 * An error the scale unit answers with its own status and code. Anything else becomes a 500
 * with a generic message, so a stack trace never reaches a client.
 */
export class HttpError extends Error {
  readonly [marker] = true;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The request field at fault (`body.transactions`), for 400s. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  static invalid(field: string, message: string): HttpError {
    return new HttpError(400, 'InvalidRequest', `${field}: ${message}`, field);
  }

  static notFound(what: string): HttpError {
    return new HttpError(404, 'NotFound', `${what} not found`);
  }

  static is(value: unknown): value is HttpError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** The value, or a 404 naming what was looked for. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw HttpError.notFound(what);
  return value;
}
