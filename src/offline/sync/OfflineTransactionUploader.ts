import { Subject, type Observable } from 'rxjs';
import type { ILogger, TransactionIntakeResult } from '#pos-api';
import type { OfflineStore, PendingUpload } from '../store/OfflineStore.js';
import type { Clock } from '../../platform/Clock.js';
import { ScaleUnitError } from '../scaleUnit/errors.js';
import { describeError } from './errors.js';
import type { SyncClient, SyncConnection, SyncJob, SyncProfileSource } from './ports.js';

export interface OfflineTransactionUploaderOptions {
  /** Bound on one intake call; a batch the scale unit is still committing is simply re-sent later. */
  readonly requestTimeoutMs?: number;
}

export interface UploadPassResult {
  /** False when the pass ended on a failure (the queue keeps everything not confirmed). */
  readonly ok: boolean;
  /** Set when nothing was tried: the register is offline, or the pass was stopped. */
  readonly skipped?: 'offline' | 'aborted';
  readonly batches: number;
  readonly uploaded: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly error?: string;
}

/**
 * The upload side of offline data sync: posts queued offline sales oldest first in batches of the
 * profile's size and removes a sale from the queue only once the scale unit confirmed it (accepted
 * or duplicate). The scale unit merges by transaction id, so a re-send after a lost reply is
 * answered as a duplicate, never stored twice.
 */
export class OfflineTransactionUploader {
  private readonly jobs = new Subject<SyncJob>();
  /** One event per batch, for the Upload tab. */
  readonly jobs$: Observable<SyncJob> = this.jobs.asObservable();
  private readonly requestTimeoutMs: number;
  private running: Promise<UploadPassResult> | null = null;

  constructor(
    private readonly client: SyncClient,
    private readonly store: OfflineStore,
    private readonly connection: Pick<SyncConnection, 'isOnline'>,
    private readonly profileSource: SyncProfileSource,
    private readonly clock: Clock,
    private readonly logger: ILogger,
    options: OfflineTransactionUploaderOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    if (!Number.isSafeInteger(this.requestTimeoutMs) || this.requestTimeoutMs < 1) throw new RangeError(`requestTimeoutMs must be a whole number >= 1, got ${this.requestTimeoutMs}`);
  }

