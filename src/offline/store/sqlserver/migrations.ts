import type { Migration } from '../sqlite/migrations.js';

/**
 * The same schema as SQLite, in T-SQL; `dbo.schema_version` holds the last step applied. Text search
 * uses LIKE because Full-Text Search is an optional SQL Server feature Express often lacks.
 * Step bodies hold no GO separators: each runs as one batch inside the migration transaction.
 */
export const sqlServerMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'catalogue, offline sales, upload outbox, package ledger, settings, number sequences',
    sql: `
      CREATE TABLE dbo.products (
        product_id NVARCHAR(100) NOT NULL PRIMARY KEY,
        barcode NVARCHAR(100) NOT NULL,
        name NVARCHAR(400) NOT NULL,
        category NVARCHAR(200) NOT NULL,
        price DECIMAL(19, 4) NOT NULL
      );
      CREATE UNIQUE INDEX products_barcode ON dbo.products (barcode);
      CREATE TABLE dbo.prices (
        product_id NVARCHAR(100) NOT NULL,
        valid_from DATETIME2(3) NOT NULL,
        valid_to DATETIME2(3) NULL,
        price DECIMAL(19, 4) NOT NULL,
        CONSTRAINT prices_pk PRIMARY KEY (product_id, valid_from)
      );
      CREATE TABLE dbo.customers (
        customer_id NVARCHAR(100) NOT NULL PRIMARY KEY,
        name NVARCHAR(400) NOT NULL,
        email NVARCHAR(400) NULL,
        phone NVARCHAR(100) NULL
      );
      CREATE TABLE dbo.offline_transactions (
        transaction_id NVARCHAR(100) NOT NULL PRIMARY KEY,
        receipt_id NVARCHAR(100) NOT NULL,
        total DECIMAL(19, 4) NOT NULL,
        local_time NVARCHAR(40) NOT NULL,
        server_time_offset_ms BIGINT NOT NULL,
        created_at DATETIME2(3) NOT NULL,
        uploaded_at DATETIME2(3) NULL,
        body NVARCHAR(MAX) NOT NULL
      );
      -- IDENTITY keeps the outbox in enqueue order; gaps are harmless, order is what matters.
      CREATE TABLE dbo.upload_queue (
        seq BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
        transaction_id NVARCHAR(100) NOT NULL CONSTRAINT upload_queue_transaction UNIQUE,
        enqueued_at DATETIME2(3) NOT NULL,
        attempts INT NOT NULL DEFAULT 0,
        last_attempt_at DATETIME2(3) NULL
      );
      CREATE TABLE dbo.rejected_uploads (
        transaction_id NVARCHAR(100) NOT NULL PRIMARY KEY,
        reason NVARCHAR(2000) NOT NULL,
        rejected_at DATETIME2(3) NOT NULL
      );
      CREATE TABLE dbo.package_ledger (
        package_id NVARCHAR(200) NOT NULL PRIMARY KEY,
        [sequence] BIGINT NOT NULL,
        kind NVARCHAR(16) NOT NULL,
        status NVARCHAR(32) NOT NULL,
        attempts INT NOT NULL DEFAULT 0,
        error NVARCHAR(2000) NULL,
        bytes BIGINT NOT NULL,
        [rows] BIGINT NOT NULL,
        updated_at DATETIME2(3) NOT NULL
      );
      CREATE INDEX package_ledger_sequence ON dbo.package_ledger ([sequence]);
      CREATE TABLE dbo.settings (
        setting_key NVARCHAR(200) NOT NULL PRIMARY KEY,
        value NVARCHAR(MAX) NOT NULL
      );
      CREATE TABLE dbo.number_sequences (
        name NVARCHAR(200) NOT NULL PRIMARY KEY,
        last_value BIGINT NOT NULL
      );
    `,
  },
];

export const latestSqlServerSchemaVersion = sqlServerMigrations.at(-1)?.version ?? 0;

/** Creates the version table if needed and takes a transaction-scoped lock so two registers never migrate at once. */
export const lockAndReadSchemaVersion = `
  EXEC sp_getapplock @Resource = N'offline_store_migration', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  IF OBJECT_ID(N'dbo.schema_version', N'U') IS NULL
    CREATE TABLE dbo.schema_version (id INT NOT NULL PRIMARY KEY CHECK (id = 1), version INT NOT NULL);
  SELECT COALESCE((SELECT version FROM dbo.schema_version WHERE id = 1), 0) AS version;`;

export const writeSchemaVersion = `
  UPDATE dbo.schema_version SET version = @version WHERE id = 1;
  IF @@ROWCOUNT = 0 INSERT INTO dbo.schema_version (id, version) VALUES (1, @version);`;
