import type { Customer, Product } from '#pos-api';
import type { ChannelDb } from './channel-database.js';
import { HttpError } from '../http/http-error.js';

interface ProductRow { product_id: string; barcode: string; name: string; category: string; price: number }
interface CustomerRow { customer_id: string; name: string; email: string | null; phone: string | null }

export function toProduct(row: ProductRow): Product {
  return { productId: row.product_id, barcode: row.barcode, name: row.name, category: row.category, price: row.price };
}

export function toCustomer(row: CustomerRow): Customer {
  return { customerId: row.customer_id, name: row.name, email: row.email, phone: row.phone };
}

/** A partial product from the admin API: new products need every field, existing ones any subset. */
export interface ProductChange {
  readonly productId: string;
  readonly barcode?: string;
  readonly name?: string;
  readonly category?: string;
  readonly price?: number;
}

export interface CustomerChange {
  readonly customerId: string;
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
}

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Catalogue reads for registers and catalogue writes for the admin side (with change log). */
export class CatalogueStore {
  constructor(private readonly db: ChannelDb) {}

  productByBarcode(barcode: string): Product | undefined {
    const row = this.db.prepare('SELECT * FROM products WHERE barcode = ?').get(barcode) as ProductRow | undefined;
    return row && toProduct(row);
  }

  productById(id: string): Product | undefined {
    const row = this.db.prepare('SELECT * FROM products WHERE product_id = ?').get(id) as ProductRow | undefined;
    return row && toProduct(row);
  }

  searchProducts(search: string, skip: number, top: number): Product[] {
    const rows = search === ''
      ? this.db.prepare('SELECT * FROM products ORDER BY product_id LIMIT ? OFFSET ?').all(top, skip)
      : this.db.prepare(`SELECT * FROM products WHERE name LIKE ? ESCAPE '\\' OR barcode = ? OR product_id = ?
          ORDER BY product_id LIMIT ? OFFSET ?`).all(likeContains(search), search, search, top, skip);
    return (rows as ProductRow[]).map(toProduct);
  }

  searchCustomers(search: string, top: number): Customer[] {
    const pattern = likeContains(search);
    const rows = this.db.prepare(`SELECT * FROM customers WHERE name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'
        OR phone LIKE ? ESCAPE '\\' OR customer_id = ? ORDER BY customer_id LIMIT ?`).all(pattern, pattern, pattern, search, top);
    return (rows as CustomerRow[]).map(toCustomer);
  }

  /**
   * Upserts products and deletes others in one transaction. A price change closes the open price
   * row and opens a new one, and is logged for the next delta package.
   */
  changeProducts(changes: readonly ProductChange[], deleteIds: readonly string[] = []): { upserted: number; deleted: number } {
    const now = new Date().toISOString();
    const log = this.db.prepare('INSERT INTO change_log (tbl, key, changed_at) VALUES (?, ?, ?)');
    const closePrice = this.db.prepare('UPDATE prices SET valid_to = ? WHERE product_id = ? AND valid_to IS NULL');
    const openPrice = this.db.prepare(`INSERT INTO prices (product_id, price, valid_from, valid_to) VALUES (?, ?, ?, NULL)
        ON CONFLICT (product_id, valid_from) DO UPDATE SET price = excluded.price, valid_to = NULL`);
    const write = this.db.transaction(() => {
      changes.forEach((change, i) => {
        const current = this.productById(change.productId);
        const next = { ...current, ...definedFields(change) } as Partial<Product>;
        for (const field of ['barcode', 'name', 'category', 'price'] as const) {
          if (next[field] === undefined) throw HttpError.invalid(`body.products.${i}.${field}`, `a new product needs ${field}`);
        }
        const clash = this.productByBarcode(next.barcode!);
        if (clash && clash.productId !== change.productId) {
          throw new HttpError(409, 'Conflict', `body.products.${i}.barcode ${next.barcode} belongs to product ${clash.productId}`);
        }
        this.db.prepare(`INSERT INTO products (product_id, barcode, name, category, price) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (product_id) DO UPDATE SET barcode = excluded.barcode, name = excluded.name,
            category = excluded.category, price = excluded.price`).run(change.productId, next.barcode!, next.name!, next.category!, next.price!);
        log.run('products', change.productId, now);
        if (current?.price !== next.price) {
          closePrice.run(now, change.productId);
          openPrice.run(change.productId, next.price!, now);
          log.run('prices', change.productId, now);
        }
      });
      let deleted = 0;
      for (const id of deleteIds) {
        const gone = this.db.prepare('DELETE FROM products WHERE product_id = ?').run(id).changes;
        this.db.prepare('DELETE FROM prices WHERE product_id = ?').run(id);
        if (gone > 0) log.run('products', id, now);
        deleted += gone;
      }
      return { upserted: changes.length, deleted };
    });
    return write();
  }

  changeCustomers(changes: readonly CustomerChange[], deleteIds: readonly string[] = []): { upserted: number; deleted: number } {
    const now = new Date().toISOString();
    const log = this.db.prepare('INSERT INTO change_log (tbl, key, changed_at) VALUES (?, ?, ?)');
    const write = this.db.transaction(() => {
      changes.forEach((change, i) => {
        const row = this.db.prepare('SELECT * FROM customers WHERE customer_id = ?').get(change.customerId) as CustomerRow | undefined;
        const next = { ...(row && toCustomer(row)), ...definedFields(change) } as Partial<Customer>;
        if (next.name === undefined) throw HttpError.invalid(`body.customers.${i}.name`, 'a new customer needs name');
        this.db.prepare(`INSERT INTO customers (customer_id, name, email, phone) VALUES (?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone`)
          .run(change.customerId, next.name, next.email ?? null, next.phone ?? null);
        log.run('customers', change.customerId, now);
      });
      let deleted = 0;
      for (const id of deleteIds) {
        const gone = this.db.prepare('DELETE FROM customers WHERE customer_id = ?').run(id).changes;
        if (gone > 0) log.run('customers', id, now);
        deleted += gone;
      }
      return { upserted: changes.length, deleted };
    });
    return write();
  }
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
