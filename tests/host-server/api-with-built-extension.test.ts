/**
 * The JSON API over the BUILT extension package (dist/, loaded through its manifest only).
 * The extension's own behaviour is tested in tests/extension; this file checks that the host
 * shows it: status details, the live 917 label, operations with confirmation, and "Sync data".
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { signIn, startStack, type Stack } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(repoRoot, 'dist');

async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('dev host JSON API with the built extension', function () {
  let stack: Stack;

  before(function () {
    if (existsSync(path.join(distDir, 'manifest.json'))) return;
    try {
      execFileSync(process.execPath, ['scripts/build.js'], { cwd: repoRoot, stdio: 'inherit' });
    } catch {
      this.skip();
    }
  });

  beforeEach(async () => {
    stack = await startStack({ packageDir: distDir });
    stack.scaleUnit.setOfflineProfile('S001-T01', { switchToOfflineTimeoutMs: 500, systemHealthCheckIntervalMs: 0 });
    await stack.scaleUnit.runDistribution();
    await signIn(stack.api);
  });
  afterEach(async () => {
    await stack?.close();
  });

  it("shows the extension's connection status details with the host's own fields", async () => {
    const status = await until(async () => {
      const body = (await stack.api.get<Json>('api/status')).body;
      return body.lastSync.download?.ok ? body : false;
    }, 'the first download');
    expect(status).to.include({ connectionStatus: 'Online', button917Label: 'Disconnect', registerId: 'S001-T01', syncAvailable: true });
    expect(status.extension).to.have.property('name');
    expect(status.offlineDatabase).to.include({ kind: 'sqlite' });
    expect(status.downloadJobs).to.be.an('array');
    expect(status.syncStatusText).to.be.a('string').and.not.equal('Offline functionality is not configured');
  });

  it('labels the 917 button live and switches to ManualOffline only when confirmed', async () => {
    const button = async () => ((await stack.api.get<Json>('api/layout')).body.buttonGrids[0].buttons as Json[]).find((b) => b.operationId === 917)!;
    expect(await button()).to.include({ label: 'Disconnect', handledBy: 'extension' });

    const declined = await stack.api.post<Json>('api/operations/917', { json: {} });
    expect(declined.statusCode).to.equal(200);
    expect(declined.body.canceled).to.equal(true);
    expect((await stack.api.get<Json>('api/status')).body.connectionStatus).to.equal('Online');

    const confirmed = await stack.api.post<Json>('api/operations/917', { json: { confirm: true } });
    expect(confirmed.body.canceled).to.equal(false);
    expect((await stack.api.get<Json>('api/status')).body).to.include({ connectionStatus: 'ManualOffline', button917Label: 'Connect' });
    expect(await button()).to.include({ label: 'Connect' });

    await stack.api.post('api/operations/917', { json: {} });
    expect((await stack.api.get<Json>('api/status')).body.connectionStatus).to.equal('Online');
  });

  it('runs "Sync data" through the extension operation', async () => {
    const response = await stack.api.post<Json>('api/sync');
    expect(response.statusCode).to.equal(200);
    expect(response.body).to.include({ operationId: 918, canceled: false });
  });
});
