/**
 * Builds tests/fixtures/sample-extension with the real build script, once per test run (webpack
 * takes seconds), into tests/.artifacts: inside the repo, so the bundle's external imports (rxjs)
 * resolve from node_modules as they do for dist/.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DeviceConfiguration, ILogger } from '#pos-api';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const fixtureDir = path.join(repoRoot, 'tests/fixtures/sample-extension');
export const artifactsDir = path.join(repoRoot, 'tests/.artifacts');
export const hostVersion = '9.52.0';

const run = promisify(execFile);

/** Runs scripts/build.js; resolves with its output, rejects with stdout+stderr on a non-zero exit. */
export async function runBuildScript(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [path.join(repoRoot, 'scripts/build.js'), ...args], { cwd: repoRoot });
}

const createdDirs: string[] = [];
// Removed when the test process exits (mocha runs with `exit: true`): every test file shares the
// fixture build, so no single file's `after` hook may delete it.
process.once('exit', () => createdDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export async function newArtifactDir(prefix: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const dir = await mkdtemp(path.join(artifactsDir, `${prefix}-`));
  createdDirs.push(dir);
  return dir;
}

let built: Promise<string> | undefined;

/** The fixture's built package folder (built on first use, then shared by every test file). */
export function builtFixture(): Promise<string> {
  built ??= (async () => {
    const out = path.join(await newArtifactDir('sample-extension'), 'dist');
    await runBuildScript(['--manifest', path.join(fixtureDir, 'manifest.json'), '--src', path.join(fixtureDir, 'src'), '--out', out]);
    return out;
  })();
  return built;
}

/** A copy of the built fixture with its manifest changed, for tests that break one thing. */
export async function packageVariant(change: (manifest: Record<string, unknown>) => void, copyModules = true): Promise<string> {
  const source = await builtFixture();
  const dir = await newArtifactDir('variant');
  if (copyModules) {
    await cp(source, dir, { recursive: true });
  }
  const manifest = JSON.parse(await readFile(path.join(fixtureDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  change(manifest);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export const deviceConfiguration: DeviceConfiguration = {
  registerId: 'HOUSTON-1',
  scaleUnitUrl: 'http://127.0.0.1:1',
  deviceToken: 'test-token',
  offlineDatabase: { kind: 'sqlite', path: ':memory:' },
};

/** An ILogger that keeps what it is told, for assertions. */
export class MemoryLogger implements ILogger {
  readonly entries: { level: string; message: string }[] = [];
  private next = 0;
  logVerbose = (message: string) => void this.entries.push({ level: 'verbose', message });
  logInformational = (message: string) => void this.entries.push({ level: 'info', message });
  logWarning = (message: string) => void this.entries.push({ level: 'warning', message });
  logError = (message: string) => void this.entries.push({ level: 'error', message });
  logCriticalError = (message: string) => void this.entries.push({ level: 'critical', message });
  getNewCorrelationId = () => `correlation-${++this.next}`;
}
