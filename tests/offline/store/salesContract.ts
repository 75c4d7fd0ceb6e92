import { expect } from 'chai';
import type { DataPackageLine } from '#pos-api';
import { OfflineStoreError } from '../../../src/offline/store/index.js';
import type { ContractContext } from './offlineStoreContract.js';
import { coffee, deferred, fullCatalogue, info, packageOf, sale, upsertProduct, product } from './fixtures.js';

export function salesContract(ctx: ContractContext): void {
  const queued = async () => (await ctx.store.readUploadBatch(100)).map((u) => u.transactionId);

  describe('offline sales and the upload queue', () => {
    it('saves a sale and queues its upload in one step', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      expect(await ctx.store.getOfflineTransaction(sale(1).transactionId)).to.deep.equal(sale(1));
      const [pending] = await ctx.store.readUploadBatch(10);
      expect(pending?.transaction).to.deep.equal(sale(1));
      expect(pending?.attempts).to.equal(0);
      expect(await ctx.store.getOfflineTransaction('nope')).to.equal(null);
    });

    it('keeps one sale and one queue row when the same sale is saved twice', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.saveOfflineTransaction(sale(1));
      expect(await queued()).to.deep.equal([sale(1).transactionId]);
      expect((await ctx.store.getPendingUploadSummary()).count).to.equal(1);
    });

    it('does not queue a sale again once it was uploaded, but keeps the sale', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.markUploaded([sale(1).transactionId]);
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.enqueueUpload(sale(1).transactionId);
      expect(await queued()).to.deep.equal([]);
      expect(await ctx.store.getOfflineTransaction(sale(1).transactionId)).to.deep.equal(sale(1));
    });

    it('reads uploads oldest first, at most the limit', async () => {
      for (const n of [3, 1, 2]) await ctx.store.saveOfflineTransaction(sale(n));
      expect((await ctx.store.readUploadBatch(2)).map((u) => u.transactionId)).to.deep.equal([sale(3).transactionId, sale(1).transactionId]);
      await ctx.store.markUploaded([sale(3).transactionId]);
      expect(await queued()).to.deep.equal([sale(1).transactionId, sale(2).transactionId]);
    });

    it('sets a rejected upload aside with its reason so it no longer blocks the queue', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.saveOfflineTransaction(sale(2));
      await ctx.store.setUploadRejected(sale(1).transactionId, 'unknown product');
      expect(await queued()).to.deep.equal([sale(2).transactionId]);
      const rejected = await ctx.store.listRejectedUploads();
      expect(rejected.map((r) => [r.transactionId, r.reason])).to.deep.equal([[sale(1).transactionId, 'unknown product']]);
      const summary = await ctx.store.getPendingUploadSummary();
      expect([summary.count, summary.rejected]).to.deep.equal([1, 1]);
      await ctx.store.enqueueUpload(sale(1).transactionId);
      expect(await queued()).to.deep.equal([sale(2).transactionId, sale(1).transactionId]);
      expect(await ctx.store.listRejectedUploads()).to.deep.equal([]);
    });

    it('counts failed attempts on uploads that stay queued', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.recordUploadAttempt([sale(1).transactionId]);
      await ctx.store.recordUploadAttempt([sale(1).transactionId]);
      expect((await ctx.store.readUploadBatch(1))[0]?.attempts).to.equal(2);
    });

    it('summarises the queue with the time of its oldest entry', async () => {
      expect(await ctx.store.getPendingUploadSummary()).to.deep.equal({ count: 0, oldestEnqueuedAt: null, rejected: 0 });
      await ctx.store.saveOfflineTransaction(sale(1));
      const summary = await ctx.store.getPendingUploadSummary();
      expect(summary.count).to.equal(1);
      expect(Date.parse(summary.oldestEnqueuedAt ?? '')).to.be.closeTo(Date.now(), 60_000);
    });

    it('refuses to enqueue a sale it never saved, and a sale without an id', async () => {
      const error = await ctx.store.enqueueUpload('nope').catch((e: unknown) => e);
      expect(OfflineStoreError.is(error, 'InvalidArgument')).to.equal(true);
      const bad = await ctx.store.saveOfflineTransaction(sale(1, { transactionId: '' })).catch((e: unknown) => e);
      expect(OfflineStoreError.is(bad, 'InvalidArgument')).to.equal(true);
      expect(await queued()).to.deep.equal([]);
    });

    it('keeps a sale made while a package is being applied, even when the package then fails', async () => {
      const hold = deferred();
      const pkg = info('slow', 1, 'full', 2);
      const slow = (async function* stream() {
        yield* packageOf(pkg, [upsertProduct(coffee)]);
        await hold.promise;
        yield { table: 'nope' } as unknown as DataPackageLine;
      })();
      const applying = ctx.store.applyDataPackage(pkg, slow).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await ctx.store.getProductByBarcode(coffee.barcode), 'reads see only committed data').to.equal(null);
      const saving = ctx.store.saveOfflineTransaction(sale(1));
      hold.resolve();
      await saving;
      expect(OfflineStoreError.is(await applying, 'InvalidPackage')).to.equal(true);
      expect(await queued()).to.deep.equal([sale(1).transactionId]);
      expect(await ctx.store.getProductByBarcode(coffee.barcode)).to.equal(null);
    });
  });

  describe('package ledger, numbers and settings', () => {
    it('records package statuses, counting failed attempts, newest first', async () => {
      const p1 = info('p1', 1, 'full', 5);
      await ctx.store.recordPackageStatus(p1, 'Downloaded', null);
      await ctx.store.recordPackageStatus(p1, 'ApplyFailed', 'disk full');
      const entry = await ctx.store.recordPackageStatus(p1, 'ApplyFailed', 'disk full');
      expect([entry.status, entry.attempts, entry.error]).to.deep.equal(['ApplyFailed', 2, 'disk full']);
      await ctx.store.applyDataPackage(p1, packageOf(p1, fullCatalogue()));
      await ctx.store.recordPackageStatus(info('p2', 2, 'delta', 1), 'Requested', null);
      const list = await ctx.store.listPackages(10);
      expect(list.map((p) => [p.packageId, p.status])).to.deep.equal([['p2', 'Requested'], ['p1', 'Applied']]);
      expect((await ctx.store.getLastAppliedPackage())?.rows).to.equal(5);
    });

    it('has no last applied package in a new database', async () => {
      expect(await ctx.store.getLastAppliedPackage()).to.equal(null);
      expect(await ctx.store.listPackages(5)).to.deep.equal([]);
    });

    it('hands out numbers above both the server seed and its own last value, durably', async () => {
      expect(await ctx.store.getLastNumber('receipt')).to.equal(0);
      expect(await ctx.store.nextNumber('receipt', 41)).to.equal(42);
      expect(await ctx.store.nextNumber('receipt', 10)).to.equal(43);
      expect(await ctx.store.nextNumber('receipt', 100)).to.equal(101);
      await ctx.reopen();
      expect(await ctx.store.getLastNumber('receipt')).to.equal(101);
      expect(await ctx.store.nextNumber('receipt', 0)).to.equal(102);
      expect(await ctx.store.nextNumber('transaction', 0)).to.equal(1);
    });

    it('stores settings as JSON and removes them when set to undefined', async () => {
      expect(await ctx.store.getSetting('sync')).to.equal(null);
      await ctx.store.setSetting('sync', { lastDownloadAt: '2024-05-01T00:00:00.000Z', ok: true });
      await ctx.store.setSetting('sync', { lastDownloadAt: '2024-05-02T00:00:00.000Z', ok: false });
      expect(await ctx.store.getSetting('sync')).to.deep.equal({ lastDownloadAt: '2024-05-02T00:00:00.000Z', ok: false });
      await ctx.store.setSetting('sync', undefined);
      expect(await ctx.store.getSetting('sync')).to.equal(null);
    });

    it('describes itself with a size and keeps data across a reopen', async () => {
      await ctx.store.saveOfflineTransaction(sale(1));
      await ctx.store.applyDataPackage(info('p', 1, 'full', 1), packageOf(info('p', 1, 'full', 1), [upsertProduct(product(5))]));
      const description = await ctx.store.describe();
      expect(description.sizeBytes).to.be.greaterThan(0);
      expect(description.location).to.be.a('string').and.not.match(/password/i);
      await ctx.reopen();
      expect(await queued()).to.deep.equal([sale(1).transactionId]);
      expect(await ctx.store.getProductByBarcode(product(5).barcode)).to.deep.equal(product(5));
    });

    it('refuses calls once closed', async () => {
      await ctx.store.close();
      const error = await ctx.store.getProductByBarcode('1').catch((e: unknown) => e);
      expect(OfflineStoreError.is(error, 'Closed')).to.equal(true);
    });
  });
}
