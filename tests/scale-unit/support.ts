import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import got, { type Got } from 'got';
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

export { validSale as sale } from '../support/fixtures.js';
