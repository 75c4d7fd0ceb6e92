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
const t0 = performance.now();
const result = await downloader.runOnce(new AbortController().signal);
const ms = performance.now() - t0;
const last = await store.getLastAppliedPackage();
await store.close();
process.stdout.write(`${JSON.stringify({ ok: result.ok && result.applied === 1, ms, rows: last?.rows ?? 0, maxRssKb: process.resourceUsage().maxRSS, rssBeforeKb, error: result.error, warnings: warnings.slice(0, 5) })}\n`);
process.exit(0);
