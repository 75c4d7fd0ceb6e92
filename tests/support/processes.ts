/**
 * The scale unit simulator and the dev host as real child processes on real data folders, so
 * tests can kill them with SIGKILL and start them again on the same files. Node is spawned
 * directly (not through npm) so the signal reaches the process that holds the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(repoRoot, 'dist');
export const demoRegisterId = 'S001-T01';

const tsLoader = ['--import', '@swc-node/register/esm-register'];
const readinessTimeoutMs = 60_000;

const tempDirs: string[] = [];
process.once('exit', () => {
  if (process.env.KEEP_TEST_DIRS) return;
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed when the test process ends (set KEEP_TEST_DIRS=1 to keep it). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** `npm test` builds first; a lone run of these files builds here. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(distDir, 'manifest.json'))) execFileSync(process.execPath, ['scripts/build.js'], { cwd: repoRoot, stdio: 'inherit' });
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when this handle's kill()/stop() asked for the exit. */
  readonly expected: boolean;
}

/** One running child: its output is kept whole so tests can scan it (e.g. for secrets). */
export class ManagedProcess {
  private output = '';
  private expectedExit = false;
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | null = null;

  constructor(readonly name: string, readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => (this.output += text));
    child.stderr?.on('data', (text: string) => (this.output += text));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal, expected: this.expectedExit };
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  get running(): boolean {
    return this.exitInfo === null;
  }

  /** Resolves with the first capture group of `pattern` once it appears in the output. */
  waitForLine(pattern: RegExp, timeoutMs = readinessTimeoutMs): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = pattern.exec(this.output);
        if (!match) return false;
        cleanup();
        resolve(match[1] ?? match[0]);
        return true;
      };
      const onData = (): void => void check();
      const onExit = (): void => {
        cleanup();
        reject(new Error(`${this.name} exited before printing ${pattern}: ${this.output.slice(-2000)}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms: ${this.output.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** SIGKILL: no cleanup, no flush; resolves once the process is gone. */
  async kill9(): Promise<ExitInfo> {
    if (!this.running) return this.exitInfo!;
    this.expectedExit = true;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (clean shutdown), SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<ExitInfo> {
    if (!this.running) return this.exitInfo!;
    this.expectedExit = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

function spawnNode(name: string, script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ManagedProcess {
  const child = spawn(process.execPath, [...tsLoader, script, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only what the child needs: no token may leak in from the parent's environment.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
  });
  return new ManagedProcess(name, child);
}

export interface ScaleUnitProcessOptions {
  readonly dataDir: string;
  readonly port?: number;
  readonly adminPort?: number;
  readonly products?: number;
  readonly deviceToken?: string;
  readonly adminToken?: string;
  /** 0 (the default here): packages appear only when a test runs the distribution. */
  readonly distributionIntervalMs?: number;
}

export interface ScaleUnitProcess {
  readonly process: ManagedProcess;
  readonly url: string;
  readonly adminUrl: string;
  readonly port: number;
  readonly adminPort: number;
  readonly options: ScaleUnitProcessOptions;
}

export async function spawnScaleUnit(options: ScaleUnitProcessOptions): Promise<ScaleUnitProcess> {
  const args = [
    '--port', String(options.port ?? 0),
    '--admin-port', String(options.adminPort ?? 0),
    '--data-dir', options.dataDir,
    '--products', String(options.products ?? 300),
    '--distribution-interval-ms', String(options.distributionIntervalMs ?? 0),
    ...(options.deviceToken ? ['--device-token', options.deviceToken] : []),
    ...(options.adminToken ? ['--admin-token', options.adminToken] : []),
  ];
  const child = spawnNode('scale-unit', 'scale-unit/main.ts', args);
  try {
    const url = await child.waitForLine(/scale-unit listening on (http:\/\/\S+)/);
    const adminUrl = await child.waitForLine(/scale-unit-admin listening on (http:\/\/\S+)/);
    return { process: child, url, adminUrl, port: Number(new URL(url).port), adminPort: Number(new URL(adminUrl).port), options };
  } catch (error) {
    await child.kill9();
    throw error;
  }
}

export interface HostProcessOptions {
  readonly dataDir: string;
  readonly scaleUnitUrl: string;
  readonly port?: number;
  readonly deviceToken?: string;
  readonly adminToken?: string;
  readonly adminUrl?: string;
  readonly registerId?: string;
  /** More flags, e.g. `--log` or `--log-level verbose`. */
  readonly extraArgs?: readonly string[];
}

/** The dev host child; `restart()` starts a new process on the same data folder and port. */
export class HostProcess {
  private current: ManagedProcess;
  private port: number;
  /** Every process this handle started, oldest first (their logs stay readable). */
  readonly generations: ManagedProcess[] = [];

  private constructor(readonly options: HostProcessOptions, first: ManagedProcess, port: number) {
    this.current = first;
    this.port = port;
    this.generations.push(first);
  }

  static async spawn(options: HostProcessOptions): Promise<HostProcess> {
    const { child, port } = await HostProcess.launch(options, options.port ?? 0);
    return new HostProcess(options, child, port);
  }

  private static async launch(options: HostProcessOptions, port: number): Promise<{ child: ManagedProcess; port: number }> {
    const args = [
      '--port', String(port),
      '--scale-unit-url', options.scaleUnitUrl,
      '--data-dir', options.dataDir,
      '--package-dir', distDir,
      '--register-id', options.registerId ?? demoRegisterId,
      ...(options.deviceToken ? ['--device-token', options.deviceToken] : []),
      ...(options.adminToken ? ['--admin-token', options.adminToken] : []),
      ...(options.adminUrl ? ['--admin-url', options.adminUrl] : []),
      ...(options.extraArgs ?? []),
    ];
    const child = spawnNode('host', 'host/main.ts', args);
    try {
      const url = await child.waitForLine(/host listening on (http:\/\/\S+)/);
      return { child, port: Number(new URL(url).port) };
    } catch (error) {
      await child.kill9();
      throw error;
    }
  }

  get process(): ManagedProcess {
    return this.current;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** All output of every generation, for scans. */
  get logs(): string {
    return this.generations.map((g) => g.logs).join('\n');
  }

  /** Exits nobody asked for (a crash): should always be empty. */
  get unexpectedExits(): ExitInfo[] {
    return this.generations.map((g) => g.exit).filter((e): e is ExitInfo => e !== null && !e.expected);
  }

  kill9(): Promise<ExitInfo> {
    return this.current.kill9();
  }

  /** Starts the host again on the same data folder and port; kills the old process first if it still runs. */
  async restart(): Promise<void> {
    await this.current.kill9();
    // The port was freed by the kill, but give a second try in case the kernel is slow to release it.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { child } = await HostProcess.launch(this.options, this.port);
        this.current = child;
        this.generations.push(child);
        return;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw lastError;
  }

  stop(): Promise<ExitInfo> {
    return this.current.stop();
  }
}
