import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { ScaleUnit } from '../../../scale-unit/index.js';
import { demoBarcode, demoProduct, scaleUnitDefaults } from '../../../scale-unit/index.js';
import { openRegister, registerId, startTestScaleUnit, type Register } from './harness.js';

describe('offline data sync downloads against the scale unit simulator and a SQLite offline database', function () {
  this.timeout(20_000);
  let scaleUnit: ScaleUnit;
  let register: Register;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    scaleUnit = await startTestScaleUnit();
    register = await openRegister(scaleUnit.url);
  });
  afterEach(async () => {
    await register.close();
    await scaleUnit.close();
  });

  it('gives a fresh register the full package, then a delta whose price change the offline database answers', async () => {
    await scaleUnit.runDistribution();
    const first = await register.downloader.runOnce(signal);
    expect(first).to.include({ ok: true, applied: 1 });
    const seeded = demoProduct(scaleUnitDefaults.seed, 0);
    expect((await register.store.getProductByBarcode(demoBarcode(0)))?.price).to.equal(seeded.price);

    scaleUnit.changeProducts([{ productId: seeded.productId, price: 123.45 }]);
    await scaleUnit.runDistribution();
    const second = await register.downloader.runOnce(signal);
    expect(second).to.include({ ok: true, applied: 1 });
    expect((await register.store.getProductByBarcode(demoBarcode(0)))?.price).to.equal(123.45);
    const [price] = await register.store.getPrices([seeded.productId], new Date().toISOString());
    expect(price?.price).to.equal(123.45);

    const last = await register.store.getLastAppliedPackage();
    expect(last).to.include({ sequence: 2, status: 'Applied', kind: 'delta' });
    const statuses = scaleUnit.services.registers.overview().find((r) => r.registerId === registerId)!.packageStatuses;
    expect(statuses.map((s) => `${s.sequence}:${s.status}`)).to.include.members(['1:Applied', '2:Applied']);
    expect(fs.readdirSync(path.join(register.dir, 'downloads'))).to.deep.equal([]);
  });

  it('refuses a corrupt package three times, then shows it Suspended until it is retried', async () => {
    const [record] = await scaleUnit.runDistribution();
    const file = path.join(scaleUnit.options.dataDir, 'packages', record!.file);
    const original = fs.readFileSync(file);
    const corrupt = Buffer.from(original);
    corrupt[corrupt.length - 10] = corrupt[corrupt.length - 10] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(file, corrupt);

    register.engine.start();
    for (let i = 0; i < 3; i += 1) await register.engine.syncNow();
    const status = register.engine.status;
    expect(status.suspended).to.include({ packageId: record!.id, attempts: 3 });
    expect(status.suspended?.reason).to.match(/sha256/);
    expect(status.download.lastAttempt?.ok).to.equal(false);
    expect(status.lastAppliedAt).to.equal(null);
    expect(status.downloadJobs.map((j) => j.status)).to.include('Suspended');
    expect((await register.store.listPackages(5))[0]).to.include({ packageId: record!.id, status: 'Suspended' });
    expect(await register.store.getProductByBarcode(demoBarcode(0))).to.equal(null);

    // A fourth pass holds it back without fetching it again.
    await register.engine.syncNow();
    expect(register.engine.status.suspended?.packageId).to.equal(record!.id);

    fs.writeFileSync(file, original);
    expect(await register.engine.retrySuspended()).to.equal(true);
    expect(register.engine.status).to.deep.include({ suspended: null, pendingDownloads: 0, lastAppliedSequence: 1 });
    expect(register.engine.status.lastAppliedAt).to.be.a('string');
  });
});
