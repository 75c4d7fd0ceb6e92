import { expect } from 'chai';
import type { ScaleUnit } from '../../scale-unit/index.js';
import { resolveOptions } from '../../scale-unit/index.js';
import { isLoopback } from '../../scale-unit/http/admin-routes.js';
import { adminClient, adminToken, deviceClient, deviceToken, sale, startTestScaleUnit } from './support.js';

describe('scale unit security', () => {
  let scaleUnit: ScaleUnit;
  before(async () => {
    scaleUnit = await startTestScaleUnit({ bodyLimitBytes: 64 * 1024 });
  });
  after(() => scaleUnit.close());

  it('answers 401 on device routes without a token or with a wrong one', async () => {
    for (const token of ['', 'wrong-token', adminToken]) {
      const response = await deviceClient(scaleUnit, token).get('registers/S001-T01');
      expect(response.statusCode).to.equal(401);
      expect(response.body).to.deep.equal({ error: { code: 'Unauthorized', message: 'a valid bearer token is required' } });
    }
  });

  it('refuses the device token on the admin side and accepts the admin token', async () => {
    expect((await adminClient(scaleUnit, deviceToken).get('admin/registers')).statusCode).to.equal(401);
    expect((await adminClient(scaleUnit, deviceToken).post('admin/faults', { json: { mode: 'refuse' } })).statusCode).to.equal(401);
    expect((await adminClient(scaleUnit).get('admin/registers')).statusCode).to.equal(200);
  });

  it('serves no admin route on the device port', async () => {
    expect((await deviceClient(scaleUnit).get('admin/registers')).statusCode).to.equal(404);
  });

  it('answers 404 for an unknown register, package or route', async () => {
    const client = deviceClient(scaleUnit);
    expect((await client.get('registers/S001-T99')).body).to.deep.equal({ error: { code: 'NotFound', message: 'register S001-T99 not found' } });
    expect((await client.get('data-packages?registerId=S001-T99')).statusCode).to.equal(404);
    expect((await client.get('data-packages/nope')).statusCode).to.equal(404);
    expect((await client.get('no/such/route')).statusCode).to.equal(404);
  });

  it('answers 413 for a body over the limit without storing anything', async () => {
    const big = Array.from({ length: 400 }, (_, i) => sale(i + 1, { operatorId: 'x'.repeat(200) }));
    const response = await deviceClient(scaleUnit).post('transactions', { json: { transactions: big } });
    expect(response.statusCode).to.equal(413);
    expect(response.body).to.have.nested.property('error.code', 'PayloadTooLarge');
    expect(scaleUnit.transactions()).to.have.length(0);
  });

  it('answers 400 naming the field, and never a stack', async () => {
    const admin = adminClient(scaleUnit);
    const zeroTimeout = await admin.put('admin/registers/S001-T01/offline-profile', { json: { switchToOfflineTimeoutMs: 0 } });
    expect(zeroTimeout.statusCode).to.equal(400);
    expect(zeroTimeout.body).to.have.nested.property('error.field', 'body.switchToOfflineTimeoutMs');
    const fraction = await admin.put('admin/registers/S001-T01/offline-profile', { json: { uploadIntervalMs: 1.5 } });
    expect(fraction.body).to.have.nested.property('error.field', 'body.uploadIntervalMs');
    const newProduct = await admin.post('admin/products', { json: { products: [{ productId: 'NEW-1', price: 2 }] } });
    expect(newProduct.body).to.have.nested.property('error.field', 'body.products.0.barcode');
    const badJson = await deviceClient(scaleUnit).post('transactions', { body: '{"transactions": [', headers: { 'content-type': 'application/json' } });
    expect(badJson.statusCode).to.equal(400);
    expect(JSON.stringify(badJson.body)).not.to.match(/at .*\.(js|ts):\d+/);
  });

  it('changes an offline profile that the register then reads', async () => {
    const updated = await adminClient(scaleUnit).put('admin/registers/S001-T02/offline-profile', { json: { switchToOfflineTimeoutMs: 500, retryCountToOffline: 2 } });
    expect(updated.statusCode).to.equal(200);
    const register = (await deviceClient(scaleUnit).get<{ offlineProfile: Record<string, number> }>('registers/S001-T02')).body;
    expect(register.offlineProfile).to.deep.include({ switchToOfflineTimeoutMs: 500, retryCountToOffline: 2, uploadIntervalMs: 10000 });
    expect((await adminClient(scaleUnit).put('admin/registers/S001-T99/offline-profile', { json: {} })).statusCode).to.equal(404);
  });

  it('admits only loopback callers on the admin side', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).to.deep.equal([true, true, true]);
    expect(['10.0.0.5', '::ffff:192.168.1.2', undefined].map(isLoopback)).to.deep.equal([false, false, false]);
  });

  it('refuses options that would be unsafe or meaningless, naming them', () => {
    expect(() => resolveOptions({ deviceToken: 'same', adminToken: 'same' })).to.throw(RangeError, /adminToken/);
    expect(() => resolveOptions({ port: 70000 })).to.throw(RangeError, /port/);
    expect(() => resolveOptions({ products: -1 })).to.throw(RangeError, /products/);
  });
});
