import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type ChannelDb = Database.Database;

export const channelDatabaseFileName = 'channel.sqlite';

/**
 * The channel database schema. `change_log` records which rows changed so the distribution
 * schedule can build delta packages; seeding writes no change log because a register's first
 * package is always a full one.
 */
const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
  product_id TEXT PRIMARY KEY, barcode TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  category TEXT NOT NULL, price REAL NOT NULL);
CREATE TABLE IF NOT EXISTS prices (
  product_id TEXT NOT NULL, price REAL NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
  PRIMARY KEY (product_id, valid_from));
CREATE TABLE IF NOT EXISTS customers (
  customer_id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, phone TEXT);
CREATE TABLE IF NOT EXISTS change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, key TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registers (
  register_id TEXT PRIMARY KEY, store_number TEXT NOT NULL, terminal_id TEXT NOT NULL,
  support_offline INTEGER NOT NULL, offline_profile TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
  transaction_id TEXT PRIMARY KEY, register_id TEXT NOT NULL, number INTEGER NOT NULL,
  total REAL NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transactions_by_register ON transactions (register_id, number);
CREATE TABLE IF NOT EXISTS data_packages (
  id TEXT PRIMARY KEY, register_id TEXT NOT NULL, kind TEXT NOT NULL, sequence INTEGER NOT NULL,
  created_at TEXT NOT NULL, rows INTEGER NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
  file TEXT NOT NULL, change_seq INTEGER NOT NULL, UNIQUE (register_id, sequence));
CREATE TABLE IF NOT EXISTS package_statuses (
  package_id TEXT NOT NULL, register_id TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
  updated_at TEXT NOT NULL, PRIMARY KEY (package_id, register_id));
`;

/**
 * Opens (creating if needed) the channel database in `dataDir`. WAL lets the package builder read
 * a snapshot on its own connection while intake keeps committing; synchronous FULL because an
 * accepted transaction must survive a power cut: the register purges it once we answer.
 */
export function openChannelDatabase(dataDir: string): ChannelDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, channelDatabaseFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(schema);
  return db;
}

/** A read-only second connection for long reads (package generation) that must not block writes. */
export function openSnapshotReader(dataDir: string): ChannelDb {
  const db = new Database(path.join(dataDir, channelDatabaseFileName), { readonly: true, fileMustExist: true });
  return db;
}

export function getMeta(db: ChannelDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: ChannelDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
