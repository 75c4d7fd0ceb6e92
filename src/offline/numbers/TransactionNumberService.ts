import type { ILogger } from '#pos-api';
import type { OfflineStore } from '../store/OfflineStore.js';
import type { ScaleUnitClient } from '../scaleUnit/ScaleUnitClient.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';

export interface TransactionNumber {
  /** `{store}-{terminal}-{n}`: the id the scale unit merges on. */
  readonly transactionId: string;
  /** The number printed on the receipt. */
  readonly receiptId: string;
}

const sequenceName = 'transaction';
const seedKey = 'numberSequenceSeed.transaction';

/**
 * Hands out transaction numbers from the register's own durable counter, online or offline, so the
 * two modes can never collide. The counter is seeded from the larger of the scale unit's last used
 * value and the local one: after a reinstall of the offline database numbers keep rising.
 */
export class TransactionNumberService {
  private seed = 0;

  constructor(
    private readonly store: OfflineStore,
    private readonly client: ScaleUnitClient,
    private readonly register: RegisterConfigurationService,
    private readonly logger: ILogger,
  ) {}

  /** Reads the scale unit's last used number (at sign-in and after a reconnect); failures keep the cached seed. */
  async refreshSeed(): Promise<void> {
    const { registerId, profile } = await this.register.ensureLoaded();
    try {
      const seeds = await this.client.getNumberSequences(registerId, { timeoutMs: profile.switchToOfflineTimeoutMs });
      const last = seeds[sequenceName];
      if (typeof last === 'number' && Number.isSafeInteger(last) && last >= 0) {
        this.seed = Math.max(this.seed, last);
        await this.store.setSetting(seedKey, this.seed);
      }
    } catch (error) {
      this.seed = Math.max(this.seed, (await this.store.getSetting<number>(seedKey)) ?? 0);
      this.logger.logWarning(`Number sequence seed not refreshed: ${(error as Error).message}`);
    }
  }

  async next(): Promise<TransactionNumber> {
    const { storeNumber, terminalId } = await this.register.ensureLoaded();
    const n = await this.store.nextNumber(sequenceName, this.seed);
    return {
      transactionId: `${storeNumber}-${terminalId}-${n}`,
      receiptId: `${storeNumber}${terminalId}${String(n).padStart(8, '0')}`,
    };
  }
}
