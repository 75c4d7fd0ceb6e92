import type { AddressInfo } from 'node:net';
import type { OfflineProfileData, RegisterConfiguration } from '#pos-api';
import { openChannelDatabase } from './db/channel-database.js';
import type { CustomerChange, ProductChange } from './db/catalogue-store.js';
import { seedDemoData } from './db/demo-data.js';
import type { StoredTransaction } from './db/transaction-intake.js';
import { FaultInjector, type FaultMode, type FaultSetting } from './faults/fault-injector.js';
import { registerAdminRoutes } from './http/admin-routes.js';
import { createApp } from './http/common.js';
import { registerDeviceRoutes } from './http/device-routes.js';
import { resolveOptions, type ResolvedScaleUnitOptions, type ScaleUnitOptions } from './options.js';
import type { DataPackageRecord } from './packages/distribution-schedule.js';
import { createServices, type ScaleUnitServices } from './services.js';

/** A running scale unit simulator; everything the admin API does is also callable in-process. */
export interface ScaleUnit {
  /** Device API base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Admin API base URL (loopback). */
  readonly adminUrl: string;
  readonly port: number;
  readonly adminPort: number;
  readonly options: ResolvedScaleUnitOptions;
  /** Whether this start created and seeded the channel database. */
  readonly seeded: boolean;
  /** The stores over the channel database, for benches and white-box tests. */
  readonly services: ScaleUnitServices;
  setFault(mode: FaultMode, options?: { latencyMs?: number }): Promise<void>;
  readonly fault: FaultSetting;
  runDistribution(): Promise<DataPackageRecord[]>;
  changeProducts(products: readonly ProductChange[], deleteProductIds?: readonly string[]): { upserted: number; deleted: number };
  changeCustomers(customers: readonly CustomerChange[], deleteCustomerIds?: readonly string[]): { upserted: number; deleted: number };
  setOfflineProfile(registerId: string, patch: Partial<OfflineProfileData>): RegisterConfiguration;
  transactions(): StoredTransaction[];
  /** Stops both listeners (destroying hung sockets), the schedule, and closes the database. */
  close(): Promise<void>;
}

/** Starts the device and admin listeners over the channel database in `options.dataDir`. */
export async function startScaleUnit(options: ScaleUnitOptions = {}): Promise<ScaleUnit> {
  const resolved = resolveOptions(options);
  const db = openChannelDatabase(resolved.dataDir);
  const seeded = seedDemoData(db, resolved);
  const device = createApp(resolved);
  const admin = createApp(resolved);
  const services = createServices(db, resolved.dataDir, (error) => device.log.error({ err: error }, 'distribution run failed'));
  const faults = new FaultInjector(device);
  registerDeviceRoutes(device, services, resolved.deviceToken);
  registerAdminRoutes(admin, services, faults, resolved.adminToken);
  try {
    await device.listen({ port: resolved.port, host: resolved.host });
    await admin.listen({ port: resolved.adminPort, host: '127.0.0.1' });
  } catch (error) {
    await Promise.allSettled([device.close(), admin.close()]);
    db.close();
    throw error;
  }
  const port = (device.server.address() as AddressInfo).port;
  const adminPort = (admin.server.address() as AddressInfo).port;
  faults.rememberAddress(resolved.host, port);
  services.distribution.start(resolved.distributionIntervalMs);

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await services.distribution.stop();
    const closed = Promise.allSettled([device.close(), admin.close()]);
    // Blackholed and latency-held requests never finish by themselves.
    faults.destroySockets();
    await closed;
    db.close();
  };

  return {
    url: `http://${hostForUrl(resolved.host)}:${port}`,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    port,
    adminPort,
    options: resolved,
    seeded,
    services,
    setFault: (mode, fault = {}) => faults.set(mode, fault.latencyMs ?? 0),
    get fault() {
      return faults.current;
    },
    runDistribution: () => services.distribution.run(),
    changeProducts: (products, deleteIds = []) => services.catalogue.changeProducts(products, deleteIds),
    changeCustomers: (customers, deleteIds = []) => services.catalogue.changeCustomers(customers, deleteIds),
    setOfflineProfile: (registerId, patch) => {
      const updated = services.registers.updateOfflineProfile(registerId, patch);
      if (!updated) throw new RangeError(`unknown register ${registerId}`);
      return updated;
    },
    transactions: () => services.intake.all(),
    close: () => (closing ??= close()),
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
