/**
 * A whole register for integration tests: the scale unit simulator and the dev host, both real
 * HTTP servers on loopback, the extension loaded from the BUILT package (dist/) through its
 * manifest, and the offline database as a real SQLite file in a temp folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OfflineProfileData } from '#pos-api';
import { startScaleUnit, type ScaleUnit } from '../../scale-unit/index.js';
import { startHost, type RunningHost } from '../../host/server/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(repoRoot, 'dist');
export const registerId = 'S001-T01';

/** `npm test` builds first; a lone `mocha tests/extension` run builds here. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(distDir, 'manifest.json'))) execFileSync(process.execPath, ['scripts/build.js'], { cwd: repoRoot, stdio: 'inherit' });
}

export interface RegisterUnderTest {
  readonly scaleUnit: ScaleUnit;
  readonly host: RunningHost;
  readonly dataDir: string;
  api<T = unknown>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Restarts the dev host on the same data folder (the scale unit keeps running); optionally reinstalls the offline database. */
  restartHost(options?: { wipeOfflineDatabase?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface RegisterOptions {
  readonly profile?: Partial<OfflineProfileData>;
  readonly products?: number;
  /** Sign in the demo operator (starts sync). Default true. */
  readonly logon?: boolean;
  /** Which demo register the host is (default S001-T01; S001-T03 does not support offline). */
  readonly registerId?: string;
}

export async function startRegisterUnderTest(options: RegisterOptions = {}): Promise<RegisterUnderTest> {
  ensureBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'register-'));
  const scaleUnit = await startScaleUnit({ dataDir: path.join(dataDir, 'scale-unit'), products: options.products ?? 300, distributionIntervalMs: 0 });
  // Short timeouts keep the suite fast; intervals long so only the test decides when things happen.
  const register = options.registerId ?? registerId;
  scaleUnit.setOfflineProfile(register, {
    switchToOfflineTimeoutMs: 400,
    reconnectIntervalMs: 60_000,
    uploadIntervalMs: 60_000,
    downloadIntervalMs: 60_000,
    systemHealthCheckIntervalMs: 0,
    ...options.profile,
  });
  await scaleUnit.runDistribution();

  const launch = () =>
    startHost({ port: 0, scaleUnitUrl: scaleUnit.url, dataDir: path.join(dataDir, 'host'), packageDir: distDir, registerId: register, logLevel: 'silent' });
  let host = await launch();

  const rig: RegisterUnderTest = {
    scaleUnit,
    get host() {
      return host;
    },
    dataDir,
    async api<T>(method: 'GET' | 'POST', route: string, body?: unknown) {
      const response = await fetch(`${host.url}${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async restartHost({ wipeOfflineDatabase = false } = {}) {
      await host.close();
      if (wipeOfflineDatabase) {
        for (const suffix of ['', '-wal', '-shm']) await rm(path.join(dataDir, 'host', `offline.db${suffix}`), { force: true });
      }
      host = await launch();
      if (options.logon !== false) await logon();
    },
    async close() {
      await host.close().catch(() => undefined);
      await scaleUnit.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  const logon = async () => {
    const { status } = await rig.api('POST', '/api/logon', { operatorId: '000160', password: '123' });
    if (status !== 200) throw new Error(`logon answered ${status}`);
  };
  if (options.logon !== false) await logon();
  return rig;
}

/** Polls until `check` is truthy (or fails after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
