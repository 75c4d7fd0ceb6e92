import crypto from 'node:crypto';
import sql from 'mssql';
import { openOfflineStore } from '../../../src/offline/store/index.js';
import { offlineStoreContract } from './offlineStoreContract.js';

/**
 * Runs the contract against a real SQL Server when OFFLINE_DB_MSSQL_URL holds a connection string
 * with rights to create databases (e.g. `Server=localhost,1433;User Id=sa;Password=...;Encrypt=false`).
 * Each test gets its own throwaway database.
 */
const connectionString = process.env['OFFLINE_DB_MSSQL_URL'] ?? '';

function withDatabase(name: string): string {
  const rest = connectionString.split(';').filter((part) => part.trim() !== '' && !/^\s*(database|initial catalog)\s*=/i.test(part));
  return [...rest, `Database=${name}`].join(';');
}

offlineStoreContract('SqlServerOfflineStore', {
  skipReason: connectionString === '' ? 'OFFLINE_DB_MSSQL_URL is not set (no SQL Server here)' : null,
  async createDatabase() {
    const name = `offline_store_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await new sql.ConnectionPool(connectionString).connect();
    await admin.request().batch(`CREATE DATABASE [${name}]`); // name is generated above, never user input
    return {
      open: () => openOfflineStore({ kind: 'sqlserver', connectionString: withDatabase(name) }),
      dispose: async () => {
        await admin.request().batch(`ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}];`);
        await admin.close();
      },
    };
  },
});
