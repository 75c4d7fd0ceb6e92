import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface BenchReport {
  mode: string;
  machine: { cpuModel: string; cpuCount: number; node: string };
  packages: Record<string, string>;
  scenarios: { id: number; rows: { met: boolean | null; note?: string }[]; error?: string }[];
}

// A smoke check only: the quick bench must run every scenario end to end. Timings are reported, never asserted.
describe('npm run bench -- --quick', function () {
  this.timeout(240_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('runs every scenario, exits 0 and writes the JSON where --out says', async () => {
    const out = path.join(dir, 'latest.json');
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--expose-gc', '--import', '@swc-node/register/esm-register', 'bench/run.ts', '--quick', '--out', out],
        { cwd: repoRoot, maxBuffer: 16 << 20 },
        (error, _stdout, stderr) => {
          if (error && child.exitCode !== 0) process.stderr.write(stderr);
        },
      );
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).to.equal(0);

    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    expect(report.mode).to.equal('quick');
    expect(report.machine.cpuCount).to.be.greaterThan(0);
    expect(report.machine.node).to.equal(process.version);
    expect(report.packages).to.include.keys('tinybench', 'opossum', 'cockatiel', 'got', 'better-sqlite3');
    expect(report.scenarios.map((s) => s.id)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const scenario of report.scenarios) {
      expect(scenario.error, `scenario ${scenario.id}`).to.equal(undefined);
      expect(scenario.rows.length, `scenario ${scenario.id}`).to.be.greaterThan(0);
      // A missed target must say why.
      for (const r of scenario.rows) if (r.met === false) expect(r.note, `scenario ${scenario.id}`).to.be.a('string');
    }
  });
});
