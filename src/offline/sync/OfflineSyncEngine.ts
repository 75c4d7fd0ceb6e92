import { BehaviorSubject, Subscription, distinctUntilChanged, pairwise, startWith, type Observable } from 'rxjs';
import { ConnectionStatusType, type ILogger } from '#pos-api';
import type { OfflineStore } from '../store/OfflineStore.js';
import type { Clock } from '../../platform/Clock.js';
import type { DataPackageDownloader } from './DataPackageDownloader.js';
import type { OfflineTransactionUploader } from './OfflineTransactionUploader.js';
import { PeriodicTask } from './PeriodicTask.js';
import { afterPass, initialSyncStatus, type SyncAttempt, type SyncStatus } from './SyncStatus.js';
import { describeError } from './errors.js';
import type { SyncConnection, SyncJob, SyncProfileSource } from './ports.js';

export interface OfflineSyncEngineOptions {
  /** After failures the wait doubles from the interval up to this many intervals (default 5). */
  readonly backoffCapFactor?: number;
  /** Delay of the first passes after start() (default 0: sync starts at sign-in). */
  readonly firstRunDelayMs?: number;
  /** Jobs kept per tab (default 20). */
  readonly jobHistory?: number;
}

type Downloader = Pick<DataPackageDownloader, 'runOnce' | 'retrySuspended' | 'cancelSuspended' | 'progress$' | 'jobs$'>;
type Uploader = Pick<OfflineTransactionUploader, 'drain' | 'jobs$'>;

/**
 * Offline data sync while the app runs: downloads data packages and uploads offline sales at the
 * profile's intervals, at once after a sale or a reconnect, and on "Sync data". Publishes one status
 * stream for the status window. A failing pass never ends the loops; stop() ends them and waits.
 */
export class OfflineSyncEngine {
  private readonly state = new BehaviorSubject<SyncStatus>(initialSyncStatus);
  readonly status$: Observable<SyncStatus> = this.state.pipe(distinctUntilChanged());
  private readonly options: Required<OfflineSyncEngineOptions>;
  private readonly downloads: PeriodicTask;
  private readonly uploads: PeriodicTask;
  private controller: AbortController | null = null;
  private subscriptions = new Subscription();
  private activity = { checking: false, downloading: false, uploading: false };
  private refreshesStarted = 0;
  private refreshApplied = 0;

  constructor(
    private readonly downloader: Downloader,
    private readonly uploader: Uploader,
    private readonly store: OfflineStore,
    private readonly connection: SyncConnection,
    private readonly profileSource: SyncProfileSource,
    private readonly clock: Clock,
    private readonly logger: ILogger,
    options: OfflineSyncEngineOptions = {},
  ) {
    this.options = { backoffCapFactor: 5, firstRunDelayMs: 0, jobHistory: 20, ...options };
    if (!(this.options.backoffCapFactor >= 1)) throw new RangeError(`backoffCapFactor must be >= 1, got ${this.options.backoffCapFactor}`);
    const onError = (error: unknown) => this.logger.logError(`Offline sync pass failed: ${describeError(error)}`);
    const capFactor = this.options.backoffCapFactor;
    this.downloads = new PeriodicTask((s) => this.downloadPass(s), { intervalMs: () => this.profileSource.profile.downloadIntervalMs, backoffCapFactor: capFactor, onError });
    this.uploads = new PeriodicTask((s) => this.uploadPass(s), { intervalMs: () => this.profileSource.profile.uploadIntervalMs, backoffCapFactor: capFactor, onError });
  }

  get status(): SyncStatus {
    return this.state.value;
  }

  /** Starts both loops (after the first sign-in). Calling it again does nothing. */
  start(): void {
    if (this.controller) return;
    const controller = (this.controller = new AbortController());
    this.subscriptions = new Subscription();
    this.subscriptions.add(this.downloader.jobs$.subscribe((job) => this.addJob('downloadJobs', job)));
    this.subscriptions.add(this.uploader.jobs$.subscribe((job) => this.addJob('uploadJobs', job)));
    this.subscriptions.add(this.downloader.progress$.subscribe((progress) => {
      this.activity.downloading = true;
      this.patch({ progress });
    }));
    // Going online again uploads at once (the first emission is the current status, not a change).
    this.subscriptions.add(this.connection.status$.pipe(startWith(null), pairwise()).subscribe(([previous, current]) => {
      if (previous !== null && previous !== ConnectionStatusType.Online && current === ConnectionStatusType.Online) void this.uploadNow();
    }));
    this.patch({ started: true });
    void this.refresh();
    this.downloads.start(controller.signal, this.options.firstRunDelayMs);
    this.uploads.start(controller.signal, this.options.firstRunDelayMs);
  }

