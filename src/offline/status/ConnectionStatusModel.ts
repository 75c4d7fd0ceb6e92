import { ConnectionStatusType } from '#pos-api';
import type { OfflineStoreDescription } from '../store/OfflineStore.js';
import type { SyncAttempt, SyncState, SyncStatus } from '../sync/SyncStatus.js';
import type { SyncJob } from '../sync/ports.js';

export type ConnectionStatusName = keyof typeof ConnectionStatusType;
/** The header and the Connection status window, as the host shows them (GET /api/status adds its own fields). */
export interface ConnectionStatusModel {
  readonly connected: boolean;
  readonly connectionStatus: ConnectionStatusName;
  /** ISO 8601: when the state last changed. */
  readonly since: string;
  readonly reason: string;
  readonly scaleUnitUrl: string;
  readonly button917Label: 'Disconnect' | 'Connect';
  readonly offlineConfigured: boolean;
  readonly offlineDatabase: OfflineStoreDescription | null;
  readonly pendingUploads: number;
  readonly oldestPendingUploadAt: string | null;
  readonly oldestPendingUploadAgeMs: number | null;
  readonly rejectedUploads: number;
  readonly pendingDownloads: number;
  readonly lastSync: { readonly download: SyncAttempt | null; readonly upload: SyncAttempt | null };
  readonly offlineDataAsOf: string | null;
  readonly syncState: SyncState;
  readonly syncStatusText: string;
  readonly downloadJobs: readonly SyncJob[];
  readonly uploadJobs: readonly SyncJob[];
  readonly downloadProgress: SyncStatus['progress'];
  readonly suspendedPackage: SyncStatus['suspended'];
}

export const button917Label = (status: ConnectionStatusType): 'Disconnect' | 'Connect' =>
  status === ConnectionStatusType.Online ? 'Disconnect' : 'Connect';

const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;

/**
 * The Connection status window's sync line, as Store Commerce words it. "Last updated" counts from
 * the last successful sync in either direction; past 7 days it says so plainly.
 */
export function syncStatusText(input: { offlineConfigured: boolean; state: SyncState; lastSuccessAt: number | null; now: number }): string {
  if (!input.offlineConfigured) return 'Offline functionality is not configured';
  if (input.state !== 'Idle') return input.state;
  if (input.lastSuccessAt === null) return 'Idle';
  const ageMs = input.now - input.lastSuccessAt;
  if (ageMs > sevenDaysMs) return 'No offline sync within 7 days';
  const minutes = Math.floor(ageMs / 60_000);
  return minutes < 1 ? 'Last updated less than a minute ago' : `Last updated ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
}
