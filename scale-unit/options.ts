import path from 'node:path';
import type { OfflineProfileData } from '#pos-api';

/** Options of {@link startScaleUnit}; every field has a local-use default. */
export interface ScaleUnitOptions {
  /** Device API port; 0 picks a free one. */
  readonly port?: number;
  /** Admin API port (loopback only); 0 picks a free one. */
  readonly adminPort?: number;
  /** Interface the device API binds to. The admin API always binds to 127.0.0.1. */
  readonly host?: string;
  /** Folder holding the channel database file and the package bodies. */
  readonly dataDir?: string;
  /** Demo catalogue size, used only when the channel database is created. */
  readonly products?: number;
  readonly customers?: number;
  /** Seed of the demo data's PRNG: the same seed gives the same catalogue. */
  readonly seed?: number;
  readonly deviceToken?: string;
  readonly adminToken?: string;
  /** Distribution schedule period; 0 turns the timer off (POST /admin/distribution/run still works). */
  readonly distributionIntervalMs?: number;
  readonly bodyLimitBytes?: number;
  /** Fastify's request log (pino). Off by default; its serializers never include headers. */
  readonly logger?: boolean;
}

export type ResolvedScaleUnitOptions = Required<ScaleUnitOptions>;

export const defaultOfflineProfile: OfflineProfileData = Object.freeze({
  switchToOfflineTimeoutMs: 2000,
  reconnectIntervalMs: 30000,
  uploadIntervalMs: 10000,
  downloadIntervalMs: 60000,
  uploadBatchSize: 100,
  retryCountToOffline: 0,
  systemHealthCheckIntervalMs: 10000,
});

export const scaleUnitDefaults: ResolvedScaleUnitOptions = Object.freeze({
  port: 0,
  adminPort: 0,
  host: '127.0.0.1',
  dataDir: path.join('.data', 'scale-unit'),
  products: 5000,
  customers: 50,
  seed: 20240101,
  deviceToken: 'dev-device-token',
  adminToken: 'dev-admin-token',
  distributionIntervalMs: 60000,
  bodyLimitBytes: 5 * 1024 * 1024,
  logger: false,
});

/** Resolves defaults once and fails early with a RangeError naming the bad option. */
export function resolveOptions(options: ScaleUnitOptions = {}): ResolvedScaleUnitOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: ResolvedScaleUnitOptions = { ...scaleUnitDefaults, ...defined };
  for (const name of ['port', 'adminPort'] as const) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new RangeError(`${name} must be a port number 0..65535, got ${value}`);
  }
  for (const name of ['products', 'customers', 'distributionIntervalMs', 'seed'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
  }
  if (!Number.isSafeInteger(resolved.bodyLimitBytes) || resolved.bodyLimitBytes < 1024) {
    throw new RangeError(`bodyLimitBytes must be a whole number >= 1024, got ${resolved.bodyLimitBytes}`);
  }
  for (const name of ['deviceToken', 'adminToken'] as const) {
    if (typeof resolved[name] !== 'string' || resolved[name].length === 0) throw new RangeError(`${name} must be a non-empty string`);
  }
  // Sharing one token would let any register reach the admin side, which the contract forbids.
  if (resolved.deviceToken === resolved.adminToken) throw new RangeError('adminToken must differ from deviceToken');
  return resolved;
}
