import path from 'node:path';
import type { DataPackageInfo, DataPackageKind } from '#pos-api';
import { openSnapshotReader, type ChannelDb } from '../db/channel-database.js';
import { PackageFileWriter, removeUnfinishedPackageFiles } from './package-file-writer.js';
import { PackageRows } from './package-rows.js';

/** A package as the channel database records it. */
export interface DataPackageRecord extends DataPackageInfo {
  readonly registerId: string;
  readonly file: string;
}

interface PackageRow { id: string; register_id: string; kind: DataPackageKind; sequence: number; created_at: string; rows: number; bytes: number; sha256: string; file: string; change_seq: number }

function toRecord(row: PackageRow): DataPackageRecord {
  return { id: row.id, registerId: row.register_id, kind: row.kind, sequence: row.sequence, createdAt: row.created_at, rows: row.rows, bytes: row.bytes, sha256: row.sha256, file: row.file };
}

/** What clients see of a package: everything but where it lives on disk. */
export function toPackageInfo({ file: _file, ...info }: DataPackageRecord): DataPackageInfo & { registerId: string } {
  return info;
}

/**
 * The distribution schedule: per offline-enabled register, a full package the first time, then a
 * delta of the change log since that register's last package (nothing when nothing changed).
 * Runs are serialized; each reads one snapshot on its own connection so intake keeps committing
 * while a million-row package is written.
 */
export class DistributionSchedule {
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  readonly packageDirectory: string;

  constructor(private readonly db: ChannelDb, private readonly dataDir: string, private readonly onError: (error: unknown) => void = () => undefined) {
    this.packageDirectory = path.join(dataDir, 'packages');
    removeUnfinishedPackageFiles(this.packageDirectory);
  }

  /** Runs once now (a register set up for offline gets its first package without waiting an interval), then every interval. */
  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    void this.run().catch(this.onError);
    this.timer = setInterval(() => void this.run().catch(this.onError), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress, so close never cuts a package in half. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }

  run(): Promise<DataPackageRecord[]> {
    const next = this.running.catch(() => undefined).then(() => this.runNow());
    this.running = next;
    return next;
  }

  list(registerId: string, afterSequence: number): DataPackageRecord[] {
    const rows = this.db.prepare('SELECT * FROM data_packages WHERE register_id = ? AND sequence > ? ORDER BY sequence').all(registerId, afterSequence);
    return (rows as PackageRow[]).map(toRecord);
  }

  get(packageId: string): DataPackageRecord | undefined {
    const row = this.db.prepare('SELECT * FROM data_packages WHERE id = ?').get(packageId) as PackageRow | undefined;
    return row && toRecord(row);
  }

  private async runNow(): Promise<DataPackageRecord[]> {
    const reader = openSnapshotReader(this.dataDir);
    const created: DataPackageRecord[] = [];
    try {
      reader.exec('BEGIN');
      const rows = new PackageRows(reader);
      const upTo = rows.changeHighWater();
      const registers = reader.prepare('SELECT register_id FROM registers WHERE support_offline = 1 ORDER BY register_id').pluck().all() as string[];
      const lastOf = reader.prepare('SELECT sequence, change_seq FROM data_packages WHERE register_id = ? ORDER BY sequence DESC LIMIT 1');
      for (const registerId of registers) {
        const last = lastOf.get(registerId) as { sequence: number; change_seq: number } | undefined;
        if (last && last.change_seq >= upTo) continue;
        const kind: DataPackageKind = last ? 'delta' : 'full';
        created.push(await this.make(rows, registerId, kind, (last?.sequence ?? 0) + 1, last?.change_seq ?? 0, upTo));
      }
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    return created;
  }

  private async make(rows: PackageRows, registerId: string, kind: DataPackageKind, sequence: number, after: number, upTo: number): Promise<DataPackageRecord> {
    const id = `${registerId}-${String(sequence).padStart(6, '0')}`;
    const createdAt = new Date().toISOString();
    const count = rows.count(kind, after, upTo);
    const writer = await PackageFileWriter.create(this.packageDirectory, id);
    try {
      await writer.write({ header: { id, kind, sequence, registerId, rows: count, createdAt } });
      for (const line of rows.lines(kind, after, upTo)) await writer.write(line);
      const { bytes, sha256 } = await writer.finish();
      // Recorded only after the body is on disk: a listed package can always be downloaded.
      this.db.prepare(`INSERT INTO data_packages (id, register_id, kind, sequence, created_at, rows, bytes, sha256, file, change_seq)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, registerId, kind, sequence, createdAt, count, bytes, sha256, path.basename(writer.finalPath), upTo);
      return { id, registerId, kind, sequence, createdAt, rows: count, bytes, sha256, file: path.basename(writer.finalPath) };
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
}
