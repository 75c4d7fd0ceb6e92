/**
 * 5. Offline barcode lookup over the big catalogue: the offline store vs a raw better-sqlite3
 * prepared statement on the same file, call by call, alternating.
 */
import Database from 'better-sqlite3';
import { demoBarcode } from '../../scale-unit/index.js';
import { SqliteOfflineStore } from '../../src/offline/store/index.js';
import { catalogue } from './07-package-apply.js';
import { interleave, prng, summarize } from '../lib/stats.js';
import { row } from '../lib/report.js';
import { size, type Scenario } from '../lib/context.js';

export const offlineBarcodeScenario: Scenario = {
  id: 5,
  name: 'offline product lookup by barcode, p50/p99',
  async run(ctx) {
    const cat = await catalogue(ctx);
    const store = await SqliteOfflineStore.open(cat.path);
    const raw = new Database(cat.path, { readonly: true });
    try {
      const stmt = raw.prepare('SELECT p.product_id AS productId, p.barcode, p.name, p.category, p.price FROM products p WHERE p.barcode = ?');
      const random = prng(ctx.seed + 5);
      const count = size(ctx, 5_000, 50_000);
      const warmup = size(ctx, 500, 5_000);
      const barcodes = Array.from({ length: count + warmup }, () => demoBarcode(Math.floor(random() * cat.products)));
      const check = await store.getProductByBarcode(barcodes[0]!);
      if (check?.barcode !== barcodes[0]) throw new Error('the catalogue does not hold the demo barcodes');
      const samples = await interleave(count, warmup, (i) => store.getProductByBarcode(barcodes[i]!), (i) => stmt.get(barcodes[i]!));
      const o = summarize(samples.ours);
      const a = summarize(samples.anchor);
      const us = (ms: number) => ms * 1000;
      return {
        seed: ctx.seed,
        sizes: { products: cat.products, lookups: count, warmup },
        details: { oursUs: { p50: us(o.p50), p99: us(o.p99), mean: us(o.mean) }, anchorUs: { p50: us(a.p50), p99: us(a.p99), mean: us(a.mean) } },
        rows: [
          row({
            scenario: 5, label: `offline barcode lookup p50 (${cat.products.toLocaleString('en-US')} products)`, unit: 'us', ours: us(o.p50), anchorName: 'raw prepared statement, same file', anchor: us(a.p50),
            targetOn: 'ratio', limit: 1.5, target: 'p50 ratio <= 1.5',
            missNote: 'The store runs the same prepared statement; the difference is the async wrapper (a promise and an await per call) and the open check, which at a few µs per lookup is a visible share. A synchronous read path for hot lookups would remove it.',
          }),
          row({ scenario: 5, label: 'offline barcode lookup p99', unit: 'us', ours: us(o.p99), anchorName: 'raw prepared statement, same file', anchor: us(a.p99), targetOn: 'none' }),
        ],
      };
    } finally {
      raw.close();
      await store.close();
    }
  },
};
