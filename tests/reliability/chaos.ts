/**
 * Randomized fault schedules (issue 10): sales keep coming while network faults switch (through
 * the TCP proxy and the scale unit's fault API), data packages arrive and the host is killed and
 * restarted. Every schedule comes from one seeded PRNG, so `--seed` replays the same decisions
 * (timings on a shared machine still vary; the decisions do not).
 *
 * To keep a run cheap, one scale unit, one proxy and one host process (one offline database)
 * serve every run; a run is a short schedule ended by a drain and an invariant check.
 */
import { demoBarcode } from '../../scale-unit/index.js';
import { mulberry32 } from '../../scale-unit/db/demo-data.js';
import type { FaultProxyMode } from '../support/FaultProxy.js';
import { sleep } from '../support/clients.js';
import { partialGenerations, readOfflineDatabase } from '../support/offlineDatabase.js';
import { RegisterRig } from '../support/registerRig.js';

export interface ChaosOptions {
  readonly runs: number;
  readonly seed: number;
  /** Steps per run (each a sale, a fault switch, a kill or a package). */
  readonly stepsPerRun?: number;
  /** Marker products changed by each chaos package. */
  readonly packageRows?: number;
  readonly onProgress?: (line: string) => void;
  /** Start no new run after this many ms (the runs done are reported); no limit when absent. */
  readonly timeBudgetMs?: number;
}

export interface ChaosReport {
  readonly seed: number;
  readonly runs: number;
  readonly salesAttempted: number;
  readonly receiptsIssued: number;
  readonly storedAtScaleUnit: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly receiptNumbersReused: number;
  readonly packagesPartiallyApplied: number;
  readonly hostCrashes: number;
  /** Kills the schedule asked for (not crashes). */
  readonly hostKills: number;
  readonly packagesPublished: number;
  readonly faultSwitches: number;
  /** Sales stored that no checkout answered (the host died mid-checkout): allowed. */
  readonly storedUnacknowledged: number;
  /** Runs whose drain did not converge in time (a liveness failure). */
  readonly drainFailures: number;
  /** Drain polls where the status's pendingUploads differed from the queue rows in the file. */
  readonly pendingCountMismatches: number;
  /** Runs asked for; `runs` is the number done (less when the time budget ran out). */
  readonly runsRequested: number;
  readonly durationMs: number;
  readonly problems: readonly string[];
}

/** A seeded PRNG (the scale unit's mulberry32): the same sequence on every machine. */
export function createPrng(seed: number): { next(): number; int(min: number, max: number): number; pick<T>(items: readonly T[]): T } {
  const next = mulberry32(seed);
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)), pick: (items) => items[Math.floor(next() * items.length)]! };
}

type Prng = ReturnType<typeof createPrng>;

const isUpload = (line: string): boolean => line.startsWith('POST /transactions');
const isPackageStatus = (line: string): boolean => line.startsWith('POST /data-packages/');

function proxyFault(prng: Prng): FaultProxyMode {
  const choice = prng.int(0, 8);
  switch (choice) {
    case 0: return { mode: 'pass' };
    case 1: return { mode: 'latency', ms: prng.int(20, 300) };
    case 2: return { mode: 'blackhole' };
    case 3: return { mode: 'blackhole', match: isUpload };
    case 4: return { mode: 'reset' };
    case 5: return { mode: 'refuse' };
    case 6: return { mode: 'drop-after-request', match: isUpload };
    case 7: return { mode: 'drop-after-request', keepClient: true };
    default: return { mode: 'latency', ms: prng.int(300, 900), match: isUpload };
  }
}

