/**
 * The Commerce Scale Unit simulator: channel database, distribution schedule, idempotent
 * transaction intake and fault injection, for tests, benches and local demos.
 */
export { startScaleUnit } from './scale-unit.js';
export type { ScaleUnit } from './scale-unit.js';
export { resolveOptions, scaleUnitDefaults, defaultOfflineProfile } from './options.js';
export type { ScaleUnitOptions, ResolvedScaleUnitOptions } from './options.js';
export { faultModes } from './faults/fault-injector.js';
export type { FaultMode, FaultSetting } from './faults/fault-injector.js';
export { createChannelDatabase } from './db/create-channel-database.js';
export { openChannelDatabase, channelDatabaseFileName } from './db/channel-database.js';
export type { ChannelDb } from './db/channel-database.js';
export { demoProduct, demoBarcode, insertDemoProducts, seedDemoData, demoStoreNumber } from './db/demo-data.js';
export type { ProductChange, CustomerChange } from './db/catalogue-store.js';
export type { StoredTransaction } from './db/transaction-intake.js';
export type { DataPackageRecord } from './packages/distribution-schedule.js';
export type { RegisterOverview, PackageStatusEntry } from './db/register-store.js';
