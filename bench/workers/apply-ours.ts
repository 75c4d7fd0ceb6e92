/**
 * Child process of scenario 7 (one per size, so peak RSS is this work's alone): download, verify
 * and apply the register's newest full package with the extension's own downloader and store.
 * Argument: JSON { scaleUnitUrl, deviceToken, registerId, dbPath, downloadsDir }. Prints one JSON line.
 */
import { SqliteOfflineStore } from '../../src/offline/store/index.js';
import { ScaleUnitClient } from '../../src/offline/scaleUnit/ScaleUnitClient.js';
import { DataPackageDownloader } from '../../src/offline/sync/index.js';
import { systemClock } from '../../src/platform/Clock.js';
import type { ILogger } from '#pos-api';

interface Args {
  readonly scaleUnitUrl: string;
  readonly deviceToken: string;
  readonly registerId: string;
  readonly dbPath: string;
  readonly downloadsDir: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const warnings: string[] = [];
const logger: ILogger = {
  logVerbose: () => undefined,
  logInformational: () => undefined,
  logWarning: (m) => void warnings.push(m),
  logError: (m) => void warnings.push(m),
  logCriticalError: (m) => void warnings.push(m),
  getNewCorrelationId: () => 'bench',
};

const rssBeforeKb = process.resourceUsage().maxRSS;
const store = await SqliteOfflineStore.open(args.dbPath);
const client = new ScaleUnitClient({ baseUrl: args.scaleUnitUrl, deviceToken: args.deviceToken });
const downloader = new DataPackageDownloader(client, store, { isOnline: true }, { registerId: args.registerId }, systemClock, logger, { downloadsDir: args.downloadsDir });
// Where the memory goes: JS heap and RSS sampled while it runs, and RSS when the apply phase starts.
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const peak = { heapUsedMB: 0, externalMB: 0, rssMB: 0, rssAtApplyStartMB: 0, msAtApplyStart: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsedMB = Math.max(peak.heapUsedMB, mb(m.heapUsed));
  peak.externalMB = Math.max(peak.externalMB, mb(m.external + m.arrayBuffers));
  peak.rssMB = Math.max(peak.rssMB, mb(m.rss));
};
const sampler = setInterval(sample, 50);
const phases = downloader.progress$.subscribe((p) => {
  if (p.phase === 'apply' && peak.rssAtApplyStartMB === 0) {
    peak.rssAtApplyStartMB = mb(process.memoryUsage().rss);
    peak.msAtApplyStart = Math.round(performance.now() - t0);
  }
});
const t0 = performance.now();
const result = await downloader.runOnce(new AbortController().signal);
const ms = performance.now() - t0;
clearInterval(sampler);
phases.unsubscribe();
sample();
const last = await store.getLastAppliedPackage();
await store.close();
process.stdout.write(`${JSON.stringify({ ok: result.ok && result.applied === 1, ms, rows: last?.rows ?? 0, maxRssKb: process.resourceUsage().maxRSS, rssBeforeKb, memory: peak, error: result.error, warnings: warnings.slice(0, 5) })}\n`);
process.exit(0);
