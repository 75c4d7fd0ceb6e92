import type { OfflineProfileData } from '#pos-api';

/** The offline profile, validated once; units in the names. */
export type OfflineProfile = Readonly<Required<OfflineProfileData>>;

/** Sensible defaults for fields the scale unit does not send (it may add fields later, never remove). */
export const defaultOfflineProfile: OfflineProfile = {
  switchToOfflineTimeoutMs: 2_000,
  reconnectIntervalMs: 30_000,
  uploadIntervalMs: 10_000,
  downloadIntervalMs: 60_000,
  uploadBatchSize: 100,
  retryCountToOffline: 0,
  systemHealthCheckIntervalMs: 10_000,
};

/** Fields that must be > 0 (a zero timeout would switch every call offline; a zero batch uploads nothing). */
const positiveFields = new Set<keyof OfflineProfile>(['switchToOfflineTimeoutMs', 'reconnectIntervalMs', 'uploadIntervalMs', 'downloadIntervalMs', 'uploadBatchSize']);

/**
 * Resolves what the scale unit served into a complete profile. A wrong value is a RangeError
 * naming the field and the value, so a misconfigured register is fixed at headquarters, not guessed.
 */
export function resolveOfflineProfile(data: unknown): OfflineProfile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new RangeError(`offline profile: expected an object, got ${describe(data)}`);
  }
  const input = data as Record<string, unknown>;
  const resolved: Record<string, number> = {};
  for (const [field, fallback] of Object.entries(defaultOfflineProfile) as [keyof OfflineProfile, number][]) {
    const value = input[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new RangeError(`offline profile: ${field} must be a whole number, got ${describe(value)}`);
    }
    if (value < 0 || (value === 0 && positiveFields.has(field))) {
      throw new RangeError(`offline profile: ${field} must be ${positiveFields.has(field) ? 'greater than 0' : '0 or more'}, got ${value}`);
    }
    resolved[field] = value;
  }
  return Object.freeze(resolved) as OfflineProfile;
}

/** Names the bad value in the message; never throws (JSON can carry objects whose toString is not a function). */
function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
