/**
 * Typed failures of offline data sync. The marker property lets guards work across copies of this
 * module (the host and the bundle each have one).
 */
const marker = Symbol.for('offline-pos.SyncError');

export type SyncErrorCode =
  /** The body could not be fetched whole, or its size / sha256 differs from the listing. */
  | 'DownloadFailed'
  /** The body is malformed, does not match its listing, or the offline database refused a row. */
  | 'ApplyFailed'
  /** The package does not follow the last applied one (sequence, or a delta before any full package). */
  | 'OutOfOrder';

export class SyncError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: SyncErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SyncError';
  }

  static is(value: unknown): value is SyncError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** A message for logs and the status window, whatever was thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
