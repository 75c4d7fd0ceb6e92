/**
 * Typed errors of the scale unit client. The marker property lets guards work across copies
 * of this module (the host and the bundle each have one).
 */
const marker = Symbol.for('offline-pos.ScaleUnitError');

export type ScaleUnitErrorCode =
  /** No answer in time, refused, reset, DNS, 502/503/504: the scale unit is unreachable. */
  | 'Unreachable'
  /** 400/401/403/404/413...: the scale unit answered and said no. Shown to the user, never an outage. */
  | 'Rejected'
  /** An answer that breaks the contract (HTML, wrong JSON shape). */
  | 'BadResponse';

export class ScaleUnitError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: ScaleUnitErrorCode,
    message: string,
    /** HTTP status when the scale unit answered. */
    readonly statusCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ScaleUnitError';
  }

  /** A connectivity failure: the kind that switches a register offline. */
  get isConnectivityFailure(): boolean {
    return this.code === 'Unreachable';
  }

  static is(value: unknown): value is ScaleUnitError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
