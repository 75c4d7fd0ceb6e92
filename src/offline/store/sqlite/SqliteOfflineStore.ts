import type Database from 'better-sqlite3';
import type { Customer, DataPackageInfo, DataPackageLine, DataPackageStatus, Product, ProductPrice, SalesTransaction } from '#pos-api';
import type {
  ApplyPackageResult, ApplyProgress, OfflineStore, OfflineStoreDescription, PackageLedgerEntry, PendingUpload,
  PendingUploadSummary, RejectedUpload,
} from '../OfflineStore.js';
import { OfflineStoreError, checkCount, invalidArgument } from '../OfflineStoreError.js';
import { searchTokens, toFtsMatchExpression, toLikeContainsPattern } from '../searchText.js';
import { checkTransactionIds, serializeSalesTransaction } from '../salesTransaction.js';
import { openSqliteDatabase } from './openSqliteDatabase.js';
import { SqlitePackageApplier } from './SqlitePackageApplier.js';
import { prepareReads, prepareWrites, type SqliteReads, type SqliteWrites } from './sqliteStatements.js';

const failureStatuses: ReadonlySet<DataPackageStatus> = new Set(['DownloadFailed', 'ApplyFailed']);
const maxSkip = 1_000_000;

/**
 * The embedded offline database (better-sqlite3). Every call is one SQLite transaction, committed
 * with synchronous=FULL before the promise resolves. Statements are prepared once, here.
 */
export class SqliteOfflineStore implements OfflineStore {
  readonly path: string;
  /** Whether open() created the file, and the schema version found, for the CLI and logs. */
  readonly created: boolean;
  readonly schemaVersionBefore: number;
  readonly schemaVersion: number;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly r: SqliteReads;
  private readonly w: SqliteWrites;
  private readonly applier: SqlitePackageApplier;
  /** Set while a package holds the write transaction open across awaits; other writes wait for it. */
  private applying: Promise<unknown> | null = null;
  private closed = false;

  private constructor(path: string) {
    const opened = openSqliteDatabase(path);
    this.path = opened.writer.name;
    this.created = opened.created;
    this.schemaVersionBefore = opened.schemaVersionBefore;
    this.schemaVersion = opened.schemaVersion;
    this.writer = opened.writer;
    this.reader = opened.reader;
    this.r = prepareReads(this.reader);
    this.w = prepareWrites(this.writer);
    this.applier = new SqlitePackageApplier(this.writer, this.w, () => this.closed);
  }

  /** Opens (creating 0600 and migrating as needed) the database file at `path`. */
  static async open(path: string): Promise<SqliteOfflineStore> {
    return new SqliteOfflineStore(path);
  }

  async getProductByBarcode(barcode: string): Promise<Product | null> {
    this.assertOpen();
    return (this.r.productByBarcode.get(barcode) as Product | undefined) ?? null;
  }

  async getProductsByIds(productIds: readonly string[]): Promise<Product[]> {
    this.assertOpen();
    return this.r.productsByIds.all(JSON.stringify([...new Set(productIds)])) as Product[];
  }

  async searchProducts(searchText: string, skip: number, top: number): Promise<Product[]> {
    this.assertOpen();
    checkCount('skip', skip, 0, maxSkip);
    checkCount('top', top, 1);
    if (typeof searchText !== 'string') throw invalidArgument('searchText must be a string');
    // Blank text browses the catalogue like the online search; text with no words finds nothing.
    if (searchText.trim() === '') return this.r.browseProducts.all(top, skip) as Product[];
    const tokens = searchTokens(searchText);
    if (tokens.length === 0) return [];
    return this.r.searchProducts.all(toFtsMatchExpression(tokens), top, skip) as Product[];
  }

