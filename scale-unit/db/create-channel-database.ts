import { openChannelDatabase } from './channel-database.js';
import { insertDemoProducts, seedDemoData } from './demo-data.js';
import { scaleUnitDefaults } from '../options.js';

export interface CreateChannelDatabaseOptions {
  readonly dataDir: string;
  readonly products: number;
  readonly customers?: number;
  readonly seed?: number;
}

/**
 * Prepares a channel database with `products` demo products before any server starts, so a bench
 * can time the server and not the seeding. An existing catalogue is topped up to `products`
 * (never shrunk). Answers how many products it holds and how long the inserts took.
 */
export function createChannelDatabase(options: CreateChannelDatabaseOptions): { products: number; elapsedMs: number } {
  const started = performance.now();
  const db = openChannelDatabase(options.dataDir);
  try {
    const seed = options.seed ?? scaleUnitDefaults.seed;
    seedDemoData(db, { products: options.products, customers: options.customers ?? scaleUnitDefaults.customers, seed });
    const present = db.prepare('SELECT COUNT(*) FROM products').pluck().get() as number;
    if (present < options.products) insertDemoProducts(db, seed, present, options.products - present);
    return { products: Math.max(present, options.products), elapsedMs: performance.now() - started };
  } finally {
    db.close();
  }
}
