import sql from 'mssql';
import type { DataPackageInfo, DataPackageLine } from '#pos-api';
import type { ApplyPackageResult, ApplyProgress } from '../OfflineStore.js';
import { OfflineStoreError } from '../OfflineStoreError.js';
import { checkRowCount, validatePackageHeader, validatePackageLine, type PackageChange } from '../packageLines.js';
import { bind, types, type Params } from './sqlServerRows.js';

const batchRows = 1000;

const upsertProduct = `
  UPDATE dbo.products SET barcode = @barcode, name = @name, category = @category, price = @price WHERE product_id = @id;
  IF @@ROWCOUNT = 0 INSERT INTO dbo.products (product_id, barcode, name, category, price) VALUES (@id, @barcode, @name, @category, @price);`;
const upsertPrice = `
  UPDATE dbo.prices SET valid_to = @validTo, price = @price WHERE product_id = @id AND valid_from = @validFrom;
  IF @@ROWCOUNT = 0 INSERT INTO dbo.prices (product_id, valid_from, valid_to, price) VALUES (@id, @validFrom, @validTo, @price);`;
const upsertCustomer = `
  UPDATE dbo.customers SET name = @name, email = @email, phone = @phone WHERE customer_id = @id;
  IF @@ROWCOUNT = 0 INSERT INTO dbo.customers (customer_id, name, email, phone) VALUES (@id, @name, @email, @phone);`;

function productTable(): sql.Table {
  const table = new sql.Table('dbo.products');
  table.create = false;
  table.columns.add('product_id', sql.NVarChar(100), { nullable: false });
  table.columns.add('barcode', sql.NVarChar(100), { nullable: false });
  table.columns.add('name', sql.NVarChar(400), { nullable: false });
  table.columns.add('category', sql.NVarChar(200), { nullable: false });
  table.columns.add('price', sql.Decimal(19, 4), { nullable: false });
  return table;
}

/**
 * One package, one SQL Server transaction. Full packages clear the catalogue and bulk-load products
 * (TDS bulk insert, 1000 rows a batch, so memory stays flat); deltas and other rows are upserts.
 */
export async function applySqlServerPackage(
  pool: sql.ConnectionPool, info: DataPackageInfo, lines: AsyncIterable<DataPackageLine>, onProgress: ((p: ApplyProgress) => void) | undefined,
  recordApplied: (tx: sql.Transaction, rowsApplied: number) => Promise<void>,
): Promise<ApplyPackageResult> {
  const tx = new sql.Transaction(pool);
  await tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
  const full = info.kind === 'full';
  let products = productTable();
  let firstBufferedLine = 0;
  let lineNo = 0;
  let expectedRows = 0;
  const run = (text: string, params: Params) => bind(new sql.Request(tx), params).query(text);
  const flush = async () => {
    if (products.rows.length === 0) return;
    try {
      await new sql.Request(tx).bulk(products);
    } catch (error) {
      throw new OfflineStoreError('InvalidPackage', `data package lines ${firstBufferedLine}-${lineNo}: ${(error as Error).message}`, { cause: error });
    }
    products = productTable();
  };
  const write = async (change: PackageChange) => {
    if (change.table === 'products' && change.op === 'upsert') {
      const r = change.row;
      if (full) {
        if (products.rows.length === 0) firstBufferedLine = lineNo;
        products.rows.add(r.productId, r.barcode, r.name, r.category, r.price);
        if (products.rows.length >= batchRows) await flush();
        return;
      }
      await run(upsertProduct, { id: [types.id, r.productId], barcode: [types.id, r.barcode], name: [types.text, r.name], category: [types.text, r.category], price: [types.money, r.price] });
    } else if (change.table === 'prices') {
      const r = change.row;
      await run(upsertPrice, { id: [types.id, r.productId], validFrom: [types.instant, new Date(r.validFrom)], validTo: [types.instant, r.validTo === null ? null : new Date(r.validTo)], price: [types.money, r.price] });
    } else if (change.table === 'customers' && change.op === 'upsert') {
      const r = change.row;
      await run(upsertCustomer, { id: [types.id, r.customerId], name: [types.text, r.name], email: [types.text, r.email], phone: [types.id, r.phone] });
    } else if (change.op === 'delete' && change.table === 'products') {
      await flush(); // a delete must see the products buffered before it
      await run('DELETE FROM dbo.prices WHERE product_id = @id; DELETE FROM dbo.products WHERE product_id = @id;', { id: [types.id, change.key] });
    } else if (change.op === 'delete') {
      await run('DELETE FROM dbo.customers WHERE customer_id = @id', { id: [types.id, change.key] });
    }
  };
  try {
    if (full) await new sql.Request(tx).batch('DELETE FROM dbo.prices; DELETE FROM dbo.products; DELETE FROM dbo.customers;');
    for await (const line of lines) {
      lineNo += 1;
      if (lineNo === 1) {
        expectedRows = validatePackageHeader(line, info).rows;
        continue;
      }
      const change = validatePackageLine(line, lineNo);
      try {
        await write(change);
      } catch (error) {
        if (OfflineStoreError.is(error)) throw error;
        throw new OfflineStoreError('InvalidPackage', `data package line ${lineNo}: ${(error as Error).message}`, { cause: error });
      }
      if ((lineNo - 1) % batchRows === 0) onProgress?.({ rows: lineNo - 1 });
    }
    if (lineNo === 0) throw new OfflineStoreError('InvalidPackage', `data package ${info.id} is empty: line 1 must be its header`);
    checkRowCount(expectedRows, lineNo - 1, lineNo);
    await flush();
    await recordApplied(tx, lineNo - 1);
    await tx.commit();
    onProgress?.({ rows: lineNo - 1 });
    return { rowsApplied: lineNo - 1 };
  } catch (error) {
    await tx.rollback().catch(() => undefined); // the server rolls back on its own if the connection is gone
    throw error;
  }
}
