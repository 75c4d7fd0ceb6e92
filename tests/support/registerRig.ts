/**
 * A whole register as child processes for crash and chaos tests:
 *
 *   HostApi ─► dev host (child, data dir) ─► FaultProxy ─► scale unit (child, data dir)
 *
 * The rig keeps a ledger of every receipt handed out, kills and restarts the host on the same
 * files, drains the upload queue and checks the invariants of issue 10 against the channel database.
 */
import path from 'node:path';
import type { OfflineProfileData } from '#pos-api';
import { FaultProxy, type FaultProxyMode } from './FaultProxy.js';
import { HostApi, ScaleUnitAdmin, eventually, type Checkout, type HostStatus } from './clients.js';
import { checkInvariants, type InvariantReport, type IssuedReceipt } from './invariants.js';
import { HostProcess, demoRegisterId, ensureBuilt, spawnScaleUnit, tempDir, type ScaleUnitProcess } from './processes.js';
import { offlineDatabaseFile, readOfflineDatabase } from './offlineDatabase.js';

export const rigTokens = { deviceToken: 'rig-device-token-7f3a', adminToken: 'rig-admin-token-91c2' } as const;

/** Short intervals so a drain takes seconds; the switch timeout short so faults cost little time. */
export const fastProfile: Partial<OfflineProfileData> = {
  switchToOfflineTimeoutMs: 500,
  reconnectIntervalMs: 1_000,
  uploadIntervalMs: 500,
  downloadIntervalMs: 60_000,
  systemHealthCheckIntervalMs: 0,
};

export interface RigOptions {
  readonly products?: number;
  readonly profile?: Partial<OfflineProfileData>;
  /** An existing scale unit to share (the chaos runner keeps one for all runs). */
  readonly scaleUnit?: ScaleUnitProcess;
  readonly hostArgs?: readonly string[];
}

export class RegisterRig {
  readonly issued: IssuedReceipt[] = [];
  /** Kills this rig made on purpose. */
  kills = 0;
  /** Drain polls where GET /api/status pendingUploads was below the queue rows in the file (a stale status). */
  readonly pendingCountMismatches: { at: string; status: number; queueRows: number }[] = [];

  private constructor(
    readonly dir: string,
    readonly scaleUnit: ScaleUnitProcess,
    private readonly ownsScaleUnit: boolean,
    readonly proxy: FaultProxy,
    readonly host: HostProcess,
    readonly api: HostApi,
    readonly admin: ScaleUnitAdmin,
  ) {}

  static async start(options: RigOptions = {}): Promise<RegisterRig> {
    ensureBuilt();
    const dir = tempDir('rig');
    const scaleUnit =
      options.scaleUnit ??
      (await spawnScaleUnit({ dataDir: path.join(dir, 'scale-unit'), products: options.products ?? 300, ...rigTokens }));
    const admin = new ScaleUnitAdmin(scaleUnit.adminUrl, rigTokens.adminToken);
    await admin.setOfflineProfile(demoRegisterId, { ...fastProfile, ...options.profile });
    await admin.runDistribution();
    const proxy = await FaultProxy.start({ targetPort: scaleUnit.port });
    const host = await HostProcess.spawn({
      dataDir: path.join(dir, 'host'),
      scaleUnitUrl: proxy.url,
      deviceToken: rigTokens.deviceToken,
      extraArgs: options.hostArgs ?? ['--log-level', 'warning'],
    });
    const rig = new RegisterRig(dir, scaleUnit, !options.scaleUnit, proxy, host, new HostApi(() => host.url), admin);
    await rig.logon();
    return rig;
  }

  get offlineDatabase(): string {
    return offlineDatabaseFile(this.host.options.dataDir);
  }

  async logon(): Promise<void> {
    const answer = await this.api.logon();
    if (answer.status !== 200) throw new Error(`logon answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** Waits until the first full package is applied, so offline sales can be priced. */
  async offlineDataReady(timeoutMs = 20_000): Promise<void> {
    await eventually(async () => (await this.api.status()).offlineDataAsOf, timeoutMs, 'the offline data to be applied');
  }

  /** Sells and records the receipt as handed to a customer (only when the checkout answered). */
  async sell(barcodes: readonly string[]): Promise<Checkout> {
    const checkout = await this.api.sell(barcodes);
    this.issued.push({ ...checkout, at: new Date().toISOString(), generation: this.host.generations.length });
    return checkout;
  }

  async kill(): Promise<void> {
    this.kills += 1;
    await this.host.kill9();
  }

  /** Restarts the host on the same files and signs in again (a restart needs a fresh sign-in). */
  async restart(): Promise<void> {
    await this.host.restart();
    await this.logon();
  }

  async setProxy(mode: FaultProxyMode): Promise<void> {
    await this.proxy.setMode(mode);
  }

  /**
   * Ends every fault and waits until the register is online with an empty upload queue: presses
   * 917 Connect when the register is offline and asks for a sync, then polls the status.
   */
  async drain(timeoutMs = 30_000): Promise<HostStatus> {
    await this.proxy.setMode({ mode: 'pass' });
    await this.admin.setFault('none');
    let lastNudge = 0;
    return eventually(
      async () => {
        const status = await this.api.status();
        // The file is the truth: a status saying 0 while rows remain is not drained (and is counted).
        const queueRows = readOfflineDatabase(this.offlineDatabase, { readonly: true }).queueRows;
        // Read status first, file second: a lower status is stale (an upload in between only lowers the file).
        if (status.pendingUploads < queueRows) this.pendingCountMismatches.push({ at: new Date().toISOString(), status: status.pendingUploads, queueRows });
        if (status.connectionStatus === 'Online' && status.pendingUploads === 0 && queueRows === 0) return status;
        if (Date.now() - lastNudge > 1_000) {
          lastNudge = Date.now();
          if (status.connectionStatus !== 'Online' && status.button917Label === 'Connect') await this.api.operation(917);
          await this.api.sync();
        }
        return null;
      },
      timeoutMs,
      'the register to come online and drain its upload queue',
      150,
    );
  }

  async checkInvariants(): Promise<InvariantReport> {
    return checkInvariants(this.issued, await this.admin.transactions(), demoRegisterId);
  }

  async close(): Promise<void> {
    await this.host.kill9().catch(() => undefined);
    await this.proxy.close().catch(() => undefined);
    if (this.ownsScaleUnit) await this.scaleUnit.process.stop().catch(() => undefined);
  }
}
