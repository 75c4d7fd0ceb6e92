import type { Customer, DataPackageInfo, DataPackageLine, Product, ProductPrice } from '#pos-api';
import { OfflineStoreError } from './OfflineStoreError.js';

/** A validated row change; prices carry normalised ISO instants so they compare as text. */
export type PackageChange =
  | { readonly table: 'products'; readonly op: 'upsert'; readonly row: Product }
  | { readonly table: 'prices'; readonly op: 'upsert'; readonly row: ProductPrice }
  | { readonly table: 'customers'; readonly op: 'upsert'; readonly row: Customer }
  | { readonly table: 'products' | 'customers'; readonly op: 'delete'; readonly key: string };

type Rec = Record<string, unknown>;

function invalid(lineNo: number, field: string, problem: string): OfflineStoreError {
  return new OfflineStoreError('InvalidPackage', `data package line ${lineNo}: ${field} ${problem}`);
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function text(rec: Rec, key: string, lineNo: number, path: string, nonEmpty = false): string {
  const value = rec[key];
  if (typeof value !== 'string') throw invalid(lineNo, `${path}.${key}`, `must be a string (got ${describeValue(value)})`);
  if (nonEmpty && value.length === 0) throw invalid(lineNo, `${path}.${key}`, 'must not be empty');
  return value;
}

function optionalText(rec: Rec, key: string, lineNo: number, path: string): string | null {
  const value = rec[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid(lineNo, `${path}.${key}`, `must be a string or null (got ${describeValue(value)})`);
  return value;
}

function amount(rec: Rec, key: string, lineNo: number, path: string): number {
  const value = rec[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(lineNo, `${path}.${key}`, `must be a finite number >= 0 (got ${describeValue(value)})`);
  }
  return value;
}

function instant(rec: Rec, key: string, lineNo: number, path: string): string {
  const raw = text(rec, key, lineNo, path, true);
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw invalid(lineNo, `${path}.${key}`, `must be an ISO 8601 date-time (got ${describeValue(raw)})`);
  return new Date(ms).toISOString();
}

function object(value: unknown, lineNo: number, field: string): Rec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(lineNo, field, 'must be an object');
  return value as Rec;
}

function product(row: Rec, lineNo: number): Product {
  text(row, 'productId', lineNo, 'row', true);
  text(row, 'barcode', lineNo, 'row', true);
  text(row, 'name', lineNo, 'row');
  text(row, 'category', lineNo, 'row');
  amount(row, 'price', lineNo, 'row');
  // The row is already the right shape: return it rather than copy it, one allocation less per row.
  return row as unknown as Product;
}

function price(row: Rec, lineNo: number): ProductPrice {
  const validFrom = instant(row, 'validFrom', lineNo, 'row');
  const validTo = row['validTo'] === null || row['validTo'] === undefined ? null : instant(row, 'validTo', lineNo, 'row');
  if (validTo !== null && validTo <= validFrom) throw invalid(lineNo, 'row.validTo', 'must be after row.validFrom');
  return { productId: text(row, 'productId', lineNo, 'row', true), price: amount(row, 'price', lineNo, 'row'), validFrom, validTo };
}

function customer(row: Rec, lineNo: number): Customer {
  text(row, 'customerId', lineNo, 'row', true);
  text(row, 'name', lineNo, 'row');
  return { customerId: row['customerId'] as string, name: row['name'] as string, email: optionalText(row, 'email', lineNo, 'row'), phone: optionalText(row, 'phone', lineNo, 'row') };
}

/** Validates one row line (line 2 onwards); throws InvalidPackage naming the line and the field. */
export function validatePackageLine(line: DataPackageLine | unknown, lineNo: number): PackageChange {
  const rec = object(line, lineNo, 'line');
  if ('header' in rec) throw invalid(lineNo, 'header', 'may only appear on line 1');
  const table = rec['table'];
  const op = rec['op'];
  if (op === 'upsert') {
    const row = object(rec['row'], lineNo, 'row');
    if (table === 'products') return { table, op, row: product(row, lineNo) };
    if (table === 'prices') return { table, op, row: price(row, lineNo) };
    if (table === 'customers') return { table, op, row: customer(row, lineNo) };
  } else if (op === 'delete') {
    const key = text(rec, 'key', lineNo, 'line', true);
    if (table === 'products' || table === 'customers') return { table, op, key };
  } else {
    throw invalid(lineNo, 'op', `must be "upsert" or "delete" (got ${describeValue(op)})`);
  }
  throw invalid(lineNo, 'table', `${describeValue(table)} is not a table that accepts op "${op}"`);
}

/** Line 1 must be the header of the package the caller asked for, so a mixed-up body is never applied. */
export function validatePackageHeader(line: unknown, info: DataPackageInfo): { readonly rows: number } {
  const rec = object(line, 1, 'line');
  const header = object(rec['header'], 1, 'header');
  const id = text(header, 'id', 1, 'header', true);
  if (id !== info.id) throw invalid(1, 'header.id', `is ${describeValue(id)} but the package is ${describeValue(info.id)}`);
  if (header['kind'] !== info.kind) throw invalid(1, 'header.kind', `is ${describeValue(header['kind'])} but the package is ${describeValue(info.kind)}`);
  if (header['sequence'] !== info.sequence) throw invalid(1, 'header.sequence', `is ${describeValue(header['sequence'])} but the package is ${info.sequence}`);
  const rows = header['rows'];
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) throw invalid(1, 'header.rows', `must be a whole number (got ${describeValue(rows)})`);
  return { rows };
}

/** A body shorter or longer than its header says is truncated or padded: reject rather than apply part of it. */
export function checkRowCount(expected: number, actual: number, lastLine: number): void {
  if (expected !== actual) throw invalid(lastLine, 'header.rows', `says ${expected} rows but the body has ${actual}`);
}
