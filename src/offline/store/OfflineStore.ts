import type {
  Customer,
  DataPackageInfo,
  DataPackageLine,
  DataPackageStatus,
  Product,
  ProductPrice,
  SalesTransaction,
} from '#pos-api';

/** A sale waiting in the upload queue (outbox). */
export interface PendingUpload {
  readonly transactionId: string;
  readonly transaction: SalesTransaction;
  readonly enqueuedAt: string;
  readonly attempts: number;
}

/** A sale the scale unit refused (4xx-style): kept aside with its reason, never retried blindly. */
export interface RejectedUpload {
  readonly transactionId: string;
  readonly reason: string;
  readonly rejectedAt: string;
}

export interface PendingUploadSummary {
  readonly count: number;
  /** Enqueue time of the oldest pending sale, or null when the queue is empty. */
  readonly oldestEnqueuedAt: string | null;
  readonly rejected: number;
}

export interface PackageLedgerEntry {
  readonly packageId: string;
  readonly sequence: number;
  readonly kind: DataPackageInfo['kind'];
  readonly status: DataPackageStatus;
  readonly attempts: number;
  readonly error: string | null;
  readonly bytes: number;
  readonly rows: number;
  readonly updatedAt: string;
}

export interface ApplyPackageResult {
  readonly rowsApplied: number;
}

export interface ApplyProgress {
  readonly rows: number;
}

export interface OfflineStoreDescription {
  readonly kind: 'sqlite' | 'sqlserver';
  /** File path or server/database name; never a password. */
  readonly location: string;
  readonly sizeBytes: number;
  /** Null when the engine has no size limit; SQL Server Express stops at 10 GB. */
  readonly sizeLimitBytes: number | null;
}

/**
 * The offline database: everything the request handlers and the sync engine need.
 * One contract, two adapters (SQLite embedded, SQL Server). Every method is atomic: it either
 * happens whole or leaves no trace.
 */
export interface OfflineStore {
  // Catalogue reads (offline answers).
  getProductByBarcode(barcode: string): Promise<Product | null>;
  getProductsByIds(productIds: readonly string[]): Promise<Product[]>;
  /** Text search over name, barcode and category; search text is always plain text. */
  searchProducts(searchText: string, skip: number, top: number): Promise<Product[]>;
  /** The price in effect at `at` (ISO) per product: the latest `validFrom <= at` not yet expired, else the product's list price. */
  getPrices(productIds: readonly string[], at: string): Promise<ProductPrice[]>;
  searchCustomers(searchText: string, top: number): Promise<Customer[]>;
  getCustomer(customerId: string): Promise<Customer | null>;

  // Offline sales and their upload queue.
  /** Saves the sale and enqueues its upload in one durable local transaction. Idempotent by transactionId. */
  saveOfflineTransaction(transaction: SalesTransaction): Promise<void>;
  /** Enqueues an upload for an already saved sale; a no-op when queued or uploaded already. */
  enqueueUpload(transactionId: string): Promise<void>;
  /** The oldest pending uploads first, at most `limit`. */
  readUploadBatch(limit: number): Promise<PendingUpload[]>;
  /** Removes uploads the scale unit accepted (or reported as duplicates). */
  markUploaded(transactionIds: readonly string[]): Promise<void>;
  /** Sets a refused upload aside with its reason; it no longer blocks the queue. */
  setUploadRejected(transactionId: string, reason: string): Promise<void>;
  /** Counts a failed attempt on each of these uploads (they stay queued). */
  recordUploadAttempt(transactionIds: readonly string[]): Promise<void>;
  getPendingUploadSummary(): Promise<PendingUploadSummary>;
  listRejectedUploads(): Promise<RejectedUpload[]>;
  getOfflineTransaction(transactionId: string): Promise<SalesTransaction | null>;

  // Data packages.
  /**
   * Applies a package's rows (after its header line) in one local transaction and records it as
   * Applied in the ledger in that same transaction. Any bad row rejects the whole package and leaves
   * the database unchanged. Rows are consumed as a stream so memory stays flat.
   */
  applyDataPackage(info: DataPackageInfo, rows: AsyncIterable<DataPackageLine>, onProgress?: (p: ApplyProgress) => void): Promise<ApplyPackageResult>;
  recordPackageStatus(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<PackageLedgerEntry>;
  /** The ledger, newest first. */
  listPackages(limit: number): Promise<PackageLedgerEntry[]>;
  /** The highest sequence applied, or null when the database never applied a package. */
  getLastAppliedPackage(): Promise<PackageLedgerEntry | null>;

  // Number sequences per register.
  /**
   * The next number of `sequence`, seeded by the larger of `seed` (the server's last value) and
   * the local last value; durable before it returns so a number is never handed out twice.
   */
  nextNumber(sequence: string, seed: number): Promise<number>;
  getLastNumber(sequence: string): Promise<number>;

  // Settings and sync status.
  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;

  describe(): Promise<OfflineStoreDescription>;
  close(): Promise<void>;
}
