import sql from 'mssql';
import type { DataPackageInfo, DataPackageStatus } from '#pos-api';
import type { PackageLedgerEntry } from '../OfflineStore.js';
import { OfflineStoreError } from '../OfflineStoreError.js';

/** A named parameter: its SQL type and value. Every value reaches SQL Server as a parameter, never as SQL text. */
export type Params = Record<string, readonly [sql.ISqlType | (() => sql.ISqlType), unknown]>;

export const types = {
  id: () => sql.NVarChar(100),
  text: () => sql.NVarChar(400),
  longText: () => sql.NVarChar(sql.MAX),
  money: () => sql.Decimal(19, 4),
  instant: () => sql.DateTime2(3),
  int: () => sql.Int(),
  bigint: () => sql.BigInt(),
};

export function bind(request: sql.Request, params: Params): sql.Request {
  for (const [name, [type, value]] of Object.entries(params)) request.input(name, type, value);
  return request;
}

/** BIGINT arrives as a string and DATETIME2 as a Date: turn both into the port's number and ISO string. */
export const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

export interface LedgerRow {
  packageId: string; sequence: string | number; kind: PackageLedgerEntry['kind']; status: PackageLedgerEntry['status'];
  attempts: number; error: string | null; bytes: string | number; rows: string | number; updatedAt: Date;
}

export function toLedgerEntry(row: LedgerRow): PackageLedgerEntry {
  return {
    packageId: row.packageId, sequence: Number(row.sequence), kind: row.kind, status: row.status, attempts: row.attempts,
    error: row.error, bytes: Number(row.bytes), rows: Number(row.rows), updatedAt: row.updatedAt.toISOString(),
  };
}

export const ledgerColumns =
  'package_id AS packageId, [sequence], kind, status, attempts, error, bytes, [rows], updated_at AS updatedAt';

/** Connection-level failures become Unavailable; SQL errors (constraints, syntax) stay as they are. */
export function mapDriverError(error: unknown, location: string): unknown {
  if (error instanceof sql.ConnectionError || (error as { code?: string } | null)?.code === 'ETIMEOUT') {
    return new OfflineStoreError('Unavailable', `SQL Server ${location} is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

const failureStatuses: ReadonlySet<DataPackageStatus> = new Set(['DownloadFailed', 'ApplyFailed']);

/** Upserts one ledger row and returns it; `attempts` counts failed tries (DownloadFailed, ApplyFailed). */
export const ledgerUpsert = `
  UPDATE dbo.package_ledger SET [sequence] = @sequence, kind = @kind, status = @status, attempts = attempts + @failed, error = @error,
    bytes = @bytes, [rows] = @rows, updated_at = SYSUTCDATETIME() WHERE package_id = @id;
  IF @@ROWCOUNT = 0 INSERT INTO dbo.package_ledger (package_id, [sequence], kind, status, attempts, error, bytes, [rows], updated_at)
    VALUES (@id, @sequence, @kind, @status, @failed, @error, @bytes, @rows, SYSUTCDATETIME());
  SELECT ${ledgerColumns} FROM dbo.package_ledger WHERE package_id = @id;`;

export function ledgerParams(info: DataPackageInfo, status: DataPackageStatus, error: string | null, rows: number): Params {
  return {
    id: [types.text, info.id], sequence: [types.bigint, info.sequence], kind: [types.id, info.kind], status: [types.id, status],
    failed: [types.int, failureStatuses.has(status) ? 1 : 0], error: [types.longText, error], bytes: [types.bigint, info.bytes], rows: [types.bigint, rows],
  };
}
