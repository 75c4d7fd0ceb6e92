import type { ILogger } from '#pos-api';
import type { SystemHealthMonitor } from './connection/SystemHealthMonitor.js';
import type { RegisterConfigurationService } from './profile/RegisterConfigurationService.js';
import type { TransactionNumberService } from './numbers/TransactionNumberService.js';
import type { HostStatusPublisher } from './status/HostStatusPublisher.js';
import type { ConnectionStatusModelService } from './status/ConnectionStatusModelService.js';

/** The part of the sync engine the session drives. */
export interface SyncLifecycle {
  start(): void;
  stop(): Promise<void>;
  /** Re-reads the pending queue and the ledger, so the status is true before sync starts. */
  refresh(): Promise<unknown>;
}

/**
 * The extension's life inside the app: status publishing from application start, offline sync
 * from the first sign-in (Store Commerce starts sync after the first sign-in and runs it only
 * while the app runs), everything stopped when the app closes.
 */
export class OfflineModeSession {
  private syncStarted = false;

  constructor(
    private readonly register: RegisterConfigurationService,
    private readonly numbers: TransactionNumberService,
    private readonly sync: SyncLifecycle,
    private readonly health: SystemHealthMonitor,
    private readonly publisher: HostStatusPublisher,
    private readonly statusModel: ConnectionStatusModelService,
    private readonly logger: ILogger,
  ) {}

  /**
   * Application start: read what the offline database holds (sales still queued after a power cut,
   * the data's age) before the first status goes out, so the first answer is already true.
   */
  async start(): Promise<void> {
    await Promise.all([this.sync.refresh(), this.statusModel.refresh()]);
    this.publisher.start();
  }

  /** Sign-in: fresh configuration and number seed; the first one starts sync and the health probe. */
  async signIn(): Promise<void> {
    try {
      await this.register.reload();
      await this.numbers.refreshSeed();
    } catch (error) {
      // The register still sells (offline) without a fresh configuration; the status says why.
      this.logger.logWarning(`Sign-in without a fresh register configuration: ${(error as Error).message}`);
    }
    if (this.syncStarted) return;
    this.syncStarted = true;
    this.sync.start();
    this.health.start();
  }

  async stop(): Promise<void> {
    this.health.stop();
    await this.sync.stop();
    this.publisher.stop();
  }
}
