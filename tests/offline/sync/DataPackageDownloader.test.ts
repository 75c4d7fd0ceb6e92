import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStatusType } from '#pos-api';
import { DataPackageDownloader } from '../../../src/offline/sync/DataPackageDownloader.js';
import type { PackageProgress } from '../../../src/offline/sync/downloadTypes.js';
import type { SyncClient } from '../../../src/offline/sync/ports.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';
import { FakeConnection, MemoryStore, bodyStream, fixedClock, makePackage, sha256, silentLogger, type FakePackage } from './fakes.js';

describe('DataPackageDownloader', () => {
  let dir: string;
  let store: MemoryStore;
  let connection: FakeConnection;
  let packages: FakePackage[];
  let client: { [K in keyof SyncClient]: sinon.SinonStub };
  const signal = new AbortController().signal;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sync-dl-'));
    store = new MemoryStore();
    connection = new FakeConnection();
    packages = [makePackage(1, 'full', { A: 1, B: 2 }), makePackage(2, 'delta', { A: 3 })];
    client = {
      listDataPackages: sinon.stub().callsFake(async (_r: string, after: number) => packages.map((p) => p.info).filter((i) => i.sequence > after)),
      streamDataPackage: sinon.stub().callsFake((id: string) => bodyStream(packages.find((p) => p.info.id === id)!.body)),
      reportDataPackageStatus: sinon.stub().resolves(),
      postTransactions: sinon.stub().rejects(new Error('not used')),
    };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const downloader = (maxAttempts = 3) =>
    new DataPackageDownloader(client, store.asStore(), connection, { registerId: 'R1' }, fixedClock, silentLogger, { downloadsDir: dir, maxAttempts });

  it('applies the listed packages in sequence and reports Downloaded then Applied for each', async () => {
    packages.reverse();
    const result = await downloader().runOnce(signal);
    expect(result).to.include({ ok: true, applied: 2, pending: 0 });
    expect(Object.fromEntries(store.products)).to.deep.equal({ A: 3, B: 2 });
    expect(client.listDataPackages.firstCall.args.slice(0, 2)).to.deep.equal(['R1', 0]);
    expect(client.reportDataPackageStatus.getCalls().map((c) => `${c.args[0]}:${c.args[2]}`)).to.deep.equal(['pkg-1:Downloaded', 'pkg-1:Applied', 'pkg-2:Downloaded', 'pkg-2:Applied']);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('lists only the packages after the last applied one', async () => {
    await downloader().runOnce(signal);
    packages.push(makePackage(3, 'delta', { B: 9 }));
    const result = await downloader().runOnce(signal);
    expect(client.listDataPackages.secondCall.args[1]).to.equal(2);
    expect(result.applied).to.equal(1);
    expect(store.products.get('B')).to.equal(9);
  });

  it('refuses a listed package that does not follow the last applied one', async () => {
    await downloader().runOnce(signal);
    client.listDataPackages.callsFake(async () => packages.map((p) => p.info));
    store.products.set('A', 42);
    const result = await downloader().runOnce(signal);
    expect(result).to.include({ applied: 0, pending: 0 });
    expect(client.streamDataPackage.callCount).to.equal(2);
    expect(store.products.get('A')).to.equal(42);
  });

  it('starts a new offline database at the newest full package, skipping the superseded ones', async () => {
    packages = [makePackage(1, 'full', { A: 1 }), makePackage(2, 'delta', { A: 2 }), makePackage(3, 'full', { A: 5, C: 1 }), makePackage(4, 'delta', { C: 2 })];
    const result = await downloader().runOnce(signal);
    expect(result).to.include({ ok: true, applied: 2 });
    expect(client.streamDataPackage.getCalls().map((c) => c.args[0])).to.deep.equal(['pkg-3', 'pkg-4']);
    expect(Object.fromEntries(store.products)).to.deep.equal({ A: 5, C: 2 });
  });

  it('refuses a body whose sha256 differs from the listing and applies nothing', async () => {
    packages[0]!.body = packages[0]!.body.replace('"price":1', '"price":7');
    const result = await downloader().runOnce(signal);
    expect(result.ok).to.equal(false);
    expect(result.error).to.match(/sha256/);
    expect(store.statusOf('pkg-1')).to.equal('DownloadFailed');
    expect(store.statusOf('pkg-2')).to.equal(undefined);
    expect(store.products.size).to.equal(0);
    expect(client.reportDataPackageStatus.lastCall.args.slice(2, 4)).to.deep.equal(['DownloadFailed', result.error]);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('refuses a truncated body', async () => {
    packages[0]!.body = packages[0]!.body.slice(0, 20);
    const result = await downloader().runOnce(signal);
    expect(result.error).to.match(/truncated, got 20 of/);
  });

  it('stops reading a body that grows past its listed size', async () => {
    packages[0]!.body += 'x'.repeat(1000);
    const result = await downloader().runOnce(signal);
    expect(result.error).to.match(/larger than the listed/);
  });

  it('names the malformed line and leaves the offline data unchanged', async () => {
    await downloader().runOnce(signal);
    const bad = makePackage(3, 'delta', { A: 10, B: 11 });
    bad.body = bad.body.replace(/\n([^\n]*"B"[^\n]*)\n$/, '\n{not json\n');
    bad.info = { ...bad.info, bytes: Buffer.byteLength(bad.body), sha256: sha256(bad.body) };
    packages.push(bad);
    const result = await downloader().runOnce(signal);
    expect(result.error).to.match(/line 3 is not valid JSON/);
    expect(store.statusOf('pkg-3')).to.equal('ApplyFailed');
    expect(store.products.get('A')).to.equal(3);
  });

  it('refuses a package whose header names another register', async () => {
    packages = [makePackage(1, 'full', { A: 1 }, 'R2')];
    const result = await downloader().runOnce(signal);
    expect(result.error).to.match(/header says register R2/);
    expect(store.products.size).to.equal(0);
  });

  it('suspends a package after three failed tries and holds back the later ones, with the reason visible', async () => {
    packages[0]!.body = packages[0]!.body.replace('"price":1', '"price":7');
    const d = downloader();
    await d.runOnce(signal);
    await d.runOnce(signal);
    const third = await d.runOnce(signal);
    expect(third.suspended).to.include({ packageId: 'pkg-1', attempts: 3 });
    expect(third.suspended!.reason).to.match(/sha256/);
    expect(store.statusOf('pkg-1')).to.equal('Suspended');
    const fourth = await d.runOnce(signal);
    expect(fourth).to.include({ ok: false, pending: 2 });
    expect(fourth.suspended?.packageId).to.equal('pkg-1');
    expect(client.streamDataPackage.callCount).to.equal(3);
    expect((await d.getSuspended())?.packageId).to.equal('pkg-1');
  });

  it('keeps a suspension across a restart because it lives in the ledger', async () => {
    packages[0]!.body = 'garbage';
    const d = downloader(1);
    await d.runOnce(signal);
    const restarted = await downloader(1).runOnce(signal);
    expect(restarted.suspended?.packageId).to.equal('pkg-1');
    expect(client.streamDataPackage.callCount).to.equal(1);
  });

  it('tries a suspended package again after retrySuspended', async () => {
    const good = packages[0]!.body;
    packages[0]!.body = 'garbage';
    const d = downloader(1);
    await d.runOnce(signal);
    packages[0]!.body = good;
    expect(await d.retrySuspended()).to.equal(true);
    const result = await d.runOnce(signal);
    expect(result).to.include({ ok: true, applied: 2 });
    expect(await d.retrySuspended()).to.equal(false);
  });

  it('lets the later packages apply after cancelSuspended', async () => {
    packages = [makePackage(1, 'full', { A: 1 }), makePackage(2, 'delta', { A: 2 }), makePackage(3, 'delta', { B: 4 })];
    packages[1]!.body = 'garbage';
    const d = downloader(1);
    await d.runOnce(signal);
    expect(await d.cancelSuspended()).to.equal(true);
    const result = await d.runOnce(signal);
    expect(result).to.include({ ok: true, applied: 1 });
    expect(store.statusOf('pkg-2')).to.equal('Canceled');
    expect(Object.fromEntries(store.products)).to.deep.equal({ A: 1, B: 4 });
  });

  it('does not use up a try when the connection drops mid-transfer', async () => {
    client.streamDataPackage.callsFake(() => {
      const s = bodyStream('');
      queueMicrotask(() => (s as unknown as { destroy(e: Error): void }).destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' })));
      return s;
    });
    const d = downloader(1);
    const result = await d.runOnce(signal);
    expect(result.ok).to.equal(false);
    expect(result.suspended).to.equal(null);
    expect(store.statusOf('pkg-1')).to.equal('DownloadFailed');
  });

  it('leaves no temp file and uses no try when stopped mid-download', async () => {
    const controller = new AbortController();
    client.streamDataPackage.callsFake(() => {
      const body = new PassThrough();
      body.write(packages[0]!.body.slice(0, 10));
      setTimeout(() => controller.abort(), 20);
      return body;
    });
    const result = await downloader(1).runOnce(controller.signal);
    expect(result.skipped).to.equal('aborted');
    expect(store.statusOf('pkg-1')).to.equal('Requested');
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('keeps a package applied when reporting its status to the scale unit fails', async () => {
    client.reportDataPackageStatus.rejects(new ScaleUnitError('Unreachable', 'down'));
    const result = await downloader().runOnce(signal);
    expect(result).to.include({ ok: true, applied: 2 });
  });

  it('does nothing while the register is offline', async () => {
    connection.set(ConnectionStatusType.SeamlessOffline);
    const result = await downloader().runOnce(signal);
    expect(result.skipped).to.equal('offline');
    expect(client.listDataPackages.called).to.equal(false);
  });

  it('publishes download and apply progress for a progress bar', async () => {
    const d = downloader();
    const seen: PackageProgress[] = [];
    d.progress$.subscribe((p) => seen.push(p));
    await d.runOnce(signal);
    const first = seen.filter((p) => p.packageId === 'pkg-1');
    expect(first.some((p) => p.phase === 'download' && p.bytes === p.totalBytes)).to.equal(true);
    expect(first.at(-1)).to.deep.include({ phase: 'apply', rows: 2, totalRows: 2 });
  });

  it('joins a running pass instead of starting a second one', async () => {
    const d = downloader();
    const [a, b] = await Promise.all([d.runOnce(signal), d.runOnce(signal)]);
    expect(a).to.equal(b);
    expect(client.listDataPackages.callCount).to.equal(1);
  });
});
