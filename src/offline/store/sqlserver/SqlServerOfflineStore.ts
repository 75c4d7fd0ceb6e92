import sql from 'mssql';
import type { Customer, DataPackageInfo, DataPackageLine, DataPackageStatus, Product, ProductPrice, SalesTransaction } from '#pos-api';
import type {
  ApplyPackageResult, ApplyProgress, OfflineStore, OfflineStoreDescription, PackageLedgerEntry, PendingUpload, PendingUploadSummary, RejectedUpload,
} from '../OfflineStore.js';
import { OfflineStoreError, checkCount, invalidArgument } from '../OfflineStoreError.js';
import { searchTokens, toLikeContainsPattern } from '../searchText.js';
import { checkTransactionIds, serializeSalesTransaction } from '../salesTransaction.js';
import { latestSqlServerSchemaVersion, lockAndReadSchemaVersion, sqlServerMigrations, writeSchemaVersion } from './migrations.js';
import { applySqlServerPackage } from './SqlServerPackageApplier.js';
import { bind, iso, ledgerColumns, ledgerParams, ledgerUpsert, mapDriverError, toLedgerEntry, types, type LedgerRow, type Params } from './sqlServerRows.js';

const expressLimitBytes = 10 * 1024 ** 3;
const productColumns = 'p.product_id AS productId, p.barcode, p.name, p.category, CAST(p.price AS FLOAT) AS price';
/** Multi-statement writes run as one batch under XACT_ABORT, so any error rolls the whole batch back. */
const atomic = (body: string) => `SET XACT_ABORT ON; BEGIN TRANSACTION; ${body} COMMIT TRANSACTION;`;

/** The offline database on SQL Server (Express on the register, as Store Commerce installs it). */
export class SqlServerOfflineStore implements OfflineStore {
  private closed = false;

  private constructor(private readonly pool: sql.ConnectionPool, private readonly location: string) {}

