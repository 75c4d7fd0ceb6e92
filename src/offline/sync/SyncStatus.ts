import type { PackageProgress, SuspendedPackage } from './downloadTypes.js';
import type { SyncJob } from './ports.js';

/** The offline sync status of the connection status window ("Checking", "Idle", "Syncing"). */
export type SyncState = 'Checking' | 'Idle' | 'Syncing';

export interface SyncAttempt {
  /** When the pass started (ISO 8601). */
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly durationMs: number;
}

export interface SyncDirectionStatus {
  /** The last pass that had something to do (uploads) or reached the scale unit (downloads); null before any. */
  readonly lastAttempt: SyncAttempt | null;
  /** The last successful pass (ISO 8601), for "Last updated N minutes ago". */
  readonly lastSuccessAt: string | null;
  readonly consecutiveFailures: number;
}

export interface SyncStatus {
  /** Sync runs only between start() and stop(). */
  readonly started: boolean;
  readonly state: SyncState;
  readonly download: SyncDirectionStatus;
  readonly upload: SyncDirectionStatus;
  /** Offline sales still queued for upload. */
  readonly pendingUploads: number;
  /** Enqueue time of the oldest queued sale (ISO 8601), or null. */
  readonly oldestPendingAt: string | null;
  /** Sales the scale unit refused, set aside with their reasons. */
  readonly rejectedUploads: number;
  /** Packages listed by the scale unit but not applied yet (from the last listing). */
  readonly pendingDownloads: number;
  /** The package that used up its tries and holds back the later ones. */
  readonly suspended: SuspendedPackage | null;
  /** The package in hand, or null between packages. */
  readonly progress: PackageProgress | null;
  /** The Download and Upload tabs: newest first. */
  readonly downloadJobs: readonly SyncJob[];
  readonly uploadJobs: readonly SyncJob[];
  /** When the newest applied package was applied (ISO 8601): how old the offline prices are. */
  readonly lastAppliedAt: string | null;
  readonly lastAppliedSequence: number | null;
}

const neverRun: SyncDirectionStatus = { lastAttempt: null, lastSuccessAt: null, consecutiveFailures: 0 };

export const initialSyncStatus: SyncStatus = Object.freeze({
  started: false,
  state: 'Idle',
  download: neverRun,
  upload: neverRun,
  pendingUploads: 0,
  oldestPendingAt: null,
  rejectedUploads: 0,
  pendingDownloads: 0,
  suspended: null,
  progress: null,
  downloadJobs: [],
  uploadJobs: [],
  lastAppliedAt: null,
  lastAppliedSequence: null,
});

/** The direction's status after a pass. */
export function afterPass(previous: SyncDirectionStatus, attempt: SyncAttempt): SyncDirectionStatus {
  return {
    lastAttempt: attempt,
    lastSuccessAt: attempt.ok ? attempt.at : previous.lastSuccessAt,
    consecutiveFailures: attempt.ok ? 0 : previous.consecutiveFailures + 1,
  };
}
