import type { DataPackageKind } from '#pos-api';

export interface DataPackageDownloaderOptions {
  /** Folder for package bodies while they download; each file is deleted once applied or failed. */
  readonly downloadsDir: string;
  /** Counted failures before a package is Suspended (CDX recommends 3). */
  readonly maxAttempts?: number;
  /** Bound on the listing call and on the wait for a body's first byte. */
  readonly requestTimeoutMs?: number;
  /** How many ledger entries (newest first) to read when looking for suspended or canceled packages. */
  readonly ledgerWindow?: number;
  /** Whether the header line is passed to store.applyDataPackage along with the rows. */
  readonly passHeaderToStore?: boolean;
}

export function resolveDownloaderOptions(options: DataPackageDownloaderOptions): Required<DataPackageDownloaderOptions> {
  const resolved = { maxAttempts: 3, requestTimeoutMs: 30_000, ledgerWindow: 50, passHeaderToStore: true, ...options };
  if (typeof resolved.downloadsDir !== 'string' || resolved.downloadsDir === '') throw new RangeError('downloadsDir must be a non-empty path');
  for (const name of ['maxAttempts', 'requestTimeoutMs', 'ledgerWindow'] as const) {
    if (!Number.isSafeInteger(resolved[name]) || resolved[name] < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${resolved[name]}`);
  }
  return resolved;
}

/** Progress of the package in hand: bytes while downloading, rows while applying. */
export interface PackageProgress {
  readonly packageId: string;
  readonly phase: 'download' | 'apply';
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
  readonly totalRows: number;
}

/** A package that used up its tries and now holds back the later ones. */
export interface SuspendedPackage {
  readonly packageId: string;
  readonly sequence: number;
  readonly kind: DataPackageKind;
  readonly attempts: number;
  /** The last failure, in words. */
  readonly reason: string;
  /** ISO 8601. */
  readonly since: string;
}

export interface DownloadRunResult {
  /** False when a package failed, is suspended, or the listing failed. */
  readonly ok: boolean;
  /** Set when nothing was tried: the register is offline, or the pass was stopped. */
  readonly skipped?: 'offline' | 'aborted';
  /** Packages taken from the listing (after superseded and canceled ones are left out). */
  readonly listed: number;
  readonly applied: number;
  /** Listed but not applied. */
  readonly pending: number;
  readonly suspended: SuspendedPackage | null;
  readonly error?: string;
}

export const emptyRun: DownloadRunResult = Object.freeze({ ok: true, listed: 0, applied: 0, pending: 0, suspended: null });
