import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Subject, type Observable } from 'rxjs';
import type { DataPackageInfo, DataPackageStatus, DeviceConfiguration, ILogger } from '#pos-api';
import type { OfflineStore, PackageLedgerEntry } from '../store/OfflineStore.js';
import { classifyFailure } from '../scaleUnit/classifyFailure.js';
import { ScaleUnitError } from '../scaleUnit/errors.js';
import { SyncError, describeError } from './errors.js';
import { fetchToFile, readPackageLines } from './packageFile.js';
import type { Clock } from '../../platform/Clock.js';
import type { SyncClient, SyncConnection, SyncJob } from './ports.js';
import { emptyRun, resolveDownloaderOptions, type DataPackageDownloaderOptions, type DownloadRunResult, type PackageProgress, type SuspendedPackage } from './downloadTypes.js';

/**
 * The download side of offline data sync (CDX's async sync library): lists the packages after the
 * last applied one and, strictly in sequence, fetches each to a temp file while hashing it, verifies
 * it, applies it atomically and reports every step to the scale unit. A package that fails its try
 * count is Suspended and holds back the later ones until retried or canceled.
 */
export class DataPackageDownloader {
  private readonly progress = new Subject<PackageProgress>();
  private readonly jobs = new Subject<SyncJob>();
  /** Byte and row progress of the package in hand, for a progress bar. */
  readonly progress$: Observable<PackageProgress> = this.progress.asObservable();
  /** One event per ledger step, for the Download tab. */
  readonly jobs$: Observable<SyncJob> = this.jobs.asObservable();
  private readonly options: Required<DataPackageDownloaderOptions>;
  /** Counted tries per package in this process; a Suspended verdict is kept in the ledger itself. */
  private readonly failures = new Map<string, number>();
  /** The last listing by id, so retry and cancel write complete ledger entries. */
  private readonly listed = new Map<string, DataPackageInfo>();
  private running: Promise<DownloadRunResult> | null = null;

  constructor(
    private readonly client: SyncClient,
    private readonly store: OfflineStore,
    private readonly connection: Pick<SyncConnection, 'isOnline'>,
    private readonly device: Pick<DeviceConfiguration, 'registerId'>,
    private readonly clock: Clock,
    private readonly logger: ILogger,
    options: DataPackageDownloaderOptions,
  ) {
    this.options = resolveDownloaderOptions(options);
  }

