import type { ChannelDb } from './channel-database.js';
import { getMeta, setMeta } from './channel-database.js';
import { defaultOfflineProfile } from '../options.js';

/** Every seeded price starts here, so two seeded databases are byte-for-byte comparable. */
export const seedPriceValidFrom = '2024-01-01T00:00:00.000Z';
export const demoStoreNumber = 'S001';

const brands = ['Contoso', 'Fabrikam', 'Northwind', 'Adventure Works', 'Tailspin', 'Litware', 'Proseware', 'Wingtip', 'Fourth Coffee', 'Alpine Ski House'];
const items: readonly (readonly [string, string])[] = [
  ['Coffee Mug', 'Kitchen'], ['Tea Kettle', 'Kitchen'], ['Chef Knife', 'Kitchen'], ['Cutting Board', 'Kitchen'],
  ['Hiking Boots', 'Footwear'], ['Running Shoes', 'Footwear'], ['Wool Socks', 'Apparel'], ['Rain Jacket', 'Apparel'],
  ['Baseball Cap', 'Apparel'], ['Desk Lamp', 'Home'], ['Throw Pillow', 'Home'], ['Scented Candle', 'Home'],
  ['Notebook', 'Stationery'], ['Gel Pen', 'Stationery'], ['Backpack', 'Bags'], ['Travel Duffel', 'Bags'],
  ['Water Bottle', 'Outdoor'], ['Camping Stove', 'Outdoor'], ['Headphones', 'Electronics'], ['USB Charger', 'Electronics'],
  ['Ground Coffee', 'Grocery'], ['Dark Chocolate', 'Grocery'],
];
const firstNames = ['Ava', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kara', 'Liam', 'Maya', 'Noah'];
const lastNames = ['Andersen', 'Berg', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Larsen'];

/** mulberry32: tiny, fast, and good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function productId(index: number): string {
  return `P${String(index + 1).padStart(7, '0')}`;
}

/**
 * A unique EAN-13 for a product index: prefix 20 (in-store numbers), a 10-digit body that is a
 * bijection of the index (multiplier coprime with 10), and the EAN check digit.
 */
export function demoBarcode(index: number): string {
  const body = (BigInt(index) * 7_919_003n + 1_234_567n) % 10_000_000_000n;
  const twelve = `20${body.toString().padStart(10, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

export interface DemoProduct {
  readonly productId: string;
  readonly barcode: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
}

/** The product at `index`; depends only on (seed, index) so batches can be made in any order. */
export function demoProduct(seed: number, index: number): DemoProduct {
  const rng = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const brand = brands[Math.floor(rng() * brands.length)]!;
  const [item, category] = items[Math.floor(rng() * items.length)]!;
  const price = Math.floor(rng() * 100) + 0.99;
  return { productId: productId(index), barcode: demoBarcode(index), name: `${brand} ${item} ${index + 1}`, category, price };
}

/**
 * Appends products [start, start + count) with their opening price rows, in transactions of
 * `batchSize` rows: a million products take a few seconds this way.
 */
export function insertDemoProducts(db: ChannelDb, seed: number, start: number, count: number, batchSize = 20_000): void {
  const insertProduct = db.prepare('INSERT INTO products (product_id, barcode, name, category, price) VALUES (?, ?, ?, ?, ?)');
  const insertPrice = db.prepare('INSERT INTO prices (product_id, price, valid_from, valid_to) VALUES (?, ?, ?, NULL)');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const p = demoProduct(seed, i);
      insertProduct.run(p.productId, p.barcode, p.name, p.category, p.price);
      insertPrice.run(p.productId, p.price, seedPriceValidFrom);
    }
  });
  // Bulk load without an fsync per batch and with a big page cache (random barcodes make the
  // unique index the bottleneck). Safe: the next FULL commit fsyncs the whole append-only WAL,
  // and callers mark the seed complete only after that.
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  try {
    for (let from = start; from < start + count; from += batchSize) batch(from, Math.min(from + batchSize, start + count));
  } finally {
    db.pragma('synchronous = FULL');
    db.pragma(`cache_size = ${previousCache}`);
  }
}

function insertDemoCustomers(db: ChannelDb, seed: number, count: number): void {
  const rng = mulberry32(seed + 1);
  const insert = db.prepare('INSERT INTO customers (customer_id, name, email, phone) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < count; i++) {
    const first = firstNames[Math.floor(rng() * firstNames.length)]!;
    const last = lastNames[Math.floor(rng() * lastNames.length)]!;
    const id = `C${String(i + 1).padStart(4, '0')}`;
    // Every fifth customer has no e-mail so clients meet nulls from the start.
    const email = i % 5 === 4 ? null : `${first}.${last}.${i + 1}@example.com`.toLowerCase();
    insert.run(id, `${first} ${last}`, email, `+1-555-${String(1000 + i).padStart(4, '0')}`);
  }
}

function insertDemoRegisters(db: ChannelDb): void {
  const insert = db.prepare('INSERT INTO registers (register_id, store_number, terminal_id, support_offline, offline_profile) VALUES (?, ?, ?, ?, ?)');
  const profile = JSON.stringify(defaultOfflineProfile);
  for (const [terminal, offline] of [['T01', 1], ['T02', 1], ['T03', 0]] as const) {
    insert.run(`${demoStoreNumber}-${terminal}`, demoStoreNumber, terminal, offline, profile);
  }
}

export interface DemoDataOptions {
  readonly products: number;
  readonly customers: number;
  readonly seed: number;
}

/**
 * Seeds registers, customers and the catalogue once. A database that was seeded before is left
 * alone (restart keeps what tests and admins changed); returns whether it seeded.
 */
export function seedDemoData(db: ChannelDb, options: DemoDataOptions): boolean {
  if (getMeta(db, 'seeded') !== undefined) return false;
  db.transaction(() => {
    // No marker means an earlier seed died half-way: start over rather than serve half a catalogue.
    db.exec('DELETE FROM products; DELETE FROM prices; DELETE FROM customers; DELETE FROM registers;');
    insertDemoRegisters(db);
    insertDemoCustomers(db, options.seed, options.customers);
  })();
  insertDemoProducts(db, options.seed, 0, options.products);
  // Marked last, so only a complete seed counts.
  setMeta(db, 'seeded', JSON.stringify({ products: options.products, seed: options.seed, at: new Date().toISOString() }));
  return true;
}