  async getPrices(productIds: readonly string[], at: string): Promise<ProductPrice[]> {
    this.assertOpen();
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) throw invalidArgument(`at must be an ISO 8601 date-time, got ${JSON.stringify(at)}`);
    return this.r.prices.all({ ids: JSON.stringify([...new Set(productIds)]), at: new Date(ms).toISOString() }) as ProductPrice[];
  }

  async searchCustomers(searchText: string, top: number): Promise<Customer[]> {
    this.assertOpen();
    checkCount('top', top, 1);
    const tokens = searchTokens(searchText);
    if (tokens.length === 0 && searchText.trim() !== '') return [];
    return this.r.searchCustomers.all({ patterns: JSON.stringify(tokens.map(toLikeContainsPattern)), top }) as Customer[];
  }

  async getCustomer(customerId: string): Promise<Customer | null> {
    this.assertOpen();
    return (this.r.customer.get(customerId) as Customer | undefined) ?? null;
  }

  async saveOfflineTransaction(transaction: SalesTransaction): Promise<void> {
    const body = serializeSalesTransaction(transaction);
    while (this.applying) await this.writeTurn();
    this.assertOpen();
    const t = transaction;
    const now = new Date().toISOString();
    this.writer.exec('BEGIN IMMEDIATE');
    try {
      // First save wins; a re-save of the same id (a retry) neither duplicates nor requeues it.
      const inserted = this.w.insertSale.run(t.transactionId, t.receiptId, t.total, t.localTime, t.serverTimeOffsetMs, now, body).changes;
      if (inserted === 1) this.w.enqueue.run(t.transactionId, now);
      this.writer.exec('COMMIT');
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      throw error;
    }
  }

  async enqueueUpload(transactionId: string): Promise<void> {
    await this.write(() => {
      const sale = this.w.saleState.get(transactionId) as { uploadedAt: string | null } | undefined;
      if (!sale) throw invalidArgument(`no offline transaction ${JSON.stringify(transactionId)} to enqueue`);
      if (sale.uploadedAt !== null) return;
      // Enqueuing a rejected sale again is the "retry errored sale" path: it leaves the rejected list.
      this.w.unreject.run(transactionId);
      this.w.enqueue.run(transactionId, new Date().toISOString());
    });
  }

  async readUploadBatch(limit: number): Promise<PendingUpload[]> {
    this.assertOpen();
    checkCount('limit', limit, 1);
    const rows = this.r.uploadBatch.all(limit) as { transactionId: string; body: string; enqueuedAt: string; attempts: number }[];
    return rows.map((row) => ({ transactionId: row.transactionId, transaction: JSON.parse(row.body) as SalesTransaction, enqueuedAt: row.enqueuedAt, attempts: row.attempts }));
  }

  async markUploaded(transactionIds: readonly string[]): Promise<void> {
    checkTransactionIds(transactionIds);
    const ids = JSON.stringify(transactionIds);
    await this.write(
      () => {
        this.w.dequeueMany.run(ids);
        this.w.unrejectMany.run(ids);
        this.w.markUploadedMany.run(new Date().toISOString(), ids);
      },
      // Losing this commit in a power cut only re-sends sales the scale unit then calls duplicates,
      // so it need not wait for its own fsync (the next durable commit flushes it anyway).
      { durable: false },
    );
  }

  async setUploadRejected(transactionId: string, reason: string): Promise<void> {
    checkTransactionIds([transactionId]);
    await this.write(() => {
      this.w.dequeue.run(transactionId);
      this.w.reject.run(transactionId, String(reason), new Date().toISOString());
    });
  }

  async recordUploadAttempt(transactionIds: readonly string[]): Promise<void> {
    checkTransactionIds(transactionIds);
    await this.write(() => {
      const now = new Date().toISOString();
      for (const id of transactionIds) this.w.attempt.run(now, id);
    });
  }

  async getPendingUploadSummary(): Promise<PendingUploadSummary> {
    this.assertOpen();
    return this.r.uploadSummary.get() as PendingUploadSummary;
  }

  async listRejectedUploads(): Promise<RejectedUpload[]> {
    this.assertOpen();
    return this.r.rejectedUploads.all() as RejectedUpload[];
  }

  async getOfflineTransaction(transactionId: string): Promise<SalesTransaction | null> {
    this.assertOpen();
    const body = this.r.transactionBody.get(transactionId) as string | undefined;
    return body === undefined ? null : (JSON.parse(body) as SalesTransaction);
  }

  async applyDataPackage(info: DataPackageInfo, rows: AsyncIterable<DataPackageLine>, onProgress?: (p: ApplyProgress) => void): Promise<ApplyPackageResult> {
    while (this.applying) await this.writeTurn();
    this.assertOpen();
    const run = this.applier.apply(info, rows, onProgress);
    this.applying = run;
    try {
      return await run;
    } finally {
      this.applying = null;
    }
  }

  async recordPackageStatus(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<PackageLedgerEntry> {
    return this.write(() => this.w.ledger.get({
      packageId: info.id, sequence: info.sequence, kind: info.kind, status, failed: failureStatuses.has(status) ? 1 : 0,
      error, bytes: info.bytes, rows: info.rows, updatedAt: new Date().toISOString(),
    }) as PackageLedgerEntry);
  }

  async listPackages(limit: number): Promise<PackageLedgerEntry[]> {
    this.assertOpen();
    checkCount('limit', limit, 1);
    return this.r.packages.all(limit) as PackageLedgerEntry[];
  }

  async getLastAppliedPackage(): Promise<PackageLedgerEntry | null> {
    this.assertOpen();
    return (this.r.lastApplied.get() as PackageLedgerEntry | undefined) ?? null;
  }

  async nextNumber(sequence: string, seed: number): Promise<number> {
    if (typeof sequence !== 'string' || sequence === '') throw invalidArgument('sequence must be a non-empty string');
    checkCount('seed', seed, 0, Number.MAX_SAFE_INTEGER - 1);
    return this.write(() => this.w.nextNumber.get({ name: sequence, seed }) as number);
  }

  async getLastNumber(sequence: string): Promise<number> {
    this.assertOpen();
    return (this.r.lastNumber.get(sequence) as number | undefined) ?? 0;
  }

  async getSetting<T>(key: string): Promise<T | null> {
    this.assertOpen();
    const value = this.r.setting.get(key) as string | undefined;
    return value === undefined ? null : (JSON.parse(value) as T);
  }

  /** Stores `value` as JSON; `undefined` removes the key. */
  async setSetting(key: string, value: unknown): Promise<void> {
    if (typeof key !== 'string' || key === '') throw invalidArgument('setting key must be a non-empty string');
    const json = value === undefined ? undefined : JSON.stringify(value);
    await this.write(() => (json === undefined ? this.w.deleteSetting.run(key) : this.w.setSetting.run(key, json)));
  }

  async describe(): Promise<OfflineStoreDescription> {
    this.assertOpen();
    return { kind: 'sqlite', location: this.path, sizeBytes: this.r.size.get() as number, sizeLimitBytes: null };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reader.close();
    this.writer.close();
  }

  /** Runs `fn` as one write transaction once no package apply holds the connection. */
  private async write<T>(fn: () => T, { durable = true } = {}): Promise<T> {
    while (this.applying) await this.writeTurn();
    this.assertOpen();
    if (durable) return this.writer.transaction(fn).immediate();
    // WAL + synchronous=NORMAL: the commit is atomic but not fsynced until the next durable commit or checkpoint.
    this.writer.pragma('synchronous = NORMAL');
    try {
      return this.writer.transaction(fn).immediate();
    } finally {
      this.writer.pragma('synchronous = FULL');
    }
  }

  private async writeTurn(): Promise<void> {
    // The apply's own failure is its caller's to handle; a waiting write only needs it to end.
    await this.applying?.catch(() => undefined);
  }

  private assertOpen(): void {
    if (this.closed) throw new OfflineStoreError('Closed', `the offline store ${this.path} is closed`);
  }
}
