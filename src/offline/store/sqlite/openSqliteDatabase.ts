import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { OfflineStoreError } from '../OfflineStoreError.js';
import { latestSqliteSchemaVersion, sqliteMigrations } from './migrations.js';

export interface OpenedSqliteDatabase {
  /** The one connection that writes; serialised by the store. */
  readonly writer: Database.Database;
  /** Reads see only committed data, so a package being applied never shows half a catalogue. */
  readonly reader: Database.Database;
  readonly created: boolean;
  readonly schemaVersionBefore: number;
  readonly schemaVersion: number;
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

function corrupt(file: string, why: string, cause?: unknown): OfflineStoreError {
  return new OfflineStoreError('CorruptDatabase', `${file} ${why}; the file was left untouched`, { cause });
}

/** Creates the file 0600 when missing; never changes an existing file's bytes or mode. */
function ensureFile(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
      return true;
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      return false;
    }
  }
  if (!stat.isFile()) throw corrupt(file, 'is not a regular file');
  if (stat.size > 0) {
    // Read the header ourselves: SQLite would happily open anything and fail later, maybe mid-write.
    const head = Buffer.alloc(sqliteHeader.length);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!head.equals(sqliteHeader)) throw corrupt(file, 'is not an SQLite database');
  }
  return false;
}

/** Reads the schema through a read-only connection so a damaged file is refused before anything writes to it. */
function probe(file: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (version === 0 && objects > 0) throw corrupt(file, 'is an SQLite database but not an offline database');
    return version;
  } catch (error) {
    if (OfflineStoreError.is(error)) throw error;
    throw corrupt(file, `cannot be read as an offline database (${(error as Error).message})`, error);
  } finally {
    db?.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read again under the write lock: another process may have migrated since the probe.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const step of sqliteMigrations) {
      if (step.version <= current) continue;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export function openSqliteDatabase(file: string): OpenedSqliteDatabase {
  const absolute = path.resolve(file);
  const created = ensureFile(absolute);
  const schemaVersionBefore = probe(absolute);
  if (schemaVersionBefore > latestSqliteSchemaVersion) {
    throw new OfflineStoreError(
      'SchemaTooNew',
      `${absolute} has schema version ${schemaVersionBefore} but this extension knows up to ${latestSqliteSchemaVersion}; update the extension instead of opening it`,
    );
  }
  const writer = new Database(absolute, { fileMustExist: true });
  try {
    if (writer.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw corrupt(absolute, 'cannot switch to WAL journaling');
    // FULL: the WAL is fsynced at every commit, so a saved sale survives a power cut.
    writer.pragma('synchronous = FULL');
    // A larger page cache for lookups and deltas; a full package load lowers it (SqlitePackageApplier).
    writer.pragma('cache_size = -65536');
    if (schemaVersionBefore < latestSqliteSchemaVersion) migrate(writer);
    const reader = new Database(absolute, { readonly: true, fileMustExist: true });
    return { writer, reader, created, schemaVersionBefore, schemaVersion: latestSqliteSchemaVersion };
  } catch (error) {
    writer.close();
    throw error;
  }
}
