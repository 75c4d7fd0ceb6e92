import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import got, { type Got } from 'got';
import type { SalesTransaction } from '#pos-api';
import { startScaleUnit, type ScaleUnit, type ScaleUnitOptions } from '../../scale-unit/index.js';

export const deviceToken = 'test-device-token';
export const adminToken = 'test-admin-token';

const tempDirs: string[] = [];
// Removed when the test process ends, after every scale unit has closed its database.
process.once('exit', () => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-unit-test-'));
  tempDirs.push(dir);
  return dir;
}

/** A small, quiet scale unit on free ports; the timer is off so tests decide when packages appear. */
export function startTestScaleUnit(options: ScaleUnitOptions = {}): Promise<ScaleUnit> {
  return startScaleUnit({ dataDir: tempDataDir(), products: 200, customers: 50, deviceToken, adminToken, distributionIntervalMs: 0, ...options });
}

/** got without retries or keep-alive surprises: each test sees exactly what one request got. */
export function deviceClient(scaleUnit: ScaleUnit, token = deviceToken): Got {
  return got.extend({ prefixUrl: scaleUnit.url, headers: { authorization: `Bearer ${token}` }, retry: { limit: 0 }, throwHttpErrors: false, responseType: 'json' });
}

export function adminClient(scaleUnit: ScaleUnit, token = adminToken): Got {
  return got.extend({ prefixUrl: scaleUnit.adminUrl, headers: { authorization: `Bearer ${token}` }, retry: { limit: 0 }, throwHttpErrors: false, responseType: 'json' });
}

/** A valid sale of register S001-T01 with number `n`; `overrides` break it on purpose. */
export function sale(n: number, overrides: Partial<Record<keyof SalesTransaction, unknown>> = {}): SalesTransaction {
  return {
    transactionId: `S001-T01-${n}`,
    receiptId: `R-S001-T01-${n}`,
    registerId: 'S001-T01',
    storeNumber: 'S001',
    terminalId: 'T01',
    operatorId: '000160',
    lines: [
      { productId: 'P0000001', barcode: '2000012345678', description: 'Mug', quantity: 2, unitPrice: 10.5, amount: 21, pricedOffline: false },
      { productId: 'P0000002', barcode: '2000091535700', description: 'Jacket', quantity: 1, unitPrice: 5.25, amount: 5.25, pricedOffline: false },
    ],
    tenders: [{ method: 'cash', amount: 26.25 }],
    total: 26.25,
    localTime: new Date().toISOString(),
    serverTimeOffsetMs: 0,
    createdOffline: true,
    ...overrides,
  } as SalesTransaction;
}
