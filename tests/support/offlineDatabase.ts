/**
 * Looks inside the register's SQLite offline database file while the host is down (after a kill),
 * the way a support engineer would: queue rows, the package ledger, and whether a package landed
 * whole. Opened read-write only so SQLite can recover the WAL the killed process left behind.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

export function offlineDatabaseFile(hostDataDir: string): string {
  return path.join(hostDataDir, 'offline.db');
}

export interface OfflineDatabaseSnapshot {
  readonly queueRows: number;
  readonly offlineSales: number;
  readonly appliedPackages: readonly string[];
  /** Prices of the products whose id starts with `markerPrefix`, by product id. */
  readonly markerPrices: ReadonlyMap<string, number>;
}

/** `readonly` while the host runs (WAL lets a reader in beside it); read-write after a kill, to recover the WAL. */
export function readOfflineDatabase(file: string, options: { readonly?: boolean; markerPrefix?: string } = {}): OfflineDatabaseSnapshot {
  const markerPrefix = options.markerPrefix ?? 'CHAOS-';
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly === true });
  try {
    db.pragma('busy_timeout = 5000');
    const queueRows = (db.prepare('SELECT count(*) AS n FROM upload_queue').get() as { n: number }).n;
    const offlineSales = (db.prepare('SELECT count(*) AS n FROM offline_transactions').get() as { n: number }).n;
    const appliedPackages = (db.prepare(`SELECT package_id AS id FROM package_ledger WHERE status = 'Applied' ORDER BY sequence`).all() as { id: string }[]).map((r) => r.id);
    const rows = db.prepare('SELECT product_id AS id, price FROM products WHERE product_id LIKE ?').all(`${markerPrefix}%`) as { id: string; price: number }[];
    return { queueRows, offlineSales, appliedPackages, markerPrices: new Map(rows.map((r) => [r.id, r.price])) };
  } finally {
    db.close();
  }
}

/**
 * A package changes a known set of marker products all to one price. Whole or nothing means:
 * every marker product carries one and the same price generation (or none is there yet).
 * Answers the number of distinct generations seen minus one (0 = atomic).
 */
export function partialGenerations(prices: ReadonlyMap<string, number>, expectedCount: number): number {
  if (prices.size === 0) return 0;
  const distinct = new Set(prices.values());
  // Some marker products present but not all: a part of the package that created them.
  const missing = prices.size === expectedCount ? 0 : 1;
  return distinct.size - 1 + missing;
}

/** A hash of every table's content, to prove a refused write left the database unchanged. */
export function contentHash(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name`).all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`table ${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
