import type { DataPackageStatus, OfflineProfileData, RegisterConfiguration } from '#pos-api';
import type { ChannelDb } from './channel-database.js';
import { defaultOfflineProfile } from '../options.js';

interface RegisterRow { register_id: string; store_number: string; terminal_id: string; support_offline: number; offline_profile: string }

export interface PackageStatusEntry {
  readonly packageId: string;
  readonly sequence: number;
  readonly kind: string;
  readonly status: DataPackageStatus;
  readonly error: string | null;
  readonly updatedAt: string;
}

/** What GET /admin/registers shows per register: its configuration plus its sync progress. */
export interface RegisterOverview extends RegisterConfiguration {
  readonly lastAppliedSequence: number;
  readonly lastPackageSequence: number;
  readonly lastTransactionNumber: number;
  readonly packageStatuses: readonly PackageStatusEntry[];
}

function toRegister(row: RegisterRow): RegisterConfiguration {
  // Stored profiles are merged over today's defaults so fields added later get a value.
  const offlineProfile = { ...defaultOfflineProfile, ...(JSON.parse(row.offline_profile) as Partial<OfflineProfileData>) };
  return { registerId: row.register_id, storeNumber: row.store_number, terminalId: row.terminal_id, supportOffline: row.support_offline === 1, offlineProfile };
}

export class RegisterStore {
  constructor(private readonly db: ChannelDb) {}

  get(registerId: string): RegisterConfiguration | undefined {
    const row = this.db.prepare('SELECT * FROM registers WHERE register_id = ?').get(registerId) as RegisterRow | undefined;
    return row && toRegister(row);
  }

  all(): RegisterConfiguration[] {
    return (this.db.prepare('SELECT * FROM registers ORDER BY register_id').all() as RegisterRow[]).map(toRegister);
  }

  updateOfflineProfile(registerId: string, patch: Partial<OfflineProfileData>): RegisterConfiguration | undefined {
    const current = this.get(registerId);
    if (!current) return undefined;
    const profile = { ...current.offlineProfile, ...patch };
    this.db.prepare('UPDATE registers SET offline_profile = ? WHERE register_id = ?').run(JSON.stringify(profile), registerId);
    return { ...current, offlineProfile: profile };
  }

  /** The highest `n` of the register's stored `{store}-{terminal}-{n}` ids, 0 when none. */
  lastTransactionNumber(registerId: string): number {
    const row = this.db.prepare('SELECT MAX(number) AS n FROM transactions WHERE register_id = ?').get(registerId) as { n: number | null };
    return row.n ?? 0;
  }

  recordPackageStatus(packageId: string, registerId: string, status: DataPackageStatus, error: string | null): void {
    this.db.prepare(`INSERT INTO package_statuses (package_id, register_id, status, error, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (package_id, register_id) DO UPDATE SET status = excluded.status, error = excluded.error, updated_at = excluded.updated_at`)
      .run(packageId, registerId, status, error, new Date().toISOString());
  }

  overview(): RegisterOverview[] {
    const statuses = this.db.prepare(`SELECT s.package_id, s.status, s.error, s.updated_at, p.sequence, p.kind
        FROM package_statuses s JOIN data_packages p ON p.id = s.package_id
        WHERE s.register_id = ? ORDER BY p.sequence`);
    const lastPackage = this.db.prepare('SELECT MAX(sequence) AS n FROM data_packages WHERE register_id = ?');
    return this.all().map((register) => {
      const rows = statuses.all(register.registerId) as { package_id: string; status: DataPackageStatus; error: string | null; updated_at: string; sequence: number; kind: string }[];
      const packageStatuses = rows.map((r) => ({ packageId: r.package_id, sequence: r.sequence, kind: r.kind, status: r.status, error: r.error, updatedAt: r.updated_at }));
      const applied = packageStatuses.filter((s) => s.status === 'Applied').map((s) => s.sequence);
      return {
        ...register,
        lastAppliedSequence: applied.length > 0 ? Math.max(...applied) : 0,
        lastPackageSequence: (lastPackage.get(register.registerId) as { n: number | null }).n ?? 0,
        lastTransactionNumber: this.lastTransactionNumber(register.registerId),
        packageStatuses,
      };
    });
  }
}
