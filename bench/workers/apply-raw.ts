/**
 * Child process of scenario 7, the anchor: the same rows as the package, parsed into memory first
 * (not timed), then one raw better-sqlite3 bulk insert in one transaction into a file with the
 * offline store's schema and pragmas (WAL, synchronous FULL, same page cache), plus the one FTS
 * index build the store also does, so both end with the same searchable catalogue.
 * Argument: JSON { packageFile, dbPath }. Prints one JSON line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { SqliteOfflineStore } from '../../src/offline/store/index.js';

interface Args {
  readonly packageFile: string;
  readonly dbPath: string;
}
type Line = { table: string; row: Record<string, unknown> };

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const products: unknown[][] = [];
const prices: unknown[][] = [];
const customers: unknown[][] = [];
let header = true;
for await (const text of createInterface({ input: createReadStream(args.packageFile, { encoding: 'utf8' }), crlfDelay: Infinity })) {
  if (header) {
    header = false;
    continue;
  }
  const { table, row: r } = JSON.parse(text) as Line;
  if (table === 'products') products.push([r.productId, r.barcode, r.name, r.category, r.price]);
  else if (table === 'prices') prices.push([r.productId, r.validFrom, r.validTo ?? null, r.price]);
  else if (table === 'customers') customers.push([r.customerId, r.name, r.email ?? null, r.phone ?? null]);
}

await (await SqliteOfflineStore.open(args.dbPath)).close();
const db = new Database(args.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('cache_size = -65536');
const insertProduct = db.prepare('INSERT INTO products (product_id, barcode, name, category, price) VALUES (?, ?, ?, ?, ?)');
const insertPrice = db.prepare('INSERT INTO prices (product_id, valid_from, valid_to, price) VALUES (?, ?, ?, ?)');
const insertCustomer = db.prepare('INSERT INTO customers (customer_id, name, email, phone) VALUES (?, ?, ?, ?)');

const t0 = performance.now();
db.exec('BEGIN IMMEDIATE');
for (const p of products) insertProduct.run(p);
for (const p of prices) insertPrice.run(p);
for (const c of customers) insertCustomer.run(c);
const insertMs = performance.now() - t0;
db.exec(`INSERT INTO products_fts (products_fts) VALUES ('rebuild')`);
db.exec('COMMIT');
const ms = performance.now() - t0;
db.close();
process.stdout.write(`${JSON.stringify({ ok: true, ms, insertMs, ftsMs: ms - insertMs, rows: products.length + prices.length + customers.length, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exit(0);
