import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStatusType, type SalesTransaction, type TransactionIntakeResult } from '#pos-api';
import { OfflineTransactionUploader, settle } from '../../../src/offline/sync/OfflineTransactionUploader.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';
import type { SyncClient } from '../../../src/offline/sync/ports.js';
import { FakeConnection, MemoryStore, fixedClock, profile, silentLogger } from './fakes.js';

const acceptAll = async (txs: readonly SalesTransaction[]): Promise<TransactionIntakeResult> => ({ accepted: txs.map((t) => t.transactionId), duplicates: [], rejected: [] });

describe('OfflineTransactionUploader', () => {
  let store: MemoryStore;
  let connection: FakeConnection;
  let post: sinon.SinonStub;
  const signal = new AbortController().signal;

  beforeEach(() => {
    store = new MemoryStore();
    connection = new FakeConnection();
    post = sinon.stub().callsFake(acceptAll);
  });

  const uploader = (batchSize = 10) =>
    new OfflineTransactionUploader({ postTransactions: post } as unknown as SyncClient, store.asStore(), connection, profile({ uploadBatchSize: batchSize }), fixedClock, silentLogger);

  it('drains a backlog back to back in batches of the profile size, oldest first', async () => {
    const ids = store.enqueue(25);
    const result = await uploader(10).drain(signal);
    expect(result).to.include({ ok: true, batches: 3, uploaded: 25 });
    expect(post.getCalls().map((c) => c.args[0].length)).to.deep.equal([10, 10, 5]);
    expect(post.firstCall.args[0][0].transactionId).to.equal(ids[0]);
    expect(store.queue.size).to.equal(0);
  });

  it('removes duplicates, sets refused sales aside with their reason and keeps unanswered ones queued', async () => {
    const [a, b, c, d] = store.enqueue(4);
    post.resolves({ accepted: [a, 'NOT-SENT'], duplicates: [b], rejected: [{ transactionId: c, reason: 'total does not match' }] });
    const result = await uploader().drain(signal);
    expect(result).to.include({ uploaded: 1, duplicates: 1, rejected: 1 });
    expect([...store.uploaded]).to.have.members([a, b]);
    expect(store.rejected.get(c!)).to.equal('total does not match');
    // d is re-sent once on its own, still unanswered: the pass then ends rather than spin on it.
    expect(store.queue.get(d!)?.attempts).to.equal(2);
    expect(result.ok).to.equal(false);
    expect(store.uploaded.has('NOT-SENT')).to.equal(false);
  });

  it('halves a batch the scale unit refuses whole (413/400) until the poison sale stands alone and is set aside', async () => {
    const ids = store.enqueue(8);
    const poison = ids[5]!;
    post.callsFake(async (txs: readonly SalesTransaction[]) => {
      if (txs.some((t) => t.transactionId === poison)) throw new ScaleUnitError('Rejected', 'transaction upload: the scale unit answered 413', 413);
      return acceptAll(txs);
    });
    const result = await uploader(8).drain(signal);
    expect(result).to.include({ ok: true, uploaded: 7, rejected: 1 });
    expect(store.rejected.get(poison)).to.match(/413/);
    expect(store.queue.size).to.equal(0);
  });

  it('never sets sales aside for a credentials refusal (401): they stay queued', async () => {
    store.enqueue(3);
    post.rejects(new ScaleUnitError('Rejected', 'transaction upload: the scale unit answered 401', 401));
    const result = await uploader().drain(signal);
    expect(result.ok).to.equal(false);
    expect(store.rejected.size).to.equal(0);
    expect(store.queue.size).to.equal(3);
  });

  it('ends the pass as failed instead of spinning when the answer confirms nothing', async () => {
    store.enqueue(3);
    post.resolves({ accepted: [], duplicates: [], rejected: [] });
    const result = await uploader().drain(signal);
    expect(result.ok).to.equal(false);
    expect(post.callCount).to.equal(1);
  });

  for (const [what, error] of [
    ['a network error', new ScaleUnitError('Unreachable', 'transaction upload: ECONNREFUSED')],
    ['a 503', new ScaleUnitError('Unreachable', 'transaction upload: the scale unit answered 503', 503)],
    ['an answer that breaks the contract', new ScaleUnitError('BadResponse', 'transaction upload: not valid JSON')],
  ] as const) {
    it(`counts ${what} as a failed attempt and removes nothing`, async () => {
      store.enqueue(5);
      post.rejects(error);
      const result = await uploader().drain(signal);
      expect(result).to.include({ ok: false, error: error.message });
      expect(store.queue.size).to.equal(5);
      expect([...store.queue.values()].every((p) => p.attempts === 1)).to.equal(true);
    });
  }

  it('runs one pass at a time: a second call joins the running one', async () => {
    store.enqueue(5);
    const up = uploader();
    const [first, second] = await Promise.all([up.drain(signal), up.drain(signal)]);
    expect(first).to.equal(second);
    expect(post.callCount).to.equal(1);
  });

  it('marks nothing when stopped while the scale unit has not answered', async () => {
    store.enqueue(5);
    const controller = new AbortController();
    post.callsFake((_txs: unknown, call: { signal: AbortSignal }) => new Promise((_resolve, reject) => {
      call.signal.addEventListener('abort', () => reject(new ScaleUnitError('Unreachable', 'aborted')));
    }));
    const pass = uploader().drain(controller.signal);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    const result = await pass;
    expect(result.skipped).to.equal('aborted');
    expect(store.queue.size).to.equal(5);
    expect(store.uploaded.size).to.equal(0);
    expect([...store.queue.values()].every((p) => p.attempts === 0)).to.equal(true);
  });

  it('keeps what the scale unit confirmed even if a stop arrives with the answer, and sends no more', async () => {
    store.enqueue(15);
    const controller = new AbortController();
    post.callsFake(async (txs: readonly SalesTransaction[]) => {
      controller.abort();
      return acceptAll(txs);
    });
    const result = await uploader(10).drain(controller.signal);
    expect(result).to.include({ skipped: 'aborted', uploaded: 10 });
    expect(store.queue.size).to.equal(5);
    expect(post.callCount).to.equal(1);
  });

  it('does nothing while the register is offline', async () => {
    store.enqueue(2);
    connection.set(ConnectionStatusType.ManualOffline);
    expect((await uploader().drain(signal)).skipped).to.equal('offline');
    expect(post.called).to.equal(false);
  });

  it('settles a confirmation over a refusal of the same id', () => {
    const s = settle(['a', 'b'], { accepted: ['a'], duplicates: [], rejected: [{ transactionId: 'a', reason: 'x' }, { transactionId: 'b', reason: 'y' }] });
    expect(s.confirmed).to.deep.equal(['a']);
    expect(s.rejected).to.deep.equal([{ transactionId: 'b', reason: 'y' }]);
    expect(s.missing).to.deep.equal([]);
  });
});
