import { ConnectionStatusType } from '#pos-api';
import type { IPosHost } from '../runtime/index.js';

/** What GET /api/status and the page's status events carry (field list in system.md, plus extras). */
export interface HostStatus extends Record<string, unknown> {
  readonly registerId: string;
  readonly connectionStatus: keyof typeof ConnectionStatusType;
  readonly since: string;
  readonly reason: string;
  readonly scaleUnitUrl: string;
  readonly button917Label: 'Disconnect' | 'Connect';
  readonly pendingUploads: number;
  readonly pendingDownloads: number;
  readonly lastSync: { readonly download: unknown; readonly upload: unknown };
  readonly offlineDataAsOf: string | null;
  readonly syncStatusText: string;
}

export interface StatusSources {
  readonly posHost: IPosHost;
  readonly registerId: string;
  readonly scaleUnitUrl: string;
  readonly extension: { readonly name: string; readonly version: string } | null;
  readonly signedInOperator: () => string | null;
  readonly demoFaultsAvailable: boolean;
}

/**
 * The host's own truth (connection status, since, reason) over the extension's published details
 * (sync state, offline database), with fallbacks for a register whose extension said nothing yet.
 * Unknown detail fields pass through, so the status window can show what a newer extension adds.
 */
export function buildStatus(sources: StatusSources): HostStatus {
  const { posHost } = sources;
  const details = (posHost.connectionStatusDetails ?? {}) as Record<string, unknown>;
  const status = posHost.connectionStatus;
  const online = status === ConnectionStatusType.Online;
  const lastSync = (details.lastSync ?? {}) as Record<string, unknown>;
  return {
    ...details,
    registerId: sources.registerId,
    connectionStatus: ConnectionStatusType[status] as keyof typeof ConnectionStatusType,
    connected: online,
    since: posHost.connectionStatusSince,
    reason: posHost.connectionStatusReason,
    scaleUnitUrl: stringOr(details.scaleUnitUrl, sources.scaleUnitUrl),
    button917Label: online ? 'Disconnect' : 'Connect',
    button917LiveLabel: posHost.buttonLabels.get(917) ?? null,
    pendingUploads: numberOr(details.pendingUploads, 0),
    oldestPendingUploadAt: details.oldestPendingUploadAt ?? null,
    pendingDownloads: numberOr(details.pendingDownloads, 0),
    lastSync: { download: lastSync.download ?? null, upload: lastSync.upload ?? null },
    offlineDataAsOf: typeof details.offlineDataAsOf === 'string' ? details.offlineDataAsOf : null,
    syncStatusText: stringOr(details.syncStatusText, sources.extension ? 'Checking' : 'Offline functionality is not configured'),
    offlineDatabase: details.offlineDatabase ?? null,
    downloadJobs: Array.isArray(details.downloadJobs) ? details.downloadJobs : [],
    uploadJobs: Array.isArray(details.uploadJobs) ? details.uploadJobs : [],
    downloadProgress: details.downloadProgress ?? null,
    rejectedUploads: details.rejectedUploads ?? 0,
    extension: sources.extension,
    signedInOperator: sources.signedInOperator(),
    syncAvailable: posHost.hasOperation(918),
    demoFaultsAvailable: sources.demoFaultsAvailable,
  };
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' && value.length > 0 ? value : fallback);
