import type Database from 'better-sqlite3';
import type { DataPackageInfo, DataPackageLine } from '#pos-api';
import type { ApplyPackageResult, ApplyProgress, PackageLedgerEntry } from '../OfflineStore.js';
import { OfflineStoreError } from '../OfflineStoreError.js';
import { checkRowCount, validatePackageHeader, validatePackageLine, type PackageChange } from '../packageLines.js';
import { preparePackageWrites, type SqlitePackageWrites, type SqliteWrites } from './sqliteStatements.js';

const progressEveryRows = 1000;
/** Page cache during a full package, in KiB (negative: SQLite's unit for a size rather than pages). */
const fullLoadCacheSize = -8192;

interface FtsRow {
  readonly id: number;
  readonly name: string;
  readonly barcode: string;
  readonly category: string;
}

/**
 * Applies one data package in one SQLite transaction. better-sqlite3 transactions cannot span an
 * `await`, so this holds an explicit BEGIN IMMEDIATE ... COMMIT around the stream; the store makes
 * every other write wait meanwhile, and reads use another connection that sees only committed data.
 */
export class SqlitePackageApplier {
  private readonly s: SqlitePackageWrites;

  constructor(
    private readonly db: Database.Database,
    private readonly writes: SqliteWrites,
    private readonly isClosed: () => boolean,
  ) {
    this.s = preparePackageWrites(db);
  }

  async apply(info: DataPackageInfo, lines: AsyncIterable<DataPackageLine>, onProgress?: (p: ApplyProgress) => void): Promise<ApplyPackageResult> {
    const full = info.kind === 'full';
    let lineNo = 0;
    let expectedRows = 0;
    // A full package is a bulk load: a small page cache keeps peak memory flat whatever the
    // catalogue's size (the index sort spills to temp files instead of growing with the rows).
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    if (full) this.db.pragma(`cache_size = ${fullLoadCacheSize}`);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      // A full package replaces the catalogue. The barcode index and the FTS index are built once at
      // the end (bulk-building an index beats maintaining it row by row); the DDL is part of the
      // transaction, so a failure anywhere restores both.
      if (full) this.db.exec('DELETE FROM products; DELETE FROM prices; DELETE FROM customers; DROP INDEX products_barcode;');
      for await (const line of lines) {
        if (this.isClosed()) throw new OfflineStoreError('Closed', 'the offline store was closed while a data package was being applied');
        lineNo += 1;
        if (lineNo === 1) {
          expectedRows = validatePackageHeader(line, info).rows;
          continue;
        }
        this.write(validatePackageLine(line, lineNo), full, lineNo);
        if ((lineNo - 1) % progressEveryRows === 0) onProgress?.({ rows: lineNo - 1 });
      }
      if (lineNo === 0) throw new OfflineStoreError('InvalidPackage', `data package ${info.id} is empty: line 1 must be its header`);
      const rowsApplied = lineNo - 1;
      checkRowCount(expectedRows, rowsApplied, lineNo);
      if (full) this.rebuildIndexes(info);
      this.writes.ledger.get({
        packageId: info.id, sequence: info.sequence, kind: info.kind, status: 'Applied', failed: 0,
        error: null, bytes: info.bytes, rows: rowsApplied, updatedAt: new Date().toISOString(),
      }) as PackageLedgerEntry;
      this.db.exec('COMMIT');
      onProgress?.({ rows: rowsApplied });
      return { rowsApplied };
    } catch (error) {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      if (full && this.db.open) this.db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  private rebuildIndexes(info: DataPackageInfo): void {
    try {
      this.db.exec('CREATE UNIQUE INDEX products_barcode ON products (barcode)');
    } catch (error) {
      const duplicate = this.db
        .prepare('SELECT barcode, group_concat(product_id, \', \') AS products FROM products GROUP BY barcode HAVING count(*) > 1 LIMIT 1')
        .get() as { barcode: string; products: string } | undefined;
      const what = duplicate ? `barcode ${JSON.stringify(duplicate.barcode)} belongs to more than one product (${duplicate.products})` : (error as Error).message;
      throw new OfflineStoreError('InvalidPackage', `data package ${info.id}: ${what}`, { cause: error });
    }
    this.db.exec(`INSERT INTO products_fts (products_fts) VALUES ('rebuild')`);
  }

  private write(change: PackageChange, full: boolean, lineNo: number): void {
    try {
      if (change.table === 'products') {
        if (change.op === 'delete') this.deleteProduct(change.key, full);
        else if (full) {
          const r = change.row;
          this.s.upsertProduct.run(r.productId, r.barcode, r.name, r.category, r.price);
        } else this.upsertProductWithFts(change.row);
      } else if (change.table === 'prices') {
        const r = change.row;
        this.s.upsertPrice.run(r.productId, r.validFrom, r.validTo, r.price);
      } else if (change.op === 'upsert') {
        const r = change.row;
        this.s.upsertCustomer.run(r.customerId, r.name, r.email, r.phone);
      } else this.s.deleteCustomer.run(change.key);
    } catch (error) {
      if (OfflineStoreError.is(error)) throw error;
      // A constraint (e.g. a barcode already used by another product) is the package's fault.
      throw new OfflineStoreError('InvalidPackage', `data package line ${lineNo}: ${(error as Error).message}`, { cause: error });
    }
  }

  private upsertProductWithFts(row: { productId: string; barcode: string; name: string; category: string; price: number }): void {
    const old = this.s.productForFts.get(row.productId) as FtsRow | undefined;
    if (old) this.s.ftsDelete.run(old.id, old.name, old.barcode, old.category);
    const id = this.s.upsertProductReturningId.get(row.productId, row.barcode, row.name, row.category, row.price) as number;
    this.s.ftsInsert.run(id, row.name, row.barcode, row.category);
  }

  private deleteProduct(productId: string, full: boolean): void {
    const old = this.s.productForFts.get(productId) as FtsRow | undefined;
    if (!old) return;
    // In a full package the index is stale until the final rebuild: touching it would only cost time.
    if (!full) this.s.ftsDelete.run(old.id, old.name, old.barcode, old.category);
    this.s.deleteProduct.run(old.id);
    this.s.deleteProductPrices.run(productId);
  }
}
