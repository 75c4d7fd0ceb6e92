import { BehaviorSubject, combineLatest, map, type Observable } from 'rxjs';
import { ConnectionStatusType, type DeviceConfiguration } from '#pos-api';
import type { ConnectionManager, ConnectionState } from '../connection/ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import type { OfflineStore, OfflineStoreDescription, PendingUploadSummary } from '../store/OfflineStore.js';
import type { Clock } from '../../platform/Clock.js';
import type { SyncStatus } from '../sync/SyncStatus.js';
import { button917Label, syncStatusText, type ConnectionStatusModel } from './ConnectionStatusModel.js';

interface StoreFacts {
  readonly pending: PendingUploadSummary;
  readonly database: OfflineStoreDescription | null;
}

const noFacts: StoreFacts = { pending: { count: 0, oldestEnqueuedAt: null, rejected: 0 }, database: null };

/**
 * Builds the connection status model from the connection state, the sync status and what the
 * offline database holds. The database facts are re-read on `refresh()` (after a sale saved
 * offline, after every sync pass) so the pending count always equals the queue's rows.
 */
export class ConnectionStatusModelService {
  private readonly facts = new BehaviorSubject<StoreFacts>(noFacts);
  readonly model$: Observable<ConnectionStatusModel>;

  constructor(
    private readonly device: DeviceConfiguration,
    private readonly connection: ConnectionManager,
    private readonly register: RegisterConfigurationService,
    private readonly store: OfflineStore,
    syncStatus$: Observable<SyncStatus>,
    private readonly clock: Clock,
  ) {
    this.model$ = combineLatest([connection.state$, syncStatus$, this.facts]).pipe(map(([state, sync, facts]) => this.build(state, sync, facts)));
  }

  /** Re-reads the pending queue and the database size. */
  async refresh(): Promise<void> {
    const [pending, database] = await Promise.all([this.store.getPendingUploadSummary(), this.store.describe()]);
    this.facts.next({ pending, database });
  }

  /** The model now, with fresh database facts. */
  async snapshot(): Promise<ConnectionStatusModel> {
    await this.refresh();
    return new Promise((resolve) => {
      const sub = this.model$.subscribe((m) => {
        resolve(m);
        queueMicrotask(() => sub.unsubscribe());
      });
    });
  }

  private build(state: ConnectionState, sync: SyncStatus, facts: StoreFacts): ConnectionStatusModel {
    const now = this.clock.now();
    const offlineConfigured = this.register.current?.supportOffline ?? true;
    const successes = [sync.download.lastSuccessAt, sync.upload.lastSuccessAt].filter((at) => at !== null).map((at) => Date.parse(at));
    const oldest = facts.pending.oldestEnqueuedAt;
    return {
      connected: state.status === ConnectionStatusType.Online,
      connectionStatus: ConnectionStatusType[state.status] as ConnectionStatusModel['connectionStatus'],
      since: new Date(state.since).toISOString(),
      reason: state.reason,
      scaleUnitUrl: this.device.scaleUnitUrl,
      button917Label: button917Label(state.status),
      offlineConfigured,
      offlineDatabase: facts.database,
      pendingUploads: facts.pending.count,
      oldestPendingUploadAt: oldest,
      oldestPendingUploadAgeMs: oldest ? Math.max(0, now - Date.parse(oldest)) : null,
      rejectedUploads: facts.pending.rejected,
      pendingDownloads: sync.pendingDownloads,
      lastSync: { download: sync.download.lastAttempt, upload: sync.upload.lastAttempt },
      offlineDataAsOf: sync.lastAppliedAt,
      syncState: sync.state,
      syncStatusText: syncStatusText({ offlineConfigured, state: sync.state, lastSuccessAt: successes.length ? Math.max(...successes) : null, now }),
      downloadJobs: sync.downloadJobs,
      uploadJobs: sync.uploadJobs,
      downloadProgress: sync.progress,
      suspendedPackage: sync.suspended,
    };
  }
}
