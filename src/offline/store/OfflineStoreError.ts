/** Symbol.for so that an error built by another copy of this module is still recognised. */
const offlineStoreErrorMarker = Symbol.for('offline-store.OfflineStoreError');

export type OfflineStoreErrorCode =
  /** The file or database is not a readable offline database; it is left untouched. */
  | 'CorruptDatabase'
  /** The database was written by a newer version of the extension; opening it could lose data. */
  | 'SchemaTooNew'
  /** A data package line failed validation; the whole package was rejected. */
  | 'InvalidPackage'
  | 'InvalidArgument'
  /** The store was closed. */
  | 'Closed'
  /** The database server could not be reached or refused the request. */
  | 'Unavailable';

/** The only error type the offline store throws on purpose: `code` is for programs, `message` names the file, line or field. */
export class OfflineStoreError extends Error {
  readonly [offlineStoreErrorMarker] = true;
  readonly code: OfflineStoreErrorCode;

  constructor(code: OfflineStoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OfflineStoreError';
    this.code = code;
  }

  static is(value: unknown, code?: OfflineStoreErrorCode): value is OfflineStoreError {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as Record<symbol, unknown>)[offlineStoreErrorMarker] !== true) return false;
    return code === undefined || (value as OfflineStoreError).code === code;
  }
}

export function invalidArgument(message: string): OfflineStoreError {
  return new OfflineStoreError('InvalidArgument', message);
}

/** Limits like `top`/`limit` are whole, positive and bounded so a bad caller cannot ask for the whole catalogue. */
export function checkCount(name: string, value: number, min: number, max = 10_000): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
