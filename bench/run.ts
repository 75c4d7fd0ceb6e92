/**
 * `npm run bench [-- --quick] [--out file.json] [--only 1,5]`
 *
 * Runs every scenario of issue 9, each figure of ours measured in the same run as its anchor, and
 * prints one table (scenario, ours, anchor, ratio, target, met). Writes the results as JSON
 * (bench/results/latest.json unless --out says otherwise). Reports, never asserts: a missed target
 * is a row that says NO plus a note, and the exit code stays 0. Only a scenario that could not be
 * measured at all (it threw) makes the exit code 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Workspace, ensureDist, repoRoot } from './lib/env.js';
import type { BenchContext, Scenario } from './lib/context.js';
import { formatTable, gitCommit, machineInfo, packageVersions, type ScenarioResult } from './lib/report.js';
import { policyScenario } from './scenarios/01-policy.js';
import { onlineLookupScenario } from './scenarios/02-online-lookup.js';
import { refusedFailoverScenario } from './scenarios/03-failover-refused.js';
import { blackholeFailoverScenario } from './scenarios/04-failover-blackhole.js';
import { offlineBarcodeScenario } from './scenarios/05-offline-barcode.js';
import { offlineSearchScenario } from './scenarios/06-offline-search.js';
import { packageApplyScenario } from './scenarios/07-package-apply.js';
import { checkoutSaveScenario } from './scenarios/08-checkout-save.js';
import { uploadDrainScenario } from './scenarios/09-upload-drain.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    seed: { type: 'string', default: '20240101' },
  },
});

// Run order: the loopback scenarios share one scale unit; 5 and 6 reuse the catalogue 7 applied.
const scenarios: Scenario[] = [
  policyScenario,
  onlineLookupScenario,
  refusedFailoverScenario,
  blackholeFailoverScenario,
  checkoutSaveScenario,
  uploadDrainScenario,
  packageApplyScenario,
  offlineBarcodeScenario,
  offlineSearchScenario,
];

async function main(): Promise<number> {
  const started = Date.now();
  const quick = values.quick === true;
  const only = values.only ? new Set(values.only.split(',').map(Number)) : null;
  const out = path.resolve(values.out ?? path.join(repoRoot, 'bench/results/latest.json'));
  const seed = Number(values.seed);
  const ws = new Workspace();
  const ctx: BenchContext = {
    quick,
    seed,
    ws,
    shared: new Map(),
    cleanups: [],
    log: (message) => process.stderr.write(`bench: ${message}\n`),
  };
  const removeWorkspace = () => ws.remove();
  process.once('exit', removeWorkspace);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

  const build = ensureDist();
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      if (only && !only.has(scenario.id)) continue;
      ctx.log(`${scenario.id}. ${scenario.name}${quick ? ' (quick)' : ''}`);
      const t0 = Date.now();
      globalThis.gc?.();
      try {
        const result = await scenario.run(ctx);
        results.push({ id: scenario.id, name: scenario.name, ...result, durationMs: Date.now() - t0 });
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        ctx.log(`${scenario.id} failed: ${message}`);
        results.push({ id: scenario.id, name: scenario.name, rows: [], error: message.split('\n').slice(0, 6).join('\n'), note: 'not measured: the scenario threw', durationMs: Date.now() - t0 });
      }
    }
  } finally {
    for (const cleanup of ctx.cleanups.reverse()) await Promise.resolve().then(cleanup).catch((error: unknown) => ctx.log(`cleanup failed: ${String(error)}`));
  }

  results.sort((a, b) => a.id - b.id);
  const rows = results.flatMap((r) => r.rows);
  const table = formatTable(rows);
  const missed = rows.filter((r) => r.met === false);
  const errored = results.filter((r) => r.error);
  const report = {
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    mode: quick ? 'quick' : 'full',
    date: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    commit: gitCommit(repoRoot),
    seed,
    machine: machineInfo(),
    packages: packageVersions(repoRoot),
    distBuiltByBench: build.built,
    summary: { rows: rows.length, targets: rows.filter((r) => r.met !== null).length, met: rows.filter((r) => r.met === true).length, missed: missed.length, errored: errored.length },
    table,
    scenarios: results,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`\n${table}\n\n`);
  for (const r of missed) process.stdout.write(`missed: #${r.scenario} ${r.label}: ${r.note ?? ''}\n`);
  for (const r of errored) process.stdout.write(`not measured: #${r.id} ${r.name}: ${r.error?.split('\n')[0]}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), out) || out} (${report.mode}, ${(report.durationMs / 1000).toFixed(1)} s)\n`);
  return errored.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
