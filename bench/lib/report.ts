/** The results model, the printed table and the JSON written to bench/results. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Unit = 'us' | 'ms' | 's' | 'MB' | 'x';

/** One line of the table: ours next to its anchor, measured in the same run. */
export interface Row {
  /** Scenario number of issue 9 (1..9). */
  readonly scenario: number;
  readonly label: string;
  readonly unit: Unit;
  readonly ours: number;
  readonly anchorName: string;
  readonly anchor: number;
  /** ours / anchor (for absolute targets, still ours / anchor for context). */
  readonly ratio: number;
  /** What is compared with `limit`: the ratio, or ours itself for absolute targets. */
  readonly targetOn: 'ratio' | 'ours' | 'none';
  readonly limit: number | null;
  /** The target in words, as issue 9 writes it. */
  readonly target: string;
  readonly met: boolean | null;
  /** Why a target was missed (and what would fix it), or what the row means. */
  readonly note?: string;
}

export interface ScenarioResult {
  readonly id: number;
  readonly name: string;
  readonly rows: Row[];
  readonly sizes?: Record<string, number>;
  readonly seed?: number;
  readonly details?: Record<string, unknown>;
  readonly note?: string;
  readonly error?: string;
  readonly durationMs?: number;
}

export interface RowInput {
  readonly scenario: number;
  readonly label: string;
  readonly unit: Unit;
  readonly ours: number;
  readonly anchorName: string;
  readonly anchor: number;
  readonly targetOn: Row['targetOn'];
  readonly limit?: number;
  readonly target?: string;
  /** Said only when the target is missed: why, and what would fix it. */
  readonly missNote?: string;
  /** Said always. */
  readonly note?: string;
}

export function row(input: RowInput): Row {
  const ratio = input.ours / input.anchor;
  const limit = input.limit ?? null;
  const compared = input.targetOn === 'ratio' ? ratio : input.ours;
  const met = input.targetOn === 'none' || limit === null ? null : Number.isFinite(compared) && compared <= limit;
  const notes = [met === false ? input.missNote : undefined, input.note].filter((n): n is string => Boolean(n));
  return {
    scenario: input.scenario,
    label: input.label,
    unit: input.unit,
    ours: input.ours,
    anchorName: input.anchorName,
    anchor: input.anchor,
    ratio,
    targetOn: input.targetOn,
    limit,
    target: input.target ?? '-',
    met,
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  const text = value.toFixed(digits);
  return unit === 'x' ? `${text}x` : `${text} ${unit === 'us' ? 'µs' : unit}`;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['#', 'scenario', 'ours', 'anchor', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    String(r.scenario),
    r.label,
    formatValue(r.ours, r.unit),
    `${formatValue(r.anchor, r.unit)} (${r.anchorName})`,
    Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x` : 'n/a',
    r.target,
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

const benchedPackages = ['tinybench', 'cockatiel', 'opossum', 'got', 'better-sqlite3', 'fastify', 'typescript', '@swc-node/register', 'webpack'];

export function packageVersions(repoRoot: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of benchedPackages) {
    try {
      versions[name] = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    v8: process.versions.v8,
    sqlite: process.versions.sqlite ?? null,
    /** The machine is shared: load when the run started (1, 5, 15 min). */
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function gitCommit(repoRoot: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