  /** Connects with the settings' connection string and migrates the schema; the location it reports never holds the password. */
  static async open(connectionString: string): Promise<SqlServerOfflineStore> {
    let location: string;
    try {
      const config = sql.ConnectionPool.parseConnectionString(connectionString);
      location = `${config.server}${config.port ? `:${config.port}` : ''}/${config.database ?? '(default database)'}`;
    } catch (error) {
      throw invalidArgument(`the SQL Server connection string cannot be parsed: ${(error as Error).message}`);
    }
    const pool = new sql.ConnectionPool(connectionString);
    try {
      await pool.connect();
    } catch (error) {
      throw mapDriverError(error, location);
    }
    const store = new SqlServerOfflineStore(pool, location);
    try {
      await store.migrate();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const tx = new sql.Transaction(this.pool);
    await tx.begin(sql.ISOLATION_LEVEL.SERIALIZABLE);
    try {
      const found = (await new sql.Request(tx).query<{ version: number }>(lockAndReadSchemaVersion)).recordset[0]?.version ?? 0;
      if (found > latestSqlServerSchemaVersion) {
        throw new OfflineStoreError('SchemaTooNew', `${this.location} has schema version ${found} but this extension knows up to ${latestSqlServerSchemaVersion}; update the extension instead of opening it`);
      }
      for (const step of sqlServerMigrations.filter((m) => m.version > found)) {
        await new sql.Request(tx).batch(step.sql);
        await bind(new sql.Request(tx), { version: [types.int, step.version] }).query(writeSchemaVersion);
      }
      await tx.commit();
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
  }

  private async q<T>(text: string, params: Params = {}): Promise<T[]> {
    if (this.closed) throw new OfflineStoreError('Closed', `the offline store ${this.location} is closed`);
    try {
      return (await bind(this.pool.request(), params).query<T>(text)).recordset ?? [];
    } catch (error) {
      throw mapDriverError(error, this.location);
    }
  }

  async getProductByBarcode(barcode: string): Promise<Product | null> {
    return (await this.q<Product>(`SELECT ${productColumns} FROM dbo.products p WHERE p.barcode = @b`, { b: [types.id, barcode] }))[0] ?? null;
  }

  async getProductsByIds(productIds: readonly string[]): Promise<Product[]> {
    return this.q<Product>(
      `SELECT ${productColumns} FROM OPENJSON(@ids) j JOIN dbo.products p ON p.product_id = j.value ORDER BY CAST(j.[key] AS INT)`,
      { ids: [types.longText, JSON.stringify([...new Set(productIds)])] },
    );
  }

  async searchProducts(searchText: string, skip: number, top: number): Promise<Product[]> {
    checkCount('skip', skip, 0, 1_000_000);
    checkCount('top', top, 1);
    const tokens = searchTokens(String(searchText));
    if (tokens.length === 0 && String(searchText).trim() !== '') return [];
    // Parameter names are generated (t0, t1...); only the patterns come from the user, as parameters.
    const where = tokens.map((_, i) => `(p.name LIKE @t${i} ESCAPE '\\' OR p.barcode LIKE @t${i} ESCAPE '\\' OR p.category LIKE @t${i} ESCAPE '\\')`);
    const params: Params = { skip: [types.int, skip], top: [types.int, top] };
    tokens.forEach((token, i) => { params[`t${i}`] = [types.text, toLikeContainsPattern(token)]; });
    return this.q<Product>(
      `SELECT ${productColumns} FROM dbo.products p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY p.product_id OFFSET @skip ROWS FETCH NEXT @top ROWS ONLY`, params);
  }

  async getPrices(productIds: readonly string[], at: string): Promise<ProductPrice[]> {
    const when = Date.parse(at);
    if (Number.isNaN(when)) throw invalidArgument(`at must be an ISO 8601 date-time, got ${JSON.stringify(at)}`);
    const rows = await this.q<{ productId: string; price: number; validFrom: Date | null; validTo: Date | null }>(
      `SELECT p.product_id AS productId, CAST(COALESCE(pr.price, p.price) AS FLOAT) AS price, pr.valid_from AS validFrom, pr.valid_to AS validTo
       FROM OPENJSON(@ids) j JOIN dbo.products p ON p.product_id = j.value
       OUTER APPLY (SELECT TOP 1 x.price, x.valid_from, x.valid_to FROM dbo.prices x WHERE x.product_id = p.product_id
         AND x.valid_from <= @at AND (x.valid_to IS NULL OR x.valid_to > @at) ORDER BY x.valid_from DESC) pr
       ORDER BY CAST(j.[key] AS INT)`,
      { ids: [types.longText, JSON.stringify([...new Set(productIds)])], at: [types.instant, new Date(when)] },
    );
    return rows.map((r) => ({ productId: r.productId, price: r.price, validFrom: iso(r.validFrom) ?? new Date(0).toISOString(), validTo: iso(r.validTo) }));
  }

  async searchCustomers(searchText: string, top: number): Promise<Customer[]> {
    checkCount('top', top, 1);
    const tokens = searchTokens(String(searchText));
    if (tokens.length === 0 && String(searchText).trim() !== '') return [];
    const where = tokens.map((_, i) => `(c.name LIKE @t${i} ESCAPE '\\' OR c.customer_id LIKE @t${i} ESCAPE '\\' OR c.email LIKE @t${i} ESCAPE '\\' OR c.phone LIKE @t${i} ESCAPE '\\')`);
    const params: Params = { top: [types.int, top] };
    tokens.forEach((token, i) => { params[`t${i}`] = [types.text, toLikeContainsPattern(token)]; });
    return this.q<Customer>(`SELECT TOP (@top) c.customer_id AS customerId, c.name, c.email, c.phone FROM dbo.customers c
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name, c.customer_id`, params);
  }

  async getCustomer(customerId: string): Promise<Customer | null> {
    return (await this.q<Customer>('SELECT customer_id AS customerId, name, email, phone FROM dbo.customers WHERE customer_id = @id', { id: [types.id, customerId] }))[0] ?? null;
  }

  async saveOfflineTransaction(transaction: SalesTransaction): Promise<void> {
    const body = serializeSalesTransaction(transaction);
    const t = transaction;
    // UPDLOCK+HOLDLOCK: two saves of one id cannot both see "absent"; the first wins, a re-save is a no-op.
    await this.q(atomic(`
      IF NOT EXISTS (SELECT 1 FROM dbo.offline_transactions WITH (UPDLOCK, HOLDLOCK) WHERE transaction_id = @id)
      BEGIN
        INSERT INTO dbo.offline_transactions (transaction_id, receipt_id, total, local_time, server_time_offset_ms, created_at, body)
          VALUES (@id, @receipt, @total, @localTime, @offset, SYSUTCDATETIME(), @body);
        INSERT INTO dbo.upload_queue (transaction_id, enqueued_at) VALUES (@id, SYSUTCDATETIME());
      END`), {
      id: [types.id, t.transactionId], receipt: [types.id, t.receiptId], total: [types.money, t.total], localTime: [types.id, t.localTime],
      offset: [types.bigint, Math.round(t.serverTimeOffsetMs)], body: [types.longText, body],
    });
  }

  async enqueueUpload(transactionId: string): Promise<void> {
    const [state] = await this.q<{ state: string }>(atomic(`
      DECLARE @state NVARCHAR(10) = (SELECT CASE WHEN uploaded_at IS NULL THEN N'pending' ELSE N'uploaded' END
        FROM dbo.offline_transactions WITH (UPDLOCK, HOLDLOCK) WHERE transaction_id = @id);
      IF @state = N'pending'
      BEGIN
        DELETE FROM dbo.rejected_uploads WHERE transaction_id = @id;
        IF NOT EXISTS (SELECT 1 FROM dbo.upload_queue WHERE transaction_id = @id)
          INSERT INTO dbo.upload_queue (transaction_id, enqueued_at) VALUES (@id, SYSUTCDATETIME());
      END
      SELECT COALESCE(@state, N'missing') AS state;`), { id: [types.id, transactionId] });
    if (state?.state === 'missing') throw invalidArgument(`no offline transaction ${JSON.stringify(transactionId)} to enqueue`);
  }

  async readUploadBatch(limit: number): Promise<PendingUpload[]> {
    checkCount('limit', limit, 1);
    const rows = await this.q<{ transactionId: string; body: string; enqueuedAt: Date; attempts: number }>(
      `SELECT TOP (@limit) q.transaction_id AS transactionId, t.body, q.enqueued_at AS enqueuedAt, q.attempts
       FROM dbo.upload_queue q JOIN dbo.offline_transactions t ON t.transaction_id = q.transaction_id ORDER BY q.seq`, { limit: [types.int, limit] });
    return rows.map((r) => ({ transactionId: r.transactionId, transaction: JSON.parse(r.body) as SalesTransaction, enqueuedAt: r.enqueuedAt.toISOString(), attempts: r.attempts }));
  }

  async markUploaded(transactionIds: readonly string[]): Promise<void> {
    await this.q(atomic(`
      DELETE FROM dbo.upload_queue WHERE transaction_id IN (SELECT value FROM OPENJSON(@ids));
      DELETE FROM dbo.rejected_uploads WHERE transaction_id IN (SELECT value FROM OPENJSON(@ids));
      UPDATE dbo.offline_transactions SET uploaded_at = COALESCE(uploaded_at, SYSUTCDATETIME()) WHERE transaction_id IN (SELECT value FROM OPENJSON(@ids));`),
    { ids: [types.longText, JSON.stringify(checkTransactionIds(transactionIds))] });
  }

  async setUploadRejected(transactionId: string, reason: string): Promise<void> {
    checkTransactionIds([transactionId]);
    await this.q(atomic(`
      DELETE FROM dbo.upload_queue WHERE transaction_id = @id;
      UPDATE dbo.rejected_uploads SET reason = @reason, rejected_at = SYSUTCDATETIME() WHERE transaction_id = @id;
      IF @@ROWCOUNT = 0 INSERT INTO dbo.rejected_uploads (transaction_id, reason, rejected_at) VALUES (@id, @reason, SYSUTCDATETIME());`),
    { id: [types.id, transactionId], reason: [types.longText, String(reason).slice(0, 2000)] });
  }

  async recordUploadAttempt(transactionIds: readonly string[]): Promise<void> {
    await this.q(`UPDATE dbo.upload_queue SET attempts = attempts + 1, last_attempt_at = SYSUTCDATETIME()
      WHERE transaction_id IN (SELECT value FROM OPENJSON(@ids))`, { ids: [types.longText, JSON.stringify(checkTransactionIds(transactionIds))] });
  }

  async getPendingUploadSummary(): Promise<PendingUploadSummary> {
    const [row] = await this.q<{ count: number; oldest: Date | null; rejected: number }>(`SELECT
      (SELECT COUNT(*) FROM dbo.upload_queue) AS count, (SELECT TOP 1 enqueued_at FROM dbo.upload_queue ORDER BY seq) AS oldest,
      (SELECT COUNT(*) FROM dbo.rejected_uploads) AS rejected`);
    return { count: row?.count ?? 0, oldestEnqueuedAt: iso(row?.oldest ?? null), rejected: row?.rejected ?? 0 };
  }

  async listRejectedUploads(): Promise<RejectedUpload[]> {
    const rows = await this.q<{ transactionId: string; reason: string; rejectedAt: Date }>(
      'SELECT transaction_id AS transactionId, reason, rejected_at AS rejectedAt FROM dbo.rejected_uploads ORDER BY rejected_at, transaction_id');
    return rows.map((r) => ({ ...r, rejectedAt: r.rejectedAt.toISOString() }));
  }

  async getOfflineTransaction(transactionId: string): Promise<SalesTransaction | null> {
    const [row] = await this.q<{ body: string }>('SELECT body FROM dbo.offline_transactions WHERE transaction_id = @id', { id: [types.id, transactionId] });
    return row ? (JSON.parse(row.body) as SalesTransaction) : null;
  }

  async applyDataPackage(info: DataPackageInfo, rows: AsyncIterable<DataPackageLine>, onProgress?: (p: ApplyProgress) => void): Promise<ApplyPackageResult> {
    if (this.closed) throw new OfflineStoreError('Closed', `the offline store ${this.location} is closed`);
    return applySqlServerPackage(this.pool, info, rows, onProgress, async (tx, rowsApplied) => {
      await bind(new sql.Request(tx), ledgerParams(info, 'Applied', null, rowsApplied)).query(ledgerUpsert);
    });
  }

  async recordPackageStatus(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<PackageLedgerEntry> {
    const [row] = await this.q<LedgerRow>(atomic(ledgerUpsert), ledgerParams(info, status, error, info.rows));
    return toLedgerEntry(row!);
  }

  async listPackages(limit: number): Promise<PackageLedgerEntry[]> {
    checkCount('limit', limit, 1);
    const rows = await this.q<LedgerRow>(`SELECT TOP (@limit) ${ledgerColumns} FROM dbo.package_ledger ORDER BY [sequence] DESC, updated_at DESC`, { limit: [types.int, limit] });
    return rows.map(toLedgerEntry);
  }

  async getLastAppliedPackage(): Promise<PackageLedgerEntry | null> {
    const [row] = await this.q<LedgerRow>(`SELECT TOP 1 ${ledgerColumns} FROM dbo.package_ledger WHERE status = N'Applied' ORDER BY [sequence] DESC`);
    return row ? toLedgerEntry(row) : null;
  }

  async nextNumber(sequence: string, seed: number): Promise<number> {
    if (typeof sequence !== 'string' || sequence === '') throw invalidArgument('sequence must be a non-empty string');
    checkCount('seed', seed, 0, Number.MAX_SAFE_INTEGER - 1);
    const [row] = await this.q<{ value: string }>(atomic(`
      DECLARE @out TABLE (value BIGINT);
      UPDATE dbo.number_sequences WITH (UPDLOCK, HOLDLOCK) SET last_value = (CASE WHEN last_value > @seed THEN last_value ELSE @seed END) + 1
        OUTPUT inserted.last_value INTO @out WHERE name = @name;
      IF @@ROWCOUNT = 0 INSERT INTO dbo.number_sequences (name, last_value) OUTPUT inserted.last_value INTO @out VALUES (@name, @seed + 1);
      SELECT value FROM @out;`), { name: [types.text, sequence], seed: [types.bigint, seed] });
    return Number(row?.value);
  }

  async getLastNumber(sequence: string): Promise<number> {
    const [row] = await this.q<{ value: string }>('SELECT last_value AS value FROM dbo.number_sequences WHERE name = @name', { name: [types.text, sequence] });
    return row ? Number(row.value) : 0;
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const [row] = await this.q<{ value: string }>('SELECT value FROM dbo.settings WHERE setting_key = @key', { key: [types.text, key] });
    return row ? (JSON.parse(row.value) as T) : null;
  }

  /** Stores `value` as JSON; `undefined` removes the key. */
  async setSetting(key: string, value: unknown): Promise<void> {
    if (typeof key !== 'string' || key === '') throw invalidArgument('setting key must be a non-empty string');
    if (value === undefined) {
      await this.q('DELETE FROM dbo.settings WHERE setting_key = @key', { key: [types.text, key] });
      return;
    }
    await this.q(atomic(`
      UPDATE dbo.settings WITH (UPDLOCK, HOLDLOCK) SET value = @value WHERE setting_key = @key;
      IF @@ROWCOUNT = 0 INSERT INTO dbo.settings (setting_key, value) VALUES (@key, @value);`),
    { key: [types.text, key], value: [types.longText, JSON.stringify(value)] });
  }

  async describe(): Promise<OfflineStoreDescription> {
    // Express's 10 GB cap counts data files only, so the log is left out of the size too.
    const [row] = await this.q<{ bytes: string }>('SELECT CAST(SUM(CAST(size AS BIGINT)) * 8192 AS BIGINT) AS bytes FROM sys.database_files WHERE type = 0');
    return { kind: 'sqlserver', location: this.location, sizeBytes: Number(row?.bytes ?? 0), sizeLimitBytes: expressLimitBytes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }
}