  /** Uploads until the queue is empty or a batch fails. One pass at a time: a second call joins it. Never rejects. */
  drain(signal: AbortSignal): Promise<UploadPassResult> {
    this.running ??= this.pass(signal).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(signal: AbortSignal): Promise<UploadPassResult> {
    const totals = { ok: true, batches: 0, uploaded: 0, duplicates: 0, rejected: 0 };
    if (!this.connection.isOnline) return { ...totals, skipped: 'offline' };
    try {
      while (!signal.aborted) {
        const batch = await this.store.readUploadBatch(this.profileSource.profile.uploadBatchSize);
        if (batch.length === 0) return totals;
        const outcome = await this.send(batch, signal);
        if (outcome === 'aborted') return { ...totals, skipped: 'aborted' };
        totals.batches += 1;
        if (typeof outcome === 'string') return { ...totals, ok: false, error: outcome };
        totals.uploaded += outcome.accepted;
        totals.duplicates += outcome.duplicates;
        totals.rejected += outcome.rejected;
        // A batch the scale unit answered without confirming or refusing anything would be read
        // again at once: end the pass and let the interval retry it instead of spinning.
        if (outcome.accepted + outcome.duplicates + outcome.rejected === 0) {
          return { ...totals, ok: false, error: 'the scale unit confirmed none of the batch' };
        }
      }
      return { ...totals, skipped: 'aborted' };
    } catch (error) {
      this.logger.logError(`Offline transaction upload failed: ${describeError(error)}`);
      return { ...totals, ok: false, error: describeError(error) };
    }
  }

  /** Posts one batch and settles the queue from the answer. Returns the counts, 'aborted', or a failure message. */
  private async send(batch: readonly PendingUpload[], signal: AbortSignal): Promise<BatchCounts | 'aborted' | string> {
    const sent = batch.map((b) => b.transactionId);
    const sizeBytes = Buffer.byteLength(JSON.stringify(batch.map((b) => b.transaction)));
    let answer: TransactionIntakeResult;
    try {
      answer = await this.client.postTransactions(batch.map((b) => b.transaction), { signal, timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      // Stopped mid-call: the server may or may not have committed, so nothing is marked and no try
      // is counted; the next pass re-sends and the server answers duplicates.
      if (signal.aborted) return 'aborted';
      // The scale unit refused the batch itself (too large, or one body it cannot read): halve it
      // until the sale at fault stands alone and is set aside, so one poison sale never blocks the queue.
      if (isBatchRefusal(error)) return this.split(batch, signal, describeError(error));
      const reason = describeError(error);
      await this.store.recordUploadAttempt(sent);
      this.logger.logWarning(`Upload of ${sent.length} offline transactions failed; they stay queued: ${reason}`);
      this.jobs.next(this.job(sent, 'Failed', sizeBytes));
      return reason;
    }
    const settled = settle(sent, answer);
    // The answer is the server's commitment, so it is applied even if a stop arrived meanwhile.
    if (settled.confirmed.length > 0) await this.store.markUploaded(settled.confirmed);
    for (const r of settled.rejected) await this.store.setUploadRejected(r.transactionId, r.reason);
    if (settled.missing.length > 0) await this.store.recordUploadAttempt(settled.missing);
    if (settled.rejected.length > 0) this.logger.logWarning(`Scale unit refused ${settled.rejected.length} offline transactions; set aside with their reasons`);
    const status = settled.missing.length > 0 || settled.rejected.length > 0 ? 'Partly uploaded' : 'Uploaded';
    this.jobs.next(this.job(sent, status, sizeBytes));
    return { accepted: settled.accepted, duplicates: settled.duplicates, rejected: settled.rejected.length };
  }

  private async split(batch: readonly PendingUpload[], signal: AbortSignal, reason: string): Promise<BatchCounts | 'aborted' | string> {
    if (batch.length === 1) {
      await this.store.setUploadRejected(batch[0]!.transactionId, `the scale unit refused it: ${reason}`);
      this.logger.logWarning(`Scale unit refused offline transaction ${batch[0]!.transactionId}; set aside: ${reason}`);
      this.jobs.next(this.job([batch[0]!.transactionId], 'Rejected', 0));
      return { accepted: 0, duplicates: 0, rejected: 1 };
    }
    const totals = { accepted: 0, duplicates: 0, rejected: 0 };
    const middle = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
      const outcome = await this.send(half, signal);
      if (typeof outcome !== 'object') return outcome;
      totals.accepted += outcome.accepted;
      totals.duplicates += outcome.duplicates;
      totals.rejected += outcome.rejected;
    }
    return totals;
  }

  /** Named by its first and last sale, so a batch retried after a failure is one job in the Upload tab. */
  private job(sent: readonly string[], status: string, sizeBytes: number): SyncJob {
    const range = sent.length === 1 ? sent[0] : `${sent[0]} … ${sent.at(-1)}`;
    const name = `Upload of ${sent.length} offline transaction${sent.length === 1 ? '' : 's'} (${range})`;
    return { name, status, at: new Date(this.clock.now()).toISOString(), sizeBytes };
  }
}

/**
 * A 400 or 413 on the whole batch: the scale unit read the request and said no to its content.
 * Not 401/403 (a credentials problem: never set sales aside for that) and not outages.
 */
function isBatchRefusal(error: unknown): boolean {
  return ScaleUnitError.is(error) && error.code === 'Rejected' && (error.statusCode === 400 || error.statusCode === 413);
}

interface BatchCounts {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

interface Settlement {
  readonly confirmed: string[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: { transactionId: string; reason: string }[];
  /** Sent but in no list of the answer: they stay queued. */
  readonly missing: string[];
}

/** Matches the answer to what was sent: ids the batch did not hold are ignored, confirmation wins over refusal. */
export function settle(sent: readonly string[], answer: TransactionIntakeResult): Settlement {
  const inBatch = new Set(sent);
  const accepted = new Set(answer.accepted.filter((id) => inBatch.has(id)));
  const duplicates = new Set(answer.duplicates.filter((id) => inBatch.has(id) && !accepted.has(id)));
  const confirmed = new Set([...accepted, ...duplicates]);
  const rejected = new Map<string, string>();
  for (const r of answer.rejected) {
    if (typeof r !== 'object' || r === null) continue;
    if (inBatch.has(r.transactionId) && !confirmed.has(r.transactionId)) rejected.set(r.transactionId, String(r.reason ?? 'refused'));
  }
  const missing = sent.filter((id) => !confirmed.has(id) && !rejected.has(id));
  return {
    confirmed: [...confirmed],
    accepted: accepted.size,
    duplicates: duplicates.size,
    rejected: [...rejected].map(([transactionId, reason]) => ({ transactionId, reason })),
    missing: [...new Set(missing)],
  };
}
