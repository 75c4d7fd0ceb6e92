import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { ScaleUnit } from '../../../scale-unit/index.js';
import type { SyncClient } from '../../../src/offline/sync/ports.js';
import { offlineSale, openRegister, startTestScaleUnit, storedTransactionIds, type Register } from './harness.js';

async function saveSales(register: Register, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    await register.store.saveOfflineTransaction(offlineSale(n));
    ids.push(offlineSale(n).transactionId);
  }
  return ids;
}

function expectEachOnce(stored: string[], ids: string[]): void {
  expect(stored).to.have.length(ids.length);
  expect(new Set(stored)).to.deep.equal(new Set(ids));
}

describe('offline data sync uploads against the scale unit simulator and a SQLite offline database', function () {
  this.timeout(30_000);
  let scaleUnit: ScaleUnit;
  let register: Register | undefined;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    scaleUnit = await startTestScaleUnit();
  });
  afterEach(async () => {
    await register?.close();
    register = undefined;
    await scaleUnit.close();
  });

  it('drains 1,000 offline sales so that the scale unit stores each exactly once', async () => {
    register = await openRegister(scaleUnit.url);
    const ids = await saveSales(register, 1000);
    const result = await register.uploader.drain(signal);
    expect(result).to.include({ ok: true, batches: 10, uploaded: 1000 });
    expectEachOnce(await storedTransactionIds(scaleUnit), ids);
    expect(await register.store.getPendingUploadSummary()).to.deep.include({ count: 0, rejected: 0 });
  });

  it('stores each sale once when the scale unit commits a batch and drops the reply', async () => {
    register = await openRegister(scaleUnit.url);
    const ids = await saveSales(register, 1000);
    await scaleUnit.setFault('drop-reply');
    const failed = await register.uploader.drain(signal);
    expect(failed.ok).to.equal(false);
    // The first batch was committed but not confirmed: it stays queued on the register.
    expect((await register.store.getPendingUploadSummary()).count).to.equal(1000);
    expect(await storedTransactionIds(scaleUnit)).to.have.length(100);

    await scaleUnit.setFault('none');
    const result = await register.uploader.drain(signal);
    expect(result).to.include({ ok: true, duplicates: 100, uploaded: 900 });
    expectEachOnce(await storedTransactionIds(scaleUnit), ids);
    expect((await register.store.getPendingUploadSummary()).count).to.equal(0);
  });

  it('stores each sale once when the scale unit starts refusing connections mid-drain', async () => {
    let calls = 0;
    const refuseOnThird = (client: SyncClient): SyncClient => Object.assign(Object.create(client) as SyncClient, {
      postTransactions: async (...args: Parameters<SyncClient['postTransactions']>) => {
        calls += 1;
        if (calls === 3) await scaleUnit.setFault('refuse');
        return client.postTransactions(...args);
      },
    });
    register = await openRegister(scaleUnit.url, { wrapClient: refuseOnThird });
    const ids = await saveSales(register, 1000);
    const failed = await register.uploader.drain(signal);
    expect(failed).to.include({ ok: false, uploaded: 200 });
    expect((await register.store.getPendingUploadSummary()).count).to.equal(800);

    await scaleUnit.setFault('none');
    const result = await register.uploader.drain(signal);
    expect(result).to.include({ ok: true, uploaded: 800 });
    expectEachOnce(await storedTransactionIds(scaleUnit), ids);
  });

  it('shows a failed upload pass in the status and drains through the engine once the scale unit is back', async () => {
    register = await openRegister(scaleUnit.url);
    const ids = await saveSales(register, 150);
    await scaleUnit.setFault('error503');
    register.engine.start();
    await register.engine.uploadNow();
    expect(register.engine.status.upload.lastAttempt).to.deep.include({ ok: false });
    expect(register.engine.status.pendingUploads).to.equal(150);
    await scaleUnit.setFault('none');
    await register.engine.uploadNow();
    expect(register.engine.status).to.deep.include({ pendingUploads: 0, oldestPendingAt: null });
    expect(register.engine.status.upload.lastAttempt).to.deep.include({ ok: true });
    // The failed batch, retried, is one job in the Upload tab: its later status replaced the failure.
    expect(register.engine.status.uploadJobs.map((j) => j.status)).to.deep.equal(['Uploaded', 'Uploaded']);
    expectEachOnce(await storedTransactionIds(scaleUnit), ids);
  });

  for (const [what, contentType, body] of [
    ['an HTML page', 'text/html', '<html><body>Gateway login</body></html>'],
    ['JSON of the wrong shape', 'application/json', '{"ok":true}'],
  ] as const) {
    it(`counts ${what} as the intake answer as a failed attempt and removes nothing`, async () => {
      const server = http.createServer((request, response) => {
        request.resume();
        request.on('end', () => response.writeHead(200, { 'content-type': contentType }).end(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        register = await openRegister(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        await saveSales(register, 3);
        const result = await register.uploader.drain(signal);
        expect(result.ok).to.equal(false);
        // The message depends on how the client classifies the answer; the outcome must not.
        expect(result.error).to.match(/^transaction upload: /);
        const pending = await register.store.readUploadBatch(10);
        expect(pending.map((p) => p.attempts)).to.deep.equal([1, 1, 1]);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});