  /** After an offline sale: count it and try to upload at once. */
  wake(): void {
    void this.uploadNow();
  }

  /** Drains the upload queue now; resolves when that pass ended. */
  uploadNow(): Promise<void> {
    return this.uploads.runNow();
  }

  /** "Sync data": download, then upload, now; resolves with the status once both ended. */
  async syncNow(): Promise<SyncStatus> {
    await this.downloads.runNow();
    await this.uploads.runNow();
    return this.status;
  }

  /** Lets a suspended package be tried again and tries it now. */
  async retrySuspended(): Promise<boolean> {
    const retried = await this.downloader.retrySuspended();
    this.patch({ suspended: null });
    if (retried) await this.downloads.runNow();
    return retried;
  }

  /** Gives a suspended package up and applies the later ones now. */
  async cancelSuspended(): Promise<boolean> {
    const canceled = await this.downloader.cancelSuspended();
    this.patch({ suspended: null });
    if (canceled) await this.downloads.runNow();
    return canceled;
  }

  /** Ends the loops; resolves when the running passes ended (nothing unconfirmed is marked sent). */
  async stop(): Promise<void> {
    const controller = this.controller;
    if (!controller) return;
    controller.abort();
    this.subscriptions.unsubscribe();
    await Promise.all([this.downloads.settled(), this.uploads.settled()]);
    this.controller = null;
    this.activity = { checking: false, downloading: false, uploading: false };
    this.patch({ started: false, progress: null });
  }

  private async downloadPass(signal: AbortSignal): Promise<boolean> {
    if (!this.connection.isOnline) return true;
    const startedAt = this.clock.now();
    this.activity.checking = true;
    this.patch({});
    try {
      const result = await this.downloader.runOnce(signal);
      if (result.skipped) return true;
      this.patch({ pendingDownloads: result.pending, suspended: result.suspended, download: afterPass(this.status.download, this.attempt(startedAt, result.ok, result.error)) });
      return result.ok;
    } finally {
      this.activity.checking = false;
      this.activity.downloading = false;
      this.patch({ progress: null });
      await this.refresh();
    }
  }

  private async uploadPass(signal: AbortSignal): Promise<boolean> {
    const pending = await this.refresh();
    if (!this.connection.isOnline || pending === 0) return true;
    const startedAt = this.clock.now();
    this.activity.uploading = true;
    this.patch({});
    try {
      const result = await this.uploader.drain(signal);
      if (result.skipped && result.batches === 0) return true;
      this.patch({ upload: afterPass(this.status.upload, this.attempt(startedAt, result.ok, result.error)) });
      return result.ok;
    } finally {
      this.activity.uploading = false;
      await this.refresh();
    }
  }

  /** Re-reads the queue and ledger figures; a store error is logged and leaves the last figures. Returns the pending count. */
  async refresh(): Promise<number> {
    const ticket = ++this.refreshesStarted;
    try {
      const [summary, last] = await Promise.all([this.store.getPendingUploadSummary(), this.store.getLastAppliedPackage()]);
      // Concurrent refreshes (a sale's, a pass's) may finish out of order: never let an older read
      // overwrite a newer one, or the status could show fewer pending sales than the queue holds.
      if (ticket < this.refreshApplied) return summary.count;
      this.refreshApplied = ticket;
      this.patch({
        pendingUploads: summary.count,
        oldestPendingAt: summary.oldestEnqueuedAt,
        rejectedUploads: summary.rejected,
        lastAppliedAt: last?.updatedAt ?? null,
        lastAppliedSequence: last?.sequence ?? null,
      });
      return summary.count;
    } catch (error) {
      this.logger.logWarning(`Could not read the offline sync figures: ${describeError(error)}`);
      return this.status.pendingUploads;
    }
  }

  private attempt(startedAt: number, ok: boolean, error: string | undefined): SyncAttempt {
    return { at: new Date(startedAt).toISOString(), ok, ...(error ? { error } : {}), durationMs: this.clock.now() - startedAt };
  }

  /** A job's later status replaces its earlier one: the tab lists jobs, not every step of each. */
  private addJob(tab: 'downloadJobs' | 'uploadJobs', job: SyncJob): void {
    const others = this.status[tab].filter((j) => j.name !== job.name);
    this.patch({ [tab]: [job, ...others].slice(0, this.options.jobHistory) });
  }

  private patch(change: Partial<SyncStatus>): void {
    const a = this.activity;
    const state = a.uploading || a.downloading ? 'Syncing' : a.checking ? 'Checking' : 'Idle';
    this.state.next({ ...this.state.value, ...change, state });
  }
}
