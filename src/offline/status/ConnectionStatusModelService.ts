import { BehaviorSubject, EMPTY, catchError, combineLatest, distinctUntilChanged, from, map, merge, switchMap, type Observable } from 'rxjs';
import { ConnectionStatusType, type DeviceConfiguration } from '#pos-api';
import type { ConnectionManager, ConnectionState } from '../connection/ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import type { OfflineStore, OfflineStoreDescription } from '../store/OfflineStore.js';
import type { Clock } from '../../platform/Clock.js';
import type { SyncStatus } from '../sync/SyncStatus.js';
import { button917Label, syncStatusText, type ConnectionStatusModel } from './ConnectionStatusModel.js';

/**
 * Builds the connection status model from the connection state, the sync status (which re-reads
 * the upload queue after every pass and every wake, so its pending count is the queue's rows) and
 * the offline database's description (size), re-read on `refresh()`.
 */
export class ConnectionStatusModelService {
  private readonly database = new BehaviorSubject<OfflineStoreDescription | null>(null);
  readonly model$: Observable<ConnectionStatusModel>;

  constructor(
    private readonly device: DeviceConfiguration,
    connection: ConnectionManager,
    register: RegisterConfigurationService,
    private readonly store: OfflineStore,
    syncStatus$: Observable<SyncStatus>,
    private readonly clock: Clock,
  ) {
    // The file grows when a package is applied or a sale is queued: re-read its size then.
    const resized$ = syncStatus$.pipe(
      map((s) => `${s.lastAppliedSequence}|${s.pendingUploads}`),
      distinctUntilChanged(),
      switchMap(() => from(this.store.describe()).pipe(catchError(() => EMPTY))),
    );
    this.model$ = combineLatest([connection.state$, syncStatus$, merge(this.database, resized$), register.current$]).pipe(
      map(([state, sync, database, configured]) => this.build(state, sync, database, configured?.supportOffline ?? true)),
    );
  }

  /** Re-reads the database's size (shown against SQL Server Express's 10 GB limit). */
  async refresh(): Promise<void> {
    this.database.next(await this.store.describe());
  }

  /** The model now, with a fresh database size. */
  async snapshot(): Promise<ConnectionStatusModel> {
    await this.refresh();
    return new Promise((resolve) => {
      const sub = this.model$.subscribe((m) => {
        resolve(m);
        queueMicrotask(() => sub.unsubscribe());
      });
    });
  }

  private build(state: ConnectionState, sync: SyncStatus, database: OfflineStoreDescription | null, offlineConfigured: boolean): ConnectionStatusModel {
    const now = this.clock.now();
    const successes = [sync.download.lastSuccessAt, sync.upload.lastSuccessAt].filter((at) => at !== null).map((at) => Date.parse(at));
    const oldest = sync.oldestPendingAt;
    return {
      connected: state.status === ConnectionStatusType.Online,
      connectionStatus: ConnectionStatusType[state.status] as ConnectionStatusModel['connectionStatus'],
      since: new Date(state.since).toISOString(),
      reason: state.reason,
      scaleUnitUrl: this.device.scaleUnitUrl,
      button917Label: button917Label(state.status),
      offlineConfigured,
      offlineDatabase: database,
      pendingUploads: sync.pendingUploads,
      oldestPendingUploadAt: oldest,
      oldestPendingUploadAgeMs: oldest ? Math.max(0, now - Date.parse(oldest)) : null,
      rejectedUploads: sync.rejectedUploads,
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
