/**
 * Schema steps, applied in order on open; `PRAGMA user_version` holds the last one applied. Never
 * edit a shipped step: add a new one, so every register walks the same path to the same schema.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'catalogue, offline sales, upload outbox, package ledger, settings, number sequences',
    sql: `
      -- id is an INTEGER PRIMARY KEY (a stable rowid) because the FTS index refers to rows by rowid;
      -- an implicit rowid may change on VACUUM and would silently break search.
      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL UNIQUE,
        barcode TEXT NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        price REAL NOT NULL
      );
      CREATE UNIQUE INDEX products_barcode ON products (barcode);
      -- External content: the text lives once, in products. Kept in step by the store, not by
      -- triggers: a full package rebuilds the index in one pass, 4x faster than per-row triggers.
      CREATE VIRTUAL TABLE products_fts USING fts5 (
        name, barcode, category,
        content = 'products', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TABLE prices (
        product_id TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        price REAL NOT NULL,
        PRIMARY KEY (product_id, valid_from)
      ) WITHOUT ROWID;
      CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT
      ) WITHOUT ROWID;

      CREATE TABLE offline_transactions (
        transaction_id TEXT PRIMARY KEY,
        receipt_id TEXT NOT NULL,
        total REAL NOT NULL,
        local_time TEXT NOT NULL,
        server_time_offset_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        uploaded_at TEXT,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      -- AUTOINCREMENT: seq never goes back after deletes, so the outbox stays in enqueue order.
      CREATE TABLE upload_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        transaction_id TEXT NOT NULL UNIQUE,
        enqueued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT
      );
      CREATE TABLE rejected_uploads (
        transaction_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        rejected_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE package_ledger (
        package_id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        bytes INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX package_ledger_sequence ON package_ledger (sequence);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE number_sequences (
        name TEXT PRIMARY KEY,
        last_value INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

export const latestSqliteSchemaVersion = sqliteMigrations.at(-1)?.version ?? 0;
