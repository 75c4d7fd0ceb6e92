/**
 * The real parts every scenario runs against: the scale unit simulator on loopback, the extension
 * loaded from the BUILT package (dist/) into the dev host runtime, and offline databases as files
 * in a temp folder that is removed when the run ends.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceConfiguration, ILogger } from '#pos-api';
import { startScaleUnit, type ScaleUnit, type DataPackageRecord } from '../../scale-unit/index.js';
import { loadExtensionPackage, type LoadedExtensionPackage } from '../../host/loader/index.js';
import { PosHost } from '../../host/runtime/index.js';
import { SqliteOfflineStore } from '../../src/offline/store/index.js';
import { ScaleUnitClient } from '../../src/offline/scaleUnit/ScaleUnitClient.js';
import { DataPackageDownloader } from '../../src/offline/sync/index.js';
import { systemClock } from '../../src/platform/Clock.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(repoRoot, 'dist');
/** The demo catalogue's first register: offline enabled. */
export const registerId = 'S001-T01';
/** POS version the bench's host claims (the dev host's own). */
export const hostVersion = '9.60.0';

/** Nothing is printed while measuring; warnings are kept for the JSON. */
export class QuietLogger implements ILogger {
  readonly warnings: string[] = [];
  private next = 0;
  logVerbose = (): void => undefined;
  logInformational = (): void => undefined;
  logWarning = (message: string): void => void this.keep(message);
  logError = (message: string): void => void this.keep(message);
  logCriticalError = (message: string): void => void this.keep(message);
  getNewCorrelationId = (): string => `bench-${++this.next}`;
  private keep(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message.split('\n')[0]!);
  }
}

/** One temp folder per run; everything on disk lives under it and goes with it. */
export class Workspace {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'pos-bench-'));

  dir(name: string): string {
    const dir = path.join(this.root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface BenchScaleUnitOptions {
  readonly dataDir: string;
  readonly products: number;
  readonly seed: number;
  /** Profile fields for the benched register. */
  readonly profile?: Record<string, number>;
}

/**
 * A scale unit with the schedule timer off; only the benched register is offline-enabled so a
 * distribution run writes one full package, not one per register.
 */
export async function startBenchScaleUnit(options: BenchScaleUnitOptions): Promise<ScaleUnit> {
  const su = await startScaleUnit({ dataDir: options.dataDir, products: options.products, customers: 50, seed: options.seed, distributionIntervalMs: 0 });
  su.services.db.prepare('UPDATE registers SET support_offline = 0 WHERE register_id <> ?').run(registerId);
  su.setOfflineProfile(registerId, {
    reconnectIntervalMs: 3_600_000,
    uploadIntervalMs: 3_600_000,
    downloadIntervalMs: 3_600_000,
    systemHealthCheckIntervalMs: 0,
    ...options.profile,
  });
  return su;
}

/** Runs the distribution schedule and answers the benched register's newest full package. */
export async function makeFullPackage(su: ScaleUnit): Promise<DataPackageRecord & { path: string }> {
  await su.runDistribution();
  const record = su.services.distribution.list(registerId, 0).filter((p) => p.kind === 'full').at(-1);
  if (!record) throw new Error('the scale unit made no full package for the benched register');
  return { ...record, path: path.join(su.services.distribution.packageDirectory, record.file) };
}

/** download + verify + apply through the extension's own downloader (the path a register takes). */
export async function applyNewestPackage(scaleUnitUrl: string, deviceToken: string, dbPath: string, downloadsDir: string): Promise<{ applied: number; rows: number }> {
  const store = await SqliteOfflineStore.open(dbPath);
  try {
    const client = new ScaleUnitClient({ baseUrl: scaleUnitUrl, deviceToken });
    const downloader = new DataPackageDownloader(client, store, { isOnline: true }, { registerId }, systemClock, new QuietLogger(), { downloadsDir });
    const result = await downloader.runOnce(new AbortController().signal);
    if (!result.ok || result.applied < 1) throw new Error(`package apply failed: ${result.error ?? JSON.stringify(result)}`);
    const last = await store.getLastAppliedPackage();
    return { applied: result.applied, rows: last?.rows ?? 0 };
  } finally {
    await store.close();
  }
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * dist/ as `npm run build` makes it. Built here when missing or older than src/ or the manifest
 * (npm test builds first, so the smoke run normally finds it fresh). Answers whether it built.
 */
export function ensureDist(): { built: boolean } {
  const manifest = path.join(distDir, 'manifest.json');
  const sources = Math.max(newestMtime(path.join(repoRoot, 'src')), statSync(path.join(repoRoot, 'manifest.json')).mtimeMs);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return { built: false };
  process.stderr.write('bench: dist/ is missing or older than src/, running the build (npm run build)\n');
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  return { built: true };
}

let loaded: Promise<LoadedExtensionPackage> | undefined;

/** The built package, loaded once per process through its manifest (as Store Commerce does). */
export function loadBuiltExtension(): Promise<LoadedExtensionPackage> {
  loaded ??= loadExtensionPackage(distDir, { hostVersion });
  return loaded;
}

export function deviceConfiguration(su: ScaleUnit, dbPath: string): DeviceConfiguration {
  return { registerId, scaleUnitUrl: su.url, deviceToken: su.options.deviceToken, offlineDatabase: { kind: 'sqlite', path: dbPath } };
}

/** A fresh dev host runtime (its own context, so its own extension container and connection state). */
export async function newHost(su: ScaleUnit, dbPath: string): Promise<PosHost> {
  return new PosHost({ packages: await loadBuiltExtension(), deviceConfiguration: deviceConfiguration(su, dbPath), logger: new QuietLogger(), hostVersion });
}

/** A valid sale of the benched register with number `n` (shared with the tests). */
export { validSale as sale } from '../../tests/support/fixtures.js';
