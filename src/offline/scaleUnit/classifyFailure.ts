import { ScaleUnitError } from './errors.js';

/** Network error codes that mean "no usable connection", never "the server said no". */
const connectivityCodes = new Set([
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'ERR_ABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

/** Gateway answers that mean the scale unit behind it is unavailable. */
const unavailableStatuses = new Set([502, 503, 504]);

/**
 * Turns whatever got (or the abort machinery) threw into a ScaleUnitError, so every caller
 * decides "outage or answer" the same way.
 */
export function classifyFailure(error: unknown, what: string, timedOut: boolean): ScaleUnitError {
  if (ScaleUnitError.is(error)) return error;
  if (timedOut) {
    return new ScaleUnitError('Unreachable', `${what}: no answer from the scale unit in time`, undefined, { cause: error });
  }
  const e = error as { code?: string; name?: string; message?: string; response?: { statusCode?: number } };
  const statusCode = e?.response?.statusCode;
  // got's ParseError carries the (2xx) response too: check it before the status code.
  if (e?.name === 'ParseError') {
    return new ScaleUnitError('BadResponse', `${what}: the scale unit's answer is not valid JSON`, statusCode, { cause: error });
  }
  if (statusCode !== undefined) {
    const code = unavailableStatuses.has(statusCode) ? 'Unreachable' : 'Rejected';
    return new ScaleUnitError(code, `${what}: the scale unit answered ${statusCode}`, statusCode, { cause: error });
  }
  if ((e?.code && connectivityCodes.has(e.code)) || e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return new ScaleUnitError('Unreachable', `${what}: ${e.code ?? e.name}`, undefined, { cause: error });
  }
  // Unknown request errors (a socket error without a code, say) are treated as outages: the safe
  // side for a register is to keep selling offline, never to show a crash.
  return new ScaleUnitError('Unreachable', `${what}: ${e?.message ?? String(error)}`, undefined, { cause: error });
}