  /** One check-and-apply pass; a call while a pass runs joins it. Never rejects. */
  runOnce(signal: AbortSignal): Promise<DownloadRunResult> {
    this.running ??= this.run(signal)
      .catch((error: unknown): DownloadRunResult => ({ ...emptyRun, ok: false, error: describeError(error) }))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Lets the suspended package be tried again (its try count starts over). False when none is suspended. */
  async retrySuspended(): Promise<boolean> {
    const entry = await this.findSuspended();
    if (!entry) return false;
    this.failures.delete(entry.packageId);
    await this.record(this.infoFor(entry), 'Requested', null);
    this.logger.logInformational(`Data package ${entry.packageId} will be tried again`);
    return true;
  }

  /** Gives the suspended package up so the later ones can apply. False when none is suspended. */
  async cancelSuspended(): Promise<boolean> {
    const entry = await this.findSuspended();
    if (!entry) return false;
    this.failures.delete(entry.packageId);
    await this.record(this.infoFor(entry), 'Canceled', 'canceled by the user');
    this.logger.logWarning(`Data package ${entry.packageId} was canceled; later packages may apply`);
    return true;
  }

  /** The suspended package, if any (from the ledger, so it survives a restart). */
  async getSuspended(): Promise<SuspendedPackage | null> {
    const entry = await this.findSuspended();
    return entry && toSuspended(entry);
  }

  private async run(signal: AbortSignal): Promise<DownloadRunResult> {
    if (!this.connection.isOnline) return { ...emptyRun, skipped: 'offline' };
    const last = await this.store.getLastAppliedPackage();
    let sequence = last?.sequence ?? 0;
    const ledger = await this.store.listPackages(this.options.ledgerWindow);
    const listing = await this.client.listDataPackages(this.device.registerId, sequence, { signal, timeoutMs: this.options.requestTimeoutMs });
    for (const info of listing) this.listed.set(info.id, info);
    const canceled = new Set(ledger.filter((e) => e.status === 'Canceled').map((e) => e.packageId));
    let queue = [...listing].filter((p) => !canceled.has(p.id)).sort((a, b) => a.sequence - b.sequence);
    if (!last) {
      // A new offline database starts at the newest full package: older packages are superseded by
      // it, so a new register never replays the whole history (a backlog storm).
      const full = queue.findLastIndex((p) => p.kind === 'full');
      if (full < 0) return { ...emptyRun, ok: queue.length === 0, listed: queue.length, pending: queue.length, ...(queue.length ? { error: 'waiting for a full data package' } : {}) };
      queue = queue.slice(full);
    }
    const held = ledger.find((e) => e.status === 'Suspended' && e.sequence > sequence);
    if (held) {
      const suspended = toSuspended(held);
      return { ...emptyRun, ok: false, listed: queue.length, pending: queue.length, suspended, error: `data package ${held.packageId} is suspended: ${suspended.reason}` };
    }
    let applied = 0;
    let done = 0; // applied or refused: what no longer counts as pending
    for (const info of queue) {
      if (signal.aborted) return { ...emptyRun, skipped: 'aborted', listed: queue.length, applied, pending: queue.length - done };
      if (info.sequence <= sequence) {
        // The store already holds this sequence or a later one: applying it would go back in time.
        this.logger.logWarning(`Data package ${info.id} refused: sequence ${info.sequence} is not after ${sequence}`);
        this.jobs.next(this.job(info, 'Refused'));
        done += 1;
        continue;
      }
      try {
        await this.process(info, signal);
      } catch (error) {
        if (signal.aborted) return { ...emptyRun, skipped: 'aborted', listed: queue.length, applied, pending: queue.length - done };
        const suspended = await this.fail(info, error);
        return { ...emptyRun, ok: false, listed: queue.length, applied, pending: queue.length - done, suspended, error: describeError(error) };
      }
      this.failures.delete(info.id);
      sequence = info.sequence;
      applied += 1;
      done += 1;
    }
    return { ...emptyRun, listed: queue.length, applied };
  }

  /** Requested → Downloaded → Applied for one package; throws a SyncError on the first failure. */
  private async process(info: DataPackageInfo, signal: AbortSignal): Promise<void> {
    await this.record(info, 'Requested', null);
    await mkdir(this.options.downloadsDir, { recursive: true });
    const file = path.join(this.options.downloadsDir, `${info.id.replace(/[^\w.-]/g, '_')}.ndjson.part`);
    try {
      const emit = (phase: PackageProgress['phase'], bytes: number, rows: number): void =>
        this.progress.next({ packageId: info.id, phase, bytes, totalBytes: info.bytes, rows, totalRows: info.rows });
      emit('download', 0, 0);
      try {
        const body = this.client.streamDataPackage(info.id, { signal, timeoutMs: this.options.requestTimeoutMs });
        await fetchToFile(body, file, info, (bytes) => emit('download', bytes, 0), signal);
      } catch (error) {
        if (SyncError.is(error)) throw error;
        const failure = classifyFailure(error, `data package ${info.id} download`, false);
        throw new SyncError('DownloadFailed', failure.message, { cause: failure });
      }
      await this.record(info, 'Downloaded', null);
      await this.report(info, 'Downloaded', null);
      let readError: unknown = null;
      const lines = readPackageLines(file, { info, registerId: this.device.registerId }, this.options.passHeaderToStore);
      const watched = (async function* () {
        try {
          yield* lines;
        } catch (error) {
          readError = error;
          throw error;
        }
      })();
      try {
        // The store applies and records Applied in one transaction: a crash leaves the old data whole.
        await this.store.applyDataPackage(info, watched, (p) => emit('apply', info.bytes, p.rows));
      } catch (error) {
        if (SyncError.is(readError)) throw readError;
        throw SyncError.is(error) ? error : new SyncError('ApplyFailed', `package ${info.id}: ${describeError(error)}`, { cause: error });
      }
      emit('apply', info.bytes, info.rows);
      this.jobs.next(this.job(info, 'Applied'));
      await this.report(info, 'Applied', null);
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Records a failed try; after the try count the package is Suspended. Returns the suspension, if any. */
  private async fail(info: DataPackageInfo, error: unknown): Promise<SuspendedPackage | null> {
    const reason = describeError(error);
    const status: DataPackageStatus = SyncError.is(error) && error.code === 'DownloadFailed' ? 'DownloadFailed' : 'ApplyFailed';
    // An outage mid-transfer is not the package's fault: it is recorded but does not use up a try.
    const outage = SyncError.is(error) && ScaleUnitError.is(error.cause) && error.cause.isConnectivityFailure;
    const tries = (this.failures.get(info.id) ?? 0) + (outage ? 0 : 1);
    this.failures.set(info.id, tries);
    this.logger.logWarning(`Data package ${info.id} ${status} (try ${tries} of ${this.options.maxAttempts}): ${reason}`);
    await this.record(info, status, reason);
    await this.report(info, status, reason);
    if (tries < this.options.maxAttempts) return null;
    const entry = await this.record(info, 'Suspended', `${reason} (after ${tries} tries)`);
    this.logger.logError(`Data package ${info.id} suspended after ${tries} tries; later packages wait until it is retried or canceled`);
    return { ...(entry ? toSuspended(entry) : { packageId: info.id, sequence: info.sequence, kind: info.kind, reason, since: this.now() }), attempts: tries };
  }

  private async record(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<PackageLedgerEntry | null> {
    const entry = await this.store.recordPackageStatus(info, status, error);
    this.jobs.next(this.job(info, status));
    return entry;
  }

  /** The scale unit's view of the session is informative: a failed report never fails the package. */
  private async report(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<void> {
    try {
      await this.client.reportDataPackageStatus(info.id, this.device.registerId, status, error, { timeoutMs: this.options.requestTimeoutMs });
    } catch (failure) {
      this.logger.logWarning(`Could not report ${status} of data package ${info.id}: ${describeError(failure)}`);
    }
  }

  private job(info: DataPackageInfo, status: string): SyncJob {
    return { name: `${info.kind} package ${info.sequence} (${info.id})`, status, at: this.now(), sizeBytes: info.bytes };
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private async findSuspended(): Promise<PackageLedgerEntry | null> {
    const last = await this.store.getLastAppliedPackage();
    const ledger = await this.store.listPackages(this.options.ledgerWindow);
    return ledger.find((e) => e.status === 'Suspended' && e.sequence > (last?.sequence ?? 0)) ?? null;
  }

  private infoFor(entry: PackageLedgerEntry): DataPackageInfo {
    return this.listed.get(entry.packageId) ?? { id: entry.packageId, kind: entry.kind, sequence: entry.sequence, createdAt: entry.updatedAt, rows: entry.rows, bytes: entry.bytes, sha256: '' };
  }
}

function toSuspended(entry: PackageLedgerEntry): SuspendedPackage {
  return { packageId: entry.packageId, sequence: entry.sequence, kind: entry.kind, attempts: entry.attempts, reason: entry.error ?? 'unknown', since: entry.updatedAt };
}
