/**
 * `npm start`: the whole demo on one machine. Builds the extension package when dist/ is missing
 * or older than its sources, starts the scale unit simulator and the dev host (with the package),
 * signs in the demo operator, and prints the page's URL. Ctrl-C stops both cleanly.
 *
 *   npm start [-- --no-extension]    (--no-extension: the host alone, to show an outage failing)
 *
 * The children run `node` directly, not through `npm run`, and in their own process groups: that
 * way one Ctrl-C reaches each exactly once, from here, host first (its ApplicationStop may still
 * talk to the scale unit), and no npm wrapper sits between the signal and the process.
 */
/* global setTimeout, clearTimeout, fetch */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsNode = [process.execPath, '--import', '@swc-node/register/esm-register'];
const readyTimeoutMs = 120_000;
const stopTimeoutMs = 10_000;
const noExtension = process.argv.includes('--no-extension');
const env = process.env;

/** Newest modification time under `target` (a file or a folder). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function distIsStale() {
  const built = path.join(root, 'dist', 'manifest.json');
  if (!existsSync(built)) return true;
  const sources = ['src', 'pos-api', 'manifest.json', 'webpack.config.js'].map((p) => newestMtime(path.join(root, p)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}`))));
  });
}

const children = [];

/**
 * Starts a long-running child and resolves with the matches of `patterns` in its stdout (each
 * line passed through, so the readiness lines appear in this output too).
 */
function startChild(name, args, patterns) {
  return new Promise((resolve, reject) => {
    const child = spawn(tsNode[0], [...tsNode.slice(1), ...args], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push({ name, child });
    const found = new Array(patterns.length).fill(null);
    const timer = setTimeout(() => reject(new Error(`${name} did not report ready within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs);
    createInterface({ input: child.stderr }).on('line', (line) => console.error(`[${name}] ${line}`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      patterns.forEach((pattern, i) => (found[i] ??= pattern.exec(line)?.[1] ?? null));
      if (found.every(Boolean)) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
      if (!stopping) {
        console.error(`${name} stopped (${signal ?? code}); stopping the rest`);
        void stopAll(1);
      }
    });
  });
}

let stopping = false;

function stopChild({ name, child }) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      console.error(`${name} did not stop within ${stopTimeoutMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  // Reverse start order: the host, then the scale unit.
  for (const entry of [...children].reverse()) await stopChild(entry);
  console.log('stopped');
  process.exit(exitCode);
}

async function main() {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  if (!noExtension && distIsStale()) {
    console.log('building the extension package (dist/ is missing or older than its sources)');
    await run(process.execPath, ['scripts/build.js']);
  }

  const [scaleUnitUrl, adminUrl] = await startChild(
    'scale-unit',
    ['scale-unit/main.ts', '--port', env.SCALE_UNIT_PORT ?? '0', '--admin-port', env.SCALE_UNIT_ADMIN_PORT ?? '0', '--data-dir', env.SCALE_UNIT_DATA_DIR ?? '.data/scale-unit'],
    [/^scale-unit listening on (http:\/\/\S+)$/, /^scale-unit-admin listening on (http:\/\/\S+)$/],
  );

  const hostArgs = ['host/main.ts', '--port', env.HOST_PORT ?? '0', '--scale-unit-url', scaleUnitUrl, '--admin-url', adminUrl, '--data-dir', env.HOST_DATA_DIR ?? '.data/host'];
  if (noExtension) hostArgs.push('--no-extension');
  const [hostUrl] = await startChild('host', hostArgs, [/^host listening on (http:\/\/\S+)$/]);

  const operatorId = env.DEMO_OPERATOR_ID ?? '000160';
  const response = await fetch(`${hostUrl}/api/logon`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operatorId, password: env.DEMO_OPERATOR_PASSWORD ?? '123' }),
  });
  if (!response.ok) console.error(`signing in ${operatorId} failed: ${response.status} ${await response.text()}`);
  else console.log(`signed in operator ${operatorId}`);

  console.log(`POS page: ${hostUrl}/`);
  console.log('Ctrl-C stops the host and the scale unit.');
}

main().catch((error) => {
  console.error(`start: ${error.message}`);
  void stopAll(1);
});
