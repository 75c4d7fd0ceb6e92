import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import got from 'got';
import type { SalesTransaction } from '#pos-api';
import { startScaleUnit, type ScaleUnit } from '../../../scale-unit/index.js';
import { openOfflineStore, type OfflineStore } from '../../../src/offline/store/index.js';
import { ScaleUnitClient } from '../../../src/offline/scaleUnit/ScaleUnitClient.js';
import { ConnectionManager } from '../../../src/offline/connection/ConnectionManager.js';
import { systemClock } from '../../../src/platform/Clock.js';
import { DataPackageDownloader } from '../../../src/offline/sync/DataPackageDownloader.js';
import { OfflineTransactionUploader } from '../../../src/offline/sync/OfflineTransactionUploader.js';
import { OfflineSyncEngine } from '../../../src/offline/sync/OfflineSyncEngine.js';
import type { SyncClient } from '../../../src/offline/sync/ports.js';
import { profile, silentLogger } from './fakes.js';

export const registerId = 'S001-T01';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real scale unit simulator (small catalogue, schedule off: tests decide when packages appear). */
export function startTestScaleUnit(): Promise<ScaleUnit> {
  return startScaleUnit({ dataDir: tempDir('sync-su-'), products: 200, customers: 10, distributionIntervalMs: 0 });
}

export interface Register {
  readonly dir: string;
  readonly store: OfflineStore;
  readonly client: ScaleUnitClient;
  readonly connection: ConnectionManager;
  readonly downloader: DataPackageDownloader;
  readonly uploader: OfflineTransactionUploader;
  readonly engine: OfflineSyncEngine;
  close(): Promise<void>;
}

/** One register wired as the composition root would: real SQLite store, real client over HTTP. */
export async function openRegister(baseUrl: string, options: { batchSize?: number; wrapClient?: (c: SyncClient) => SyncClient } = {}): Promise<Register> {
  const dir = tempDir('sync-reg-');
  const store = await openOfflineStore({ kind: 'sqlite', path: path.join(dir, 'offline.db') });
  const client = new ScaleUnitClient({ baseUrl, deviceToken: 'dev-device-token' });
  const syncClient = options.wrapClient ? options.wrapClient(client) : client;
  const connection = new ConnectionManager(systemClock);
  const source = profile({ uploadBatchSize: options.batchSize ?? 100, uploadIntervalMs: 60_000, downloadIntervalMs: 60_000 });
  const downloader = new DataPackageDownloader(syncClient, store, connection, { registerId }, systemClock, silentLogger, { downloadsDir: path.join(dir, 'downloads'), requestTimeoutMs: 5_000 });
  const uploader = new OfflineTransactionUploader(syncClient, store, connection, source, systemClock, silentLogger, { requestTimeoutMs: 5_000 });
  const engine = new OfflineSyncEngine(downloader, uploader, store, connection, source, systemClock, silentLogger, { firstRunDelayMs: 60_000 });
  return {
    dir, store, client, connection, downloader, uploader, engine,
    close: async () => {
      await engine.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid offline sale of the demo register, number `n`. */
export function offlineSale(n: number): SalesTransaction {
  return {
    transactionId: `S001-T01-${n}`, receiptId: `R-S001-T01-${n}`, registerId, storeNumber: 'S001', terminalId: 'T01', operatorId: '000160',
    lines: [{ productId: 'P0000001', barcode: '2000012345678', description: 'Mug', quantity: 2, unitPrice: 10.5, amount: 21, pricedOffline: true }],
    tenders: [{ method: 'cash', amount: 21 }], total: 21, localTime: new Date().toISOString(), serverTimeOffsetMs: 0, createdOffline: true,
  };
}

/** What the channel database holds, through the admin API as a verifier would see it. */
export async function storedTransactionIds(scaleUnit: ScaleUnit): Promise<string[]> {
  const rows = await got(`${scaleUnit.adminUrl}/admin/transactions`, { headers: { authorization: 'Bearer dev-admin-token' } }).json<{ transactionId: string }[]>();
  return rows.map((r) => r.transactionId);
}
