import type { Customer, DataPackageInfo, DataPackageLine, Product, ProductPrice, SalesTransaction } from '#pos-api';

export function product(n: number, overrides: Partial<Product> = {}): Product {
  return { productId: `P${String(n).padStart(4, '0')}`, barcode: `400000000${String(n).padStart(4, '0')}`, name: `Item ${n}`, category: 'misc', price: n, ...overrides };
}

export const coffee = product(1, { name: 'Arabica coffee beans', category: 'grocery', price: 9.5 });
export const tea = product(2, { name: 'Green tea', category: 'grocery', price: 4 });
export const mug = product(3, { name: 'Coffee mug', category: 'kitchen', price: 7.25 });
export const alice: Customer = { customerId: 'C001', name: 'Alice Martin', email: 'alice@example.com', phone: '555-0101' };
export const bob: Customer = { customerId: 'C002', name: 'Bob Stone', email: null, phone: null };

export function info(id: string, sequence: number, kind: 'full' | 'delta', rows: number): DataPackageInfo {
  return { id, kind, sequence, createdAt: '2024-05-01T00:00:00.000Z', rows, bytes: 100 * rows, sha256: 'x' };
}

/** A package as the store receives it: header then rows, streamed. */
export function packageOf(pkg: DataPackageInfo, rows: readonly unknown[], headerOverrides: Record<string, unknown> = {}): AsyncIterable<DataPackageLine> {
  const header = { id: pkg.id, kind: pkg.kind, sequence: pkg.sequence, registerId: 'R1', rows: rows.length, createdAt: pkg.createdAt, ...headerOverrides };
  return (async function* lines() {
    yield { header } as DataPackageLine;
    for (const row of rows) yield row as DataPackageLine;
  })();
}

export const upsertProduct = (row: Product): DataPackageLine => ({ table: 'products', op: 'upsert', row });
export const upsertPrice = (row: ProductPrice): DataPackageLine => ({ table: 'prices', op: 'upsert', row });
export const upsertCustomer = (row: Customer): DataPackageLine => ({ table: 'customers', op: 'upsert', row });

export function fullCatalogue(): DataPackageLine[] {
  return [coffee, tea, mug].map(upsertProduct).concat([upsertCustomer(alice), upsertCustomer(bob)]);
}

export function sale(n: number, overrides: Partial<SalesTransaction> = {}): SalesTransaction {
  return {
    transactionId: `S1-R1-${n}`, receiptId: `R1-${String(n).padStart(6, '0')}`, registerId: 'R1', storeNumber: 'S1', terminalId: 'T1',
    operatorId: '000160',
    lines: [{ productId: coffee.productId, barcode: coffee.barcode, description: coffee.name, quantity: 2, unitPrice: 9.5, amount: 19, pricedOffline: true }],
    tenders: [{ method: 'cash', amount: 19 }], total: 19, localTime: '2024-05-01T10:00:00.000Z', serverTimeOffsetMs: -1500, createdOffline: true,
    ...overrides,
  };
}

/** A promise with its resolve/reject handles, to hold a stream open mid-package. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
