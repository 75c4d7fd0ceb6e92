import type Database from 'better-sqlite3';

type Statement = Database.Statement;

const productColumns = 'p.product_id AS productId, p.barcode, p.name, p.category, p.price';
const ledgerColumns =
  'package_id AS packageId, sequence, kind, status, attempts, error, bytes, rows, updated_at AS updatedAt';
/** What a price defaults to when only the product's list price exists: in effect since forever. */
export const listPriceValidFrom = '1970-01-01T00:00:00.000Z';

/** Reads run on the read-only connection: they see committed data only, never a package half applied. */
export function prepareReads(db: Database.Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    productByBarcode: s(`SELECT ${productColumns} FROM products p WHERE p.barcode = ?`),
    // json_each: one statement for any number of ids, in the caller's order.
    productsByIds: s(`SELECT ${productColumns} FROM json_each(?) j JOIN products p ON p.product_id = j.value ORDER BY j.key`),
    // ORDER BY rowid is FTS5's native order: stable pages without sorting the matches.
    searchProducts: s(
      `SELECT ${productColumns} FROM products_fts f JOIN products p ON p.id = f.rowid
       WHERE products_fts MATCH ? ORDER BY f.rowid LIMIT ? OFFSET ?`,
    ),
    browseProducts: s(`SELECT ${productColumns} FROM products p ORDER BY p.id LIMIT ? OFFSET ?`),
    prices: s(
      `SELECT p.product_id AS productId, coalesce(pr.price, p.price) AS price,
              coalesce(pr.valid_from, '${listPriceValidFrom}') AS validFrom, pr.valid_to AS validTo
       FROM json_each(@ids) j JOIN products p ON p.product_id = j.value
       LEFT JOIN prices pr ON pr.product_id = p.product_id AND pr.valid_from = (
         SELECT max(x.valid_from) FROM prices x
         WHERE x.product_id = p.product_id AND x.valid_from <= @at AND (x.valid_to IS NULL OR x.valid_to > @at))
       ORDER BY j.key`,
    ),
    // Every token (a LIKE pattern in a JSON array) must appear in one of the customer's fields.
    searchCustomers: s(
      `SELECT c.customer_id AS customerId, c.name, c.email, c.phone FROM customers c
       WHERE NOT EXISTS (SELECT 1 FROM json_each(@patterns) t WHERE NOT (
         c.name LIKE t.value ESCAPE '\\' OR c.customer_id LIKE t.value ESCAPE '\\'
         OR coalesce(c.email, '') LIKE t.value ESCAPE '\\' OR coalesce(c.phone, '') LIKE t.value ESCAPE '\\'))
       ORDER BY c.name, c.customer_id LIMIT @top`,
    ),
    customer: s('SELECT customer_id AS customerId, name, email, phone FROM customers WHERE customer_id = ?'),
    transactionBody: s('SELECT body FROM offline_transactions WHERE transaction_id = ?').pluck(),
    uploadBatch: s(
      `SELECT q.transaction_id AS transactionId, t.body, q.enqueued_at AS enqueuedAt, q.attempts
       FROM upload_queue q JOIN offline_transactions t ON t.transaction_id = q.transaction_id ORDER BY q.seq LIMIT ?`,
    ),
    uploadSummary: s(
      `SELECT (SELECT count(*) FROM upload_queue) AS count,
              (SELECT enqueued_at FROM upload_queue ORDER BY seq LIMIT 1) AS oldestEnqueuedAt,
              (SELECT count(*) FROM rejected_uploads) AS rejected`,
    ),
    rejectedUploads: s(
      'SELECT transaction_id AS transactionId, reason, rejected_at AS rejectedAt FROM rejected_uploads ORDER BY rejected_at, transaction_id',
    ),
    packages: s(`SELECT ${ledgerColumns} FROM package_ledger ORDER BY sequence DESC, updated_at DESC LIMIT ?`),
    lastApplied: s(`SELECT ${ledgerColumns} FROM package_ledger WHERE status = 'Applied' ORDER BY sequence DESC LIMIT 1`),
    setting: s('SELECT value FROM settings WHERE key = ?').pluck(),
    lastNumber: s('SELECT last_value FROM number_sequences WHERE name = ?').pluck(),
    size: s('SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()').pluck(),
  };
}

