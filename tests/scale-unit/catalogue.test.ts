import { expect } from 'chai';
import type { Customer, Product, RegisterConfiguration } from '#pos-api';
import type { ScaleUnit } from '../../scale-unit/index.js';
import { demoProduct, scaleUnitDefaults } from '../../scale-unit/index.js';
import { deviceClient, startTestScaleUnit } from './support.js';

describe('scale unit catalogue reads', () => {
  let scaleUnit: ScaleUnit;
  before(async () => {
    scaleUnit = await startTestScaleUnit();
  });
  after(() => scaleUnit.close());

  it('answers health without a token', async () => {
    const response = await deviceClient(scaleUnit, 'none').get<{ ok: boolean; serverTime: string }>('health');
    expect(response.statusCode).to.equal(200);
    expect(response.body.ok).to.equal(true);
    expect(Date.parse(response.body.serverTime)).to.be.closeTo(Date.now(), 5000);
  });

  it('serves the demo registers with the default offline profile', async () => {
    const client = deviceClient(scaleUnit);
    const t01 = (await client.get<RegisterConfiguration>('registers/S001-T01')).body;
    expect(t01).to.deep.include({ registerId: 'S001-T01', storeNumber: 'S001', terminalId: 'T01', supportOffline: true });
    expect(t01.offlineProfile).to.deep.equal({
      switchToOfflineTimeoutMs: 2000, reconnectIntervalMs: 30000, uploadIntervalMs: 10000, downloadIntervalMs: 60000,
      uploadBatchSize: 100, retryCountToOffline: 0, systemHealthCheckIntervalMs: 10000,
    });
    expect((await client.get<RegisterConfiguration>('registers/S001-T03')).body.supportOffline).to.equal(false);
  });

  it('makes the same catalogue from the same seed', () => {
    const product = demoProduct(scaleUnitDefaults.seed, 11);
    expect(product).to.deep.equal(demoProduct(scaleUnitDefaults.seed, 11));
    expect(product.barcode).to.match(/^\d{13}$/);
    expect(product.name).to.match(/ 12$/);
  });

  it('finds a product by barcode and by id with its current price', async () => {
    const client = deviceClient(scaleUnit);
    const byId = (await client.get<Product>('products/P0000007')).body;
    const byBarcode = (await client.get<Product>(`products/by-barcode/${byId.barcode}`)).body;
    expect(byBarcode).to.deep.equal(byId);
    expect(byId.price).to.be.a('number').and.greaterThan(0);
    expect((await client.get('products/by-barcode/0000000000000')).statusCode).to.equal(404);
    expect((await client.get('products/P9999999')).statusCode).to.equal(404);
  });

  it('pages product search with skip and top, and caps top at 100', async () => {
    const client = deviceClient(scaleUnit);
    const first = (await client.get<Product[]>('products?top=5')).body;
    const next = (await client.get<Product[]>('products?skip=5&top=5')).body;
    expect(first.map((p) => p.productId)).to.deep.equal(['P0000001', 'P0000002', 'P0000003', 'P0000004', 'P0000005']);
    expect(next[0]?.productId).to.equal('P0000006');
    const mugs = (await client.get<Product[]>('products?search=mug&top=100')).body;
    expect(mugs.length).to.be.greaterThan(0);
    expect(mugs.every((p) => /mug/i.test(p.name))).to.equal(true);
    expect((await client.get('products?top=101')).statusCode).to.equal(400);
  });

  it('searches customers by name', async () => {
    const client = deviceClient(scaleUnit);
    const all = (await client.get<Customer[]>('customers?top=100')).body;
    expect(all).to.have.length(50);
    const someone = all[3]!;
    const found = (await client.get<Customer[]>(`customers?search=${encodeURIComponent(someone.name)}`)).body;
    expect(found.map((c) => c.customerId)).to.include(someone.customerId);
  });
});
