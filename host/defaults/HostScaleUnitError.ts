/**
 * Why a host default handler's call to the scale unit failed. Without the extension there is no
 * offline path, so these reach the cashier: the server maps `httpStatus` onto its answer.
 */
const marker = Symbol.for('offline-pos.host.HostScaleUnitError');

export type HostScaleUnitErrorCode =
  /** No answer in time, refused, reset, or a 502/503/504: the outage the demo shows. */
  | 'ScaleUnitUnavailable'
  /** The scale unit answered with a 4xx/5xx that is not an outage. */
  | 'ScaleUnitRejected'
  /** The answer is not the JSON the contract promises. */
  | 'ScaleUnitBadResponse';

export class HostScaleUnitError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: HostScaleUnitErrorCode,
    message: string,
    /** The scale unit's HTTP status when it answered. */
    readonly upstreamStatus?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HostScaleUnitError';
  }

  /** What the host's JSON API answers for this failure. */
  get httpStatus(): number {
    if (this.code === 'ScaleUnitUnavailable') return 503;
    if (this.code === 'ScaleUnitRejected' && this.upstreamStatus !== undefined && this.upstreamStatus < 500) return 422;
    return 502;
  }

  static is(value: unknown): value is HostScaleUnitError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
