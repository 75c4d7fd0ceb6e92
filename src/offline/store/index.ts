/** The offline database: the port, its two adapters, the factory and the errors. Everything else here is internal. */
export type {
  OfflineStore, PendingUpload, RejectedUpload, PendingUploadSummary, PackageLedgerEntry, ApplyPackageResult, ApplyProgress,
  OfflineStoreDescription,
} from './OfflineStore.js';
export { OfflineStoreError } from './OfflineStoreError.js';
export type { OfflineStoreErrorCode } from './OfflineStoreError.js';
export { openOfflineStore } from './openOfflineStore.js';
export { SqliteOfflineStore } from './sqlite/SqliteOfflineStore.js';
// Type only: the SQL Server driver loads when openOfflineStore asks for it, not with this index.
export type { SqlServerOfflineStore } from './sqlserver/SqlServerOfflineStore.js';
export { latestSqliteSchemaVersion } from './sqlite/migrations.js';
export { searchTokens, toFtsMatchExpression } from './searchText.js';
