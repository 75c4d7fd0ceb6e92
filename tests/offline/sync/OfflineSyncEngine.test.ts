import { expect } from 'chai';
import sinon from 'sinon';
import { Subject } from 'rxjs';
import { ConnectionStatusType, type SalesTransaction } from '#pos-api';
import { OfflineSyncEngine } from '../../../src/offline/sync/OfflineSyncEngine.js';
import { OfflineTransactionUploader } from '../../../src/offline/sync/OfflineTransactionUploader.js';
import { emptyRun, type DownloadRunResult, type PackageProgress } from '../../../src/offline/sync/downloadTypes.js';
import type { SyncClient, SyncJob } from '../../../src/offline/sync/ports.js';
import type { SyncStatus } from '../../../src/offline/sync/SyncStatus.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';
import { FakeConnection, MemoryStore, profile, silentLogger } from './fakes.js';

const intervalMs = 1_000;

describe('OfflineSyncEngine', () => {
  let timers: sinon.SinonFakeTimers;
  let store: MemoryStore;
  let connection: FakeConnection;
  let post: sinon.SinonStub;
  let downloader: { runOnce: sinon.SinonStub; retrySuspended: sinon.SinonStub; cancelSuspended: sinon.SinonStub; progress$: Subject<PackageProgress>; jobs$: Subject<SyncJob> };
  let engine: OfflineSyncEngine;

  beforeEach(() => {
    timers = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    store = new MemoryStore();
    connection = new FakeConnection();
    post = sinon.stub().callsFake(async (txs: readonly SalesTransaction[]) => ({ accepted: txs.map((t) => t.transactionId), duplicates: [], rejected: [] }));
    downloader = { runOnce: sinon.stub().resolves(emptyRun), retrySuspended: sinon.stub().resolves(true), cancelSuspended: sinon.stub().resolves(true), progress$: new Subject(), jobs$: new Subject() };
    const source = profile({ uploadIntervalMs: intervalMs, downloadIntervalMs: 60_000, uploadBatchSize: 10 });
    const uploader = new OfflineTransactionUploader({ postTransactions: post } as unknown as SyncClient, store.asStore(), connection, source, { now: () => Date.now() }, silentLogger);
    engine = new OfflineSyncEngine(downloader, uploader, store.asStore(), connection, source, { now: () => Date.now() }, silentLogger);
  });
  afterEach(async () => {
    await engine.stop();
    timers.restore();
  });

  it('retries a failed upload at the interval with no new sale, backing off up to five intervals', async () => {
    store.enqueue(1);
    post.rejects(new ScaleUnitError('Unreachable', 'ECONNREFUSED'));
    engine.start();
    await timers.tickAsync(0);
    expect(post.callCount).to.equal(1);
    const gaps = [1, 2, 4, 5, 5].map((n) => n * intervalMs);
    for (const [i, gap] of gaps.entries()) {
      await timers.tickAsync(gap - 1);
      expect(post.callCount, `before retry ${i + 1}`).to.equal(i + 1);
      await timers.tickAsync(1);
      expect(post.callCount, `at retry ${i + 1}`).to.equal(i + 2);
    }
    expect(engine.status.upload).to.deep.include({ consecutiveFailures: 6 });
    expect(engine.status.upload.lastAttempt).to.deep.include({ ok: false, error: 'ECONNREFUSED' });
    post.resetBehavior();
    post.callsFake(async (txs: readonly SalesTransaction[]) => ({ accepted: txs.map((t) => t.transactionId), duplicates: [], rejected: [] }));
    await timers.tickAsync(5 * intervalMs);
    expect(store.queue.size).to.equal(0);
    expect(engine.status).to.deep.include({ pendingUploads: 0 });
    expect(engine.status.upload.lastAttempt?.ok).to.equal(true);
  });

  it('drains at once when the connection comes back online', async () => {
    connection.set(ConnectionStatusType.SeamlessOffline);
    engine.start();
    await timers.tickAsync(0);
    store.enqueue(3);
    engine.wake();
    await timers.tickAsync(0);
    expect(post.called).to.equal(false);
    expect(engine.status.pendingUploads).to.equal(3);
    connection.set(ConnectionStatusType.Online);
    await timers.tickAsync(0);
    expect(post.callCount).to.equal(1);
    expect(store.queue.size).to.equal(0);
  });

  it('uploads at once after an offline sale', async () => {
    engine.start();
    await timers.tickAsync(0);
    store.enqueue(1);
    engine.wake();
    await timers.tickAsync(0);
    expect(store.queue.size).to.equal(0);
  });

  it('runs one more pass for a sale made just as a pass found the queue empty', async () => {
    engine.start();
    await timers.tickAsync(0);
    store.enqueue(1);
    const read = store.readUploadBatch.bind(store);
    let raced = false;
    store.readUploadBatch = async (limit: number) => {
      const batch = await read(limit);
      if (batch.length === 0 && !raced) {
        raced = true;
        store.enqueue(1, 'LATE');
        engine.wake();
      }
      return batch;
    };
    await engine.uploadNow();
    expect(raced).to.equal(true);
    expect(store.queue.size).to.equal(0);
    expect(post.callCount).to.equal(2);
  });

  it('stops during a pass, waits for it and marks nothing the scale unit did not confirm', async () => {
    store.enqueue(4);
    post.callsFake((_txs: unknown, call: { signal: AbortSignal }) => new Promise((_resolve, reject) => {
      call.signal.addEventListener('abort', () => reject(new ScaleUnitError('Unreachable', 'ERR_ABORTED')));
    }));
    engine.start();
    await timers.tickAsync(0);
    expect(post.callCount).to.equal(1);
    await engine.stop();
    expect(store.queue.size).to.equal(4);
    expect([...store.queue.values()].every((p) => p.attempts === 0)).to.equal(true);
    await timers.tickAsync(100 * intervalMs);
    expect(post.callCount).to.equal(1);
    expect(engine.status.started).to.equal(false);
  });

  it('does not sync before start or after stop', async () => {
    store.enqueue(1);
    await engine.syncNow();
    expect(post.called).to.equal(false);
    expect(downloader.runOnce.called).to.equal(false);
  });

  it('downloads then uploads on Sync data and resolves once both ended', async () => {
    engine.start();
    await timers.tickAsync(0);
    downloader.runOnce.resetHistory();
    store.enqueue(2);
    const order: string[] = [];
    downloader.runOnce.callsFake(async () => (order.push('download'), emptyRun));
    post.callsFake(async (txs: readonly SalesTransaction[]) => (order.push('upload'), { accepted: txs.map((t) => t.transactionId), duplicates: [], rejected: [] }));
    const status = await engine.syncNow();
    expect(order).to.deep.equal(['download', 'upload']);
    expect(status.pendingUploads).to.equal(0);
  });

  it('publishes Checking, then Syncing while a package arrives, then Idle, with the suspended package visible', async () => {
    const states: SyncStatus['state'][] = [];
    engine.status$.subscribe((s) => states.at(-1) !== s.state && states.push(s.state));
    const suspended = { packageId: 'p2', sequence: 2, kind: 'delta' as const, attempts: 3, reason: 'sha256 mismatch', since: new Date().toISOString() };
    downloader.runOnce.callsFake(async (): Promise<DownloadRunResult> => {
      downloader.progress$.next({ packageId: 'p1', phase: 'download', bytes: 1, totalBytes: 2, rows: 0, totalRows: 1 });
      return { ok: false, listed: 2, applied: 1, pending: 1, suspended, error: 'data package p2 is suspended' };
    });
    engine.start();
    await timers.tickAsync(0);
    expect(states).to.deep.equal(['Idle', 'Checking', 'Syncing', 'Idle']);
    expect(engine.status).to.deep.include({ pendingDownloads: 1, suspended, progress: null });
    expect(engine.status.download.lastAttempt).to.deep.include({ ok: false, error: 'data package p2 is suspended' });
    await engine.cancelSuspended();
    expect(downloader.cancelSuspended.calledOnce).to.equal(true);
    expect(downloader.runOnce.callCount).to.equal(2);
  });

  it('keeps both loops alive when a pass throws', async () => {
    downloader.runOnce.rejects(new Error('boom'));
    engine.start();
    await timers.tickAsync(0);
    await timers.tickAsync(60_000);
    expect(downloader.runOnce.callCount).to.equal(2);
  });

  it('keeps the last jobs of each tab, newest first', async () => {
    engine.start();
    for (let i = 0; i < 25; i += 1) downloader.jobs$.next({ name: `job ${i}`, status: 'Applied', at: '', sizeBytes: i });
    expect(engine.status.downloadJobs).to.have.length(20);
    expect(engine.status.downloadJobs[0]?.name).to.equal('job 24');
  });
});
