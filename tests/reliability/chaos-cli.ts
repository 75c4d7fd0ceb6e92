/**
 * `npm run chaos -- --runs N --seed S [--steps K] [--json] [--quiet]`: randomized fault schedules
 * against a real scale unit and dev host (child processes). Prints the seed first so any run can be
 * replayed with `--seed`. Exit code 1 when a sale was lost, doubled or renumbered, a package was
 * partially applied, or the host crashed.
 */
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../support/processes.js';
import { runChaos, type ChaosReport } from './chaos.js';

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new RangeError(`--${name} must be a whole number, got ${text}`);
  return Number(text);
}

export function formatReport(report: ChaosReport): string {
  const rows: [string, number][] = [
    ['runs', report.runs],
    ['sales attempted', report.salesAttempted],
    ['receipts issued', report.receiptsIssued],
    ['stored at the scale unit', report.storedAtScaleUnit],
    ['lost', report.lost],
    ['duplicated', report.duplicated],
    ['receipt numbers reused', report.receiptNumbersReused],
    ['packages partially applied', report.packagesPartiallyApplied],
    ['host crashes', report.hostCrashes],
  ];
  const extra: [string, number][] = [
    ['host kills (scheduled)', report.hostKills],
    ['packages published', report.packagesPublished],
    ['fault switches', report.faultSwitches],
    ['stored, checkout never answered (killed mid-checkout)', report.storedUnacknowledged],
    ['drains that did not converge', report.drainFailures],
    ['status pendingUploads != queue rows (drain polls)', report.pendingCountMismatches],
    ['runs requested', report.runsRequested],
  ];
  const width = Math.max(...[...rows, ...extra].map(([k]) => k.length));
  const line = ([k, v]: [string, number]) => `${k.padEnd(width)}  ${v}`;
  return [`seed ${report.seed}`, ...rows.map(line), '', ...extra.map(line), `duration ${(report.durationMs / 1000).toFixed(1)} s`, ...report.problems.map((p) => `problem: ${p}`)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { runs: { type: 'string' }, seed: { type: 'string' }, steps: { type: 'string' }, minutes: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  const runs = whole('runs', values.runs, 10);
  const seed = whole('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
  const steps = whole('steps', values.steps, 8);
  const minutes = values.minutes === undefined ? undefined : whole('minutes', values.minutes, 0);
  // The seed goes to stderr first so a run that hangs or dies can still be replayed.
  process.stderr.write(`chaos: ${runs} runs, seed ${seed} (replay: npm run chaos -- --runs ${runs} --seed ${seed})\n`);
  ensureBuilt();
  const report = await runChaos({ runs, seed, stepsPerRun: steps, timeBudgetMs: minutes === undefined ? undefined : minutes * 60_000, onProgress: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`) });
  if (values.json) {
    // The nine figures of the issue first, then the extras.
    const { runs: r, salesAttempted, receiptsIssued, storedAtScaleUnit, lost, duplicated, receiptNumbersReused, packagesPartiallyApplied, hostCrashes, ...extras } = report;
    process.stdout.write(`${JSON.stringify({ runs: r, salesAttempted, receiptsIssued, storedAtScaleUnit, lost, duplicated, receiptNumbersReused, packagesPartiallyApplied, hostCrashes, ...extras })}\n`);
  } else {
    process.stdout.write(`${formatReport(report)}\n`);
  }
  const failed = report.lost + report.duplicated + report.receiptNumbersReused + report.packagesPartiallyApplied + report.hostCrashes > 0;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
