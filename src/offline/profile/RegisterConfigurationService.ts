import { BehaviorSubject, type Observable } from 'rxjs';
import { ExtensionError, type DeviceConfiguration, type ILogger, type RegisterConfiguration } from '#pos-api';
import type { OfflineStore } from '../store/OfflineStore.js';
import type { ScaleUnitClient } from '../scaleUnit/ScaleUnitClient.js';
import { ScaleUnitError } from '../scaleUnit/errors.js';
import type { Clock } from '../../platform/Clock.js';
import { defaultOfflineProfile, resolveOfflineProfile, type OfflineProfile } from './OfflineProfile.js';

/** The register's configuration, validated once. */
export interface ResolvedRegister {
  readonly registerId: string;
  readonly storeNumber: string;
  readonly terminalId: string;
  readonly supportOffline: boolean;
  readonly profile: OfflineProfile;
}

const cacheKey = 'registerConfiguration';
const offsetKey = 'serverTimeOffsetMs';

/**
 * Reads the register's configuration and offline profile from the scale unit at sign-in and caches
 * it in the offline database, so a register that starts without a connection still knows its
 * profile, store and terminal.
 */
export class RegisterConfigurationService {
  private readonly loaded = new BehaviorSubject<ResolvedRegister | null>(null);
  /** The configuration each time it is (re)loaded; null until the first load. */
  readonly current$: Observable<ResolvedRegister | null> = this.loaded.asObservable();
  private loading: Promise<ResolvedRegister> | null = null;
  private offsetMs = 0;

  constructor(
    private readonly device: DeviceConfiguration,
    private readonly client: ScaleUnitClient,
    private readonly store: OfflineStore,
    private readonly clock: Clock,
    private readonly logger: ILogger,
  ) {}

  /** The configuration once loaded, else null. */
  get current(): ResolvedRegister | null {
    return this.loaded.value;
  }

  /** The profile in force: the loaded one, else the defaults (used only before the first load). */
  get profile(): OfflineProfile {
    return this.loaded.value?.profile ?? defaultOfflineProfile;
  }

  /** Last known server time minus local time (ms): stamped on offline sales. */
  get serverTimeOffsetMs(): number {
    return this.offsetMs;
  }

  /** Loads once; concurrent callers share one load. */
  ensureLoaded(): Promise<ResolvedRegister> {
    const current = this.loaded.value;
    if (current) return Promise.resolve(current);
    return this.reload();
  }

  /** Asks the scale unit again (sign-in, sync); falls back to the cached copy when it cannot be reached. */
  reload(): Promise<ResolvedRegister> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<ResolvedRegister> {
    const timeoutMs = this.profile.switchToOfflineTimeoutMs;
    try {
      const [config, health] = await Promise.all([
        this.client.getRegister(this.device.registerId, { timeoutMs }),
        this.client.getHealth({ timeoutMs }),
      ]);
      const resolved = resolveRegister(config);
      this.offsetMs = Date.parse(health.serverTime) - this.clock.now();
      await this.store.setSetting(cacheKey, config);
      await this.store.setSetting(offsetKey, this.offsetMs);
      this.loaded.next(resolved);
      return resolved;
    } catch (error) {
      if (!ScaleUnitError.is(error) || !error.isConnectivityFailure) throw error;
      const cached = await this.store.getSetting<RegisterConfiguration>(cacheKey);
      if (!cached) {
        throw new ExtensionError(
          `Register ${this.device.registerId} has never reached the scale unit, so it has no offline profile yet: connect it once.`,
          'RegisterNotConfigured',
          { cause: error },
        );
      }
      this.logger.logWarning(`Using the cached configuration of register ${this.device.registerId}: ${error.message}`);
      const resolved = resolveRegister(cached);
      this.offsetMs = (await this.store.getSetting<number>(offsetKey)) ?? 0;
      this.loaded.next(resolved);
      return resolved;
    }
  }
}

function resolveRegister(config: RegisterConfiguration): ResolvedRegister {
  for (const field of ['registerId', 'storeNumber', 'terminalId'] as const) {
    if (typeof config?.[field] !== 'string' || config[field] === '') throw new RangeError(`register configuration: ${field} must be a non-empty string`);
  }
  if (typeof config.supportOffline !== 'boolean') throw new RangeError('register configuration: supportOffline must be true or false');
  return Object.freeze({
    registerId: config.registerId,
    storeNumber: config.storeNumber,
    terminalId: config.terminalId,
    supportOffline: config.supportOffline,
    profile: resolveOfflineProfile(config.offlineProfile),
  });
}