const scaleUnitFaults = ['none', 'refuse', 'error503', 'drop-reply', 'latency'] as const;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const prng = createPrng(options.seed);
  const steps = options.stepsPerRun ?? 8;
  const packageRows = options.packageRows ?? 1_500;
  const say = options.onProgress ?? (() => undefined);
  const problems: string[] = [];
  let salesAttempted = 0;
  let packagesPartiallyApplied = 0;
  let packagesPublished = 0;
  let faultSwitches = 0;
  let drainFailures = 0;
  let generation = 0;
  let hostCrashesSeen = 0;

  const rig = await RegisterRig.start({ products: 300 });
  try {
    await rig.offlineDataReady(60_000);

    const checkPackages = (afterKill: boolean, run: number): void => {
      const snapshot = readOfflineDatabase(rig.offlineDatabase, { readonly: !afterKill });
      const partial = partialGenerations(snapshot.markerPrices, packageRows);
      if (partial > 0) {
        packagesPartiallyApplied += partial;
        problems.push(`run ${run}: a package was partially applied (${new Set(snapshot.markerPrices.values()).size} price generations over ${snapshot.markerPrices.size} marker rows)`);
      }
    };

    /** Restarts the host when it died without our kill (a crash) and counts it. */
    const reviveIfCrashed = async (run: number): Promise<void> => {
      const crashes = rig.host.unexpectedExits.length;
      if (crashes > hostCrashesSeen) {
        problems.push(`run ${run}: the host crashed: ${JSON.stringify(rig.host.unexpectedExits.at(-1))} ${rig.host.process.logs.slice(-1500)}`);
        hostCrashesSeen = crashes;
        await rig.restart();
      }
    };

    const sale = async (): Promise<void> => {
      salesAttempted += 1;
      const barcodes = Array.from({ length: prng.int(1, 3) }, () => demoBarcode(prng.int(1, 250)));
      try {
        await rig.sell(barcodes);
      } catch {
        // A refused sale is allowed under faults (the receipt was never handed out); leave no cart behind.
        await rig.api.voidCart().catch(() => undefined);
      }
    };

    const kill = async (run: number, during: 'idle' | 'checkout' | 'upload' | 'package'): Promise<void> => {
      let inFlight: Promise<unknown> = Promise.resolve();
      if (during === 'checkout') {
        salesAttempted += 1;
        const added = await rig.api.addLine(demoBarcode(prng.int(1, 250))).catch(() => null);
        // The answer is never handed to a customer: the host dies while it is being made.
        if (added?.status === 200) inFlight = rig.api.checkout(1_000).catch(() => null);
        await sleep(prng.int(0, 30));
      } else if (during === 'upload') {
        const seen = waitForRequest(rig, isUpload, 1_500);
        await rig.api.sync().catch(() => undefined);
        await seen;
        await sleep(prng.int(0, 20));
      } else if (during === 'package') {
        generation += 1;
        const seen = waitForRequest(rig, isPackageStatus, 4_000);
        await publishPackage(rig, packageRows, generation);
        packagesPublished += 1;
        await rig.api.sync().catch(() => undefined);
        await seen;
        await sleep(prng.int(0, 60));
      }
      await rig.kill();
      await inFlight;
      checkPackages(true, run);
      await rig.restart();
    };

    let runsDone = 0;
    for (let run = 1; run <= options.runs; run++) {
      if (options.timeBudgetMs !== undefined && Date.now() - started > options.timeBudgetMs) break;
      runsDone = run;
      for (let step = 0; step < steps; step++) {
        await reviveIfCrashed(run);
        const roll = prng.next();
        try {
          if (roll < 0.55) await sale();
          else if (roll < 0.72) {
            faultSwitches += 1;
            await rig.setProxy(proxyFault(prng));
          } else if (roll < 0.8) {
            faultSwitches += 1;
            const mode = prng.pick(scaleUnitFaults);
            await rig.admin.setFault(mode, mode === 'latency' ? prng.int(50, 700) : undefined);
          } else if (roll < 0.9) {
            await kill(run, prng.pick(['idle', 'checkout', 'checkout', 'upload', 'package'] as const));
          } else if (roll < 0.95) {
            generation += 1;
            await publishPackage(rig, packageRows, generation);
            packagesPublished += 1;
            await rig.api.sync().catch(() => undefined);
          } else {
            await sleep(prng.int(50, 400));
          }
        } catch (error) {
          problems.push(`run ${run} step ${step}: ${(error as Error).message}`);
        }
      }
      await reviveIfCrashed(run);
      try {
        await rig.drain(45_000);
      } catch (error) {
        drainFailures += 1;
        problems.push(`run ${run}: ${(error as Error).message}`);
      }
      checkPackages(false, run);
      const report = await rig.checkInvariants();
      if (report.lost + report.duplicated + report.receiptNumbersReused > 0) {
        problems.push(`run ${run} (seed ${options.seed}): ${report.problems.join('; ')}`);
      }
      say(`run ${run}/${options.runs}: attempted ${salesAttempted}, issued ${report.receiptsIssued}, stored ${report.storedAtScaleUnit}, lost ${report.lost}, duplicated ${report.duplicated}, reused ${report.receiptNumbersReused}, partial ${packagesPartiallyApplied}, kills ${rig.kills}, crashes ${rig.host.unexpectedExits.length}, pending-count mismatches ${rig.pendingCountMismatches.length}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }

    const final = await rig.checkInvariants();
    return {
      seed: options.seed,
      runs: runsDone,
      runsRequested: options.runs,
      pendingCountMismatches: rig.pendingCountMismatches.length,
      salesAttempted,
      receiptsIssued: final.receiptsIssued,
      storedAtScaleUnit: final.storedAtScaleUnit,
      lost: final.lost,
      duplicated: final.duplicated,
      receiptNumbersReused: final.receiptNumbersReused,
      packagesPartiallyApplied,
      hostCrashes: rig.host.unexpectedExits.length,
      hostKills: rig.kills,
      packagesPublished,
      faultSwitches,
      storedUnacknowledged: final.storedUnacknowledged,
      drainFailures,
      durationMs: Date.now() - started,
      problems: [...new Set(problems)],
    };
  } finally {
    await rig.close();
  }
}

/** Every marker product to one new price: a package whose partial apply would show two prices. */
async function publishPackage(rig: RegisterRig, rows: number, generation: number): Promise<void> {
  await rig.admin.upsertProducts(
    Array.from({ length: rows }, (_, i) => ({
      productId: `CHAOS-${String(i).padStart(6, '0')}`,
      barcode: String(90_000_000_000 + i),
      name: `Chaos marker ${i}`,
      category: 'Chaos',
      price: generation,
    })),
  );
  await rig.admin.runDistribution();
}

/** Resolves when the host sends a matching request, or after `timeoutMs` (the step then goes on). */
function waitForRequest(rig: RegisterRig, match: (line: string) => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      rig.proxy.off('clientData', listener);
      resolve(false);
    }, timeoutMs);
    const listener = (_id: number, _chunk: Buffer, line: string): void => {
      if (!match(line)) return;
      clearTimeout(timer);
      rig.proxy.off('clientData', listener);
      resolve(true);
    };
    rig.proxy.on('clientData', listener);
  });
}