export function prepareWrites(db: Database.Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    insertSale: s(
      `INSERT INTO offline_transactions (transaction_id, receipt_id, total, local_time, server_time_offset_ms, created_at, body)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO NOTHING`,
    ),
    enqueue: s('INSERT INTO upload_queue (transaction_id, enqueued_at) VALUES (?, ?) ON CONFLICT (transaction_id) DO NOTHING'),
    saleState: s('SELECT uploaded_at AS uploadedAt FROM offline_transactions WHERE transaction_id = ?'),
    dequeue: s('DELETE FROM upload_queue WHERE transaction_id = ?'),
    // Set-based forms for a whole confirmed batch: three statements per batch instead of three per sale.
    dequeueMany: s('DELETE FROM upload_queue WHERE transaction_id IN (SELECT value FROM json_each(?))'),
    markUploadedMany: s('UPDATE offline_transactions SET uploaded_at = coalesce(uploaded_at, ?) WHERE transaction_id IN (SELECT value FROM json_each(?))'),
    unrejectMany: s('DELETE FROM rejected_uploads WHERE transaction_id IN (SELECT value FROM json_each(?))'),
    unreject: s('DELETE FROM rejected_uploads WHERE transaction_id = ?'),
    reject: s(
      `INSERT INTO rejected_uploads (transaction_id, reason, rejected_at) VALUES (?, ?, ?)
       ON CONFLICT (transaction_id) DO UPDATE SET reason = excluded.reason, rejected_at = excluded.rejected_at`,
    ),
    attempt: s('UPDATE upload_queue SET attempts = attempts + 1, last_attempt_at = ? WHERE transaction_id = ?'),
    ledger: s(
      `INSERT INTO package_ledger (package_id, sequence, kind, status, attempts, error, bytes, rows, updated_at)
       VALUES (@packageId, @sequence, @kind, @status, @failed, @error, @bytes, @rows, @updatedAt)
       ON CONFLICT (package_id) DO UPDATE SET sequence = excluded.sequence, kind = excluded.kind, status = excluded.status,
         attempts = attempts + excluded.attempts, error = excluded.error, bytes = excluded.bytes, rows = excluded.rows,
         updated_at = excluded.updated_at
       RETURNING ${ledgerColumns}`,
    ),
    nextNumber: s(
      `INSERT INTO number_sequences (name, last_value) VALUES (@name, @seed + 1)
       ON CONFLICT (name) DO UPDATE SET last_value = max(last_value, @seed) + 1 RETURNING last_value`,
    ).pluck(),
    setSetting: s('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteSetting: s('DELETE FROM settings WHERE key = ?'),
  };
}

/** Package rows. Products keep FTS in step by hand (see migrations) except in full packages, which rebuild it. */
export function preparePackageWrites(db: Database.Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  const upsertProduct = `INSERT INTO products (product_id, barcode, name, category, price) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (product_id) DO UPDATE SET barcode = excluded.barcode, name = excluded.name,
      category = excluded.category, price = excluded.price`;
  return {
    upsertProduct: s(upsertProduct),
    upsertProductReturningId: s(`${upsertProduct} RETURNING id`).pluck(),
    productForFts: s('SELECT id, name, barcode, category FROM products WHERE product_id = ?'),
    ftsDelete: s(`INSERT INTO products_fts (products_fts, rowid, name, barcode, category) VALUES ('delete', ?, ?, ?, ?)`),
    ftsInsert: s('INSERT INTO products_fts (rowid, name, barcode, category) VALUES (?, ?, ?, ?)'),
    deleteProduct: s('DELETE FROM products WHERE id = ?'),
    deleteProductPrices: s('DELETE FROM prices WHERE product_id = ?'),
    upsertPrice: s(
      `INSERT INTO prices (product_id, valid_from, valid_to, price) VALUES (?, ?, ?, ?)
       ON CONFLICT (product_id, valid_from) DO UPDATE SET valid_to = excluded.valid_to, price = excluded.price`,
    ),
    upsertCustomer: s(
      `INSERT INTO customers (customer_id, name, email, phone) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone`,
    ),
    deleteCustomer: s('DELETE FROM customers WHERE customer_id = ?'),
  };
}

export type SqliteReads = ReturnType<typeof prepareReads>;
export type SqliteWrites = ReturnType<typeof prepareWrites>;
export type SqlitePackageWrites = ReturnType<typeof preparePackageWrites>;
