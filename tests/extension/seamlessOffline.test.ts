import { expect } from 'chai';
import { demoBarcode } from '../../scale-unit/index.js';
import { eventually, startRegisterUnderTest, type RegisterUnderTest } from './registerUnderTest.js';

interface CartView {
  transactionId: string;
  lines: { barcode: string; unitPrice: number; pricedOffline: boolean }[];
  total: number;
}
interface CheckoutView {
  transactionId: string;
  receiptId: string;
  total: number;
  savedOffline: boolean;
}
interface StatusView {
  connectionStatus: string;
  pendingUploads: number;
  offlineDataAsOf: string | null;
}

async function offlineDataReady(register: RegisterUnderTest): Promise<void> {
  await eventually(async () => (await register.api<StatusView>('GET', '/api/status')).body.offlineDataAsOf, 10_000, 'the full package to be applied');
}

async function sell(register: RegisterUnderTest, barcodes: string[]): Promise<CheckoutView> {
  for (const barcode of barcodes) {
    const added = await register.api<{ error?: { message: string } }>('POST', '/api/cart/lines', { barcode, quantity: 1 });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
  }
  const cart = (await register.api<CartView>('GET', '/api/cart')).body;
  const done = await register.api<CheckoutView>('POST', '/api/cart/checkout', { tenders: [{ method: 'cash', amount: cart.total + 100 }] });
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  return done.body;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('seamless offline over real HTTP (built extension, scale unit simulator, SQLite offline database)', function () {
  this.timeout(30_000);
  let register: RegisterUnderTest;
  afterEach(async () => register?.close());

  it('answers the first lookup from the offline database at once when the scale unit refuses connections', async () => {
    register = await startRegisterUnderTest({ profile: { switchToOfflineTimeoutMs: 3_000 } });
    await offlineDataReady(register);
    await register.scaleUnit.setFault('refuse');
    const { value, ms } = await timed(() => register.api<CartView>('POST', '/api/cart/lines', { barcode: demoBarcode(5), quantity: 1 }));
    expect(value.status).to.equal(200);
    expect(value.body.lines[0]).to.include({ barcode: demoBarcode(5), pricedOffline: true });
    expect(ms, 'a refused connection must not wait for the 3 s timeout').to.be.below(1_500);
    expect((await register.api<StatusView>('GET', '/api/status')).body.connectionStatus).to.equal('SeamlessOffline');
  });

  it('waits one timeout on a blackholed scale unit, then answers every later call at once', async () => {
    register = await startRegisterUnderTest({ profile: { switchToOfflineTimeoutMs: 600 } });
    await offlineDataReady(register);
    await register.scaleUnit.setFault('blackhole');
    const first = await timed(() => register.api<CartView>('POST', '/api/cart/lines', { barcode: demoBarcode(1), quantity: 1 }));
    expect(first.value.status).to.equal(200);
    expect(first.ms).to.be.at.least(590);
    expect(first.ms).to.be.below(600 + 1_500);
    for (let i = 2; i < 7; i++) {
      const next = await timed(() => register.api('POST', '/api/cart/lines', { barcode: demoBarcode(i), quantity: 1 }));
      expect(next.value.status).to.equal(200);
      expect(next.ms, `call ${i} must not wait for the timeout again`).to.be.below(300);
    }
  });

  it('carries a cart started online over to offline, marking the lines priced offline', async () => {
    register = await startRegisterUnderTest();
    await offlineDataReady(register);
    await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(10), quantity: 1 });
    await register.scaleUnit.setFault('refuse');
    await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(11), quantity: 1 });
    const cart = (await register.api<CartView>('GET', '/api/cart')).body;
    expect(cart.lines.map((l) => l.pricedOffline)).to.deep.equal([false, true]);
    const done = await sell(register, []);
    expect(done.transactionId).to.equal(cart.transactionId);
    expect(done.savedOffline).to.equal(true);
    // The status reaches the host through a throttled stream: it settles within a moment.
    await eventually(async () => (await register.api<StatusView>('GET', '/api/status')).body.pendingUploads === 1, 3_000, 'one pending upload');
  });

  it('stores a checkout whose reply was dropped exactly once at the scale unit after the uploads run', async () => {
    register = await startRegisterUnderTest({ profile: { switchToOfflineTimeoutMs: 800 } });
    await offlineDataReady(register);
    await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(20), quantity: 2 });
    await register.scaleUnit.setFault('drop-reply');
    const sale = await sell(register, []);
    expect(sale.savedOffline, 'the outcome was unknown, so the sale is kept offline under the same id').to.equal(true);
    expect(register.scaleUnit.transactions().map((t) => t.transactionId)).to.include(sale.transactionId);
    await register.scaleUnit.setFault('none');
    const connect = await register.api('POST', '/api/operations/917', {});
    expect(connect.status).to.equal(200);
    await eventually(async () => (await register.api<StatusView>('GET', '/api/status')).body.pendingUploads === 0, 10_000, 'the queue to drain');
    expect(register.scaleUnit.transactions().filter((t) => t.transactionId === sale.transactionId)).to.have.length(1);
  });

  it('never reuses a receipt number across online, offline, online again and a restart', async () => {
    register = await startRegisterUnderTest();
    await offlineDataReady(register);
    const receipts: string[] = [];
    receipts.push((await sell(register, [demoBarcode(30)])).receiptId);
    await register.scaleUnit.setFault('refuse');
    receipts.push((await sell(register, [demoBarcode(31)])).receiptId);
    receipts.push((await sell(register, [demoBarcode(32)])).receiptId);
    await register.scaleUnit.setFault('none');
    expect((await register.api('POST', '/api/operations/917', {})).status).to.equal(200);
    receipts.push((await sell(register, [demoBarcode(33)])).receiptId);
    await register.restartHost();
    receipts.push((await sell(register, [demoBarcode(34)])).receiptId);
    expect(new Set(receipts).size).to.equal(receipts.length);
    await eventually(async () => (await register.api<StatusView>('GET', '/api/status')).body.pendingUploads === 0, 10_000, 'the queue to drain');
    const stored = register.scaleUnit.transactions().map((t) => t.receiptId);
    expect(stored).to.have.members(receipts);
  });

  it('never falls back on a register without offline support: the cashier hears the scale unit is unreachable', async () => {
    register = await startRegisterUnderTest({ registerId: 'S001-T03' });
    const online = await register.api<CartView>('POST', '/api/cart/lines', { barcode: demoBarcode(60), quantity: 1 });
    expect(online.status).to.equal(200);
    await register.scaleUnit.setFault('refuse');
    const refused = await register.api<{ error: { code: string; message: string } }>('POST', '/api/cart/lines', { barcode: demoBarcode(61), quantity: 1 });
    expect(refused.status).to.be.within(400, 599);
    expect(refused.body.error.message).to.match(/cannot be reached and this register does not support offline mode/);
    const status = await eventually(async () => {
      const s = (await register.api<StatusView & { syncStatusText: string }>('GET', '/api/status')).body;
      return s.syncStatusText === 'Offline functionality is not configured' ? s : null;
    }, 3_000, 'the status to say offline is not configured');
    expect(status?.connectionStatus).to.equal('Online');
  });

  it('keeps numbers rising after the offline database is reinstalled (seeded from the scale unit)', async () => {
    register = await startRegisterUnderTest();
    await offlineDataReady(register);
    const before = await sell(register, [demoBarcode(50)]);
    await sell(register, [demoBarcode(51)]);
    await register.restartHost({ wipeOfflineDatabase: true });
    const after = await sell(register, [demoBarcode(52)]);
    const n = (id: string) => Number(id.split('-').at(-1));
    expect(n(after.transactionId)).to.equal(n(before.transactionId) + 2);
  });
});
