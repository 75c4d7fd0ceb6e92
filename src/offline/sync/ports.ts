import type { Observable } from 'rxjs';
import type { ConnectionStatusType } from '#pos-api';
import type { ScaleUnitClient } from '../scaleUnit/ScaleUnitClient.js';
import type { OfflineProfile } from '../profile/OfflineProfile.js';

/*
 * The narrow slices of the collaborators the sync classes use. The real classes
 * (ScaleUnitClient, ConnectionManager, RegisterConfigurationService) satisfy them structurally, so
 * the composition root binds those, and unit tests pass small stubs instead.
 */

export type SyncClient = Pick<ScaleUnitClient, 'listDataPackages' | 'streamDataPackage' | 'reportDataPackageStatus' | 'postTransactions'>;

export interface SyncConnection {
  readonly isOnline: boolean;
  readonly status$: Observable<ConnectionStatusType>;
}

/** The profile in force; RegisterConfigurationService answers the loaded one (or the defaults). */
export interface SyncProfileSource {
  readonly profile: OfflineProfile;
}

/** One line of the Download / Upload tabs of the connection status window. */
export interface SyncJob {
  readonly name: string;
  readonly status: string;
  /** ISO 8601. */
  readonly at: string;
  readonly sizeBytes: number;
}
