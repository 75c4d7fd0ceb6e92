import type { OfflineDatabaseSettings } from '#pos-api';
import type { OfflineStore } from './OfflineStore.js';
import { invalidArgument } from './OfflineStoreError.js';

/**
 * Opens the offline database the device settings name. Adapters load lazily so a register on
 * SQLite never loads the SQL Server driver, and the reverse.
 */
export async function openOfflineStore(settings: OfflineDatabaseSettings): Promise<OfflineStore> {
  switch (settings?.kind) {
    case 'sqlite': {
      if (typeof settings.path !== 'string' || settings.path === '') throw invalidArgument('offlineDatabase.path must be a file path');
      const { SqliteOfflineStore } = await import('./sqlite/SqliteOfflineStore.js');
      return SqliteOfflineStore.open(settings.path);
    }
    case 'sqlserver': {
      if (typeof settings.connectionString !== 'string' || settings.connectionString === '') {
        throw invalidArgument('offlineDatabase.connectionString must be a SQL Server connection string');
      }
      const { SqlServerOfflineStore } = await import('./sqlserver/SqlServerOfflineStore.js');
      return SqlServerOfflineStore.open(settings.connectionString);
    }
    default:
      throw invalidArgument(`offlineDatabase.kind must be "sqlite" or "sqlserver", got ${JSON.stringify((settings as { kind?: unknown } | undefined)?.kind)}`);
  }
}
