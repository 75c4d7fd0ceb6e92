import type { DataPackageKind, DataPackageLine } from '#pos-api';
import type { ChannelDb } from '../db/channel-database.js';
import { toCustomer, toProduct } from '../db/catalogue-store.js';

interface PriceRow { product_id: string; price: number; valid_from: string; valid_to: string | null }

/** Changes in (after, upTo] of the change log, one row per changed key. */
const changedKeys = 'SELECT DISTINCT tbl, key FROM change_log WHERE seq > @after AND seq <= @upTo';

/**
 * The row lines of a package, read from a snapshot connection. Full: the whole catalogue. Delta:
 * the current state of every key changed since the register's last package (a key whose row is
 * gone becomes a delete), and every price row of a product whose price changed, so the register
 * also learns the closing date of the old price. Rows are yielded one at a time from SQLite
 * iterators, so memory stays flat however big the catalogue.
 */
export class PackageRows {
  constructor(private readonly reader: ChannelDb) {}

  /** The highest change log entry in the snapshot: what a package made now covers. */
  changeHighWater(): number {
    return (this.reader.prepare('SELECT COALESCE(MAX(seq), 0) FROM change_log').pluck().get() as number);
  }

  count(kind: DataPackageKind, after: number, upTo: number): number {
    if (kind === 'full') {
      return this.reader.prepare('SELECT (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM prices) + (SELECT COUNT(*) FROM customers)').pluck().get() as number;
    }
    return this.reader.prepare(`WITH ch AS (${changedKeys})
        SELECT (SELECT COUNT(*) FROM ch WHERE tbl IN ('products', 'customers'))
             + (SELECT COUNT(*) FROM prices p JOIN ch ON ch.tbl = 'prices' AND ch.key = p.product_id)`).pluck().get({ after, upTo }) as number;
  }

  *lines(kind: DataPackageKind, after: number, upTo: number): Generator<DataPackageLine> {
    if (kind === 'full') {
      for (const row of this.reader.prepare('SELECT * FROM products ORDER BY product_id').iterate()) {
        yield { table: 'products', op: 'upsert', row: toProduct(row as unknown as Parameters<typeof toProduct>[0]) };
      }
      for (const row of this.reader.prepare('SELECT * FROM prices ORDER BY product_id, valid_from').iterate()) yield priceLine(row as PriceRow);
      for (const row of this.reader.prepare('SELECT * FROM customers ORDER BY customer_id').iterate()) {
        yield { table: 'customers', op: 'upsert', row: toCustomer(row as unknown as Parameters<typeof toCustomer>[0]) };
      }
      return;
    }
    const products = this.reader.prepare(`WITH ch AS (${changedKeys}) SELECT ch.key, p.* FROM ch
        LEFT JOIN products p ON p.product_id = ch.key WHERE ch.tbl = 'products' ORDER BY ch.key`);
    for (const row of products.iterate({ after, upTo }) as Iterable<{ key: string; product_id: string | null }>) {
      yield row.product_id === null
        ? { table: 'products', op: 'delete', key: row.key }
        : { table: 'products', op: 'upsert', row: toProduct(row as unknown as Parameters<typeof toProduct>[0]) };
    }
    const prices = this.reader.prepare(`WITH ch AS (${changedKeys}) SELECT p.* FROM prices p
        JOIN ch ON ch.tbl = 'prices' AND ch.key = p.product_id ORDER BY p.product_id, p.valid_from`);
    for (const row of prices.iterate({ after, upTo })) yield priceLine(row as PriceRow);
    const customers = this.reader.prepare(`WITH ch AS (${changedKeys}) SELECT ch.key, c.* FROM ch
        LEFT JOIN customers c ON c.customer_id = ch.key WHERE ch.tbl = 'customers' ORDER BY ch.key`);
    for (const row of customers.iterate({ after, upTo }) as Iterable<{ key: string; customer_id: string | null }>) {
      yield row.customer_id === null
        ? { table: 'customers', op: 'delete', key: row.key }
        : { table: 'customers', op: 'upsert', row: toCustomer(row as unknown as Parameters<typeof toCustomer>[0]) };
    }
  }
}

function priceLine(row: PriceRow): DataPackageLine {
  return { table: 'prices', op: 'upsert', row: { productId: row.product_id, price: row.price, validFrom: row.valid_from, validTo: row.valid_to } };
}
