import { expect } from 'chai';
import { barcodeAt, readEvents, signIn, startStack, type Stack } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('dev host JSON API without the extension', () => {
  let stack: Stack;

  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('reports status with the system.md fields and honest fallbacks', async () => {
    const { statusCode, body } = await stack.api.get<Json>('api/status');
    expect(statusCode).to.equal(200);
    expect(body).to.include({
      registerId: 'S001-T01',
      connectionStatus: 'Online',
      scaleUnitUrl: stack.scaleUnit.url,
      button917Label: 'Disconnect',
      pendingUploads: 0,
      pendingDownloads: 0,
      offlineDataAsOf: null,
      syncStatusText: 'Offline functionality is not configured',
      extension: null,
    });
    expect(body.lastSync).to.deep.equal({ download: null, upload: null });
    expect(Number.isNaN(Date.parse(body.since))).to.equal(false);
  });

  it('signs in the demo operator and refuses a wrong password', async () => {
    const wrong = await stack.api.post<Json>('api/logon', { json: { operatorId: '000160', password: 'nope' } });
    expect(wrong.statusCode).to.equal(401);
    expect(wrong.body).to.deep.equal({ error: { code: 'InvalidCredentials', message: 'Operator id or password is wrong.' } });
    const right = await stack.api.post<Json>('api/logon', { json: { operatorId: '000160', password: '123' } });
    expect(right.statusCode).to.equal(200);
    expect(right.body).to.include({ operatorId: '000160', signedIn: true, firstSignIn: true });
  });

  it('keeps the cart closed to anyone not signed in', async () => {
    const response = await stack.api.post<Json>('api/cart/lines', { json: { barcode: '123', quantity: 1 } });
    expect(response.statusCode).to.equal(401);
    expect(response.body.error.code).to.equal('NotSignedIn');
  });

  it('searches products through the pipeline (the host default answers online)', async () => {
    const { statusCode, body } = await stack.api.get<Json>('api/products', { searchParams: { search: '', top: 5 } });
    expect(statusCode).to.equal(200);
    expect(body.source).to.equal('online');
    expect(body.products).to.have.length(5);
    expect(body.products[0]).to.include.keys('productId', 'barcode', 'name', 'price');
  });

  it('opens a transaction on the first line, numbers it from the scale unit and totals to the cent', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    const b = await barcodeAt(stack, 1);
    const first = await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode, quantity: 3 } });
    expect(first.statusCode).to.equal(200);
    expect(first.body.transactionId).to.equal('S001-T01-1');
    expect(first.body.receiptId).to.equal('S001T0100000001');
    expect(first.body.lines[0]).to.include({ productId: a.productId, quantity: 3, unitPrice: a.price, pricedOffline: false, lineNumber: 1 });
    const second = await stack.api.post<Json>('api/cart/lines', { json: { barcode: b.barcode, quantity: 1 } });
    expect(second.body.transactionId).to.equal('S001-T01-1');
    expect(second.body.total).to.equal(Math.round((a.price * 3 + b.price) * 100) / 100);
    const changed = await stack.api.put<Json>('api/cart/lines/1', { json: { quantity: 1 } });
    expect(changed.body.total).to.equal(Math.round((a.price + b.price) * 100) / 100);
    const cart = await stack.api.get<Json>('api/cart');
    expect(cart.body).to.deep.equal(changed.body);
  });

  it('answers 404 for an unknown barcode and keeps the cart as it was', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    await stack.api.post('api/cart/lines', { json: { barcode: a.barcode } });
    const response = await stack.api.post<Json>('api/cart/lines', { json: { barcode: '0000000000000' } });
    expect(response.statusCode).to.equal(404);
    expect(response.body.error.code).to.equal('ProductNotFound');
    expect((await stack.api.get<Json>('api/cart')).body.lines).to.have.length(1);
  });

  it('checks tenders: the sum must cover the total, only cash gives change', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    const cart = (await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode } })).body;
    const short = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'cash', amount: cart.total - 0.01 }] } });
    expect(short.statusCode).to.equal(400);
    expect(short.body.error.code).to.equal('InsufficientTender');
    const card = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'card', amount: cart.total + 1 }] } });
    expect(card.body.error.code).to.equal('CardOverpayment');
    const done = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'cash', amount: cart.total + 10 }] } });
    expect(done.statusCode).to.equal(200);
    expect(done.body).to.include({ transactionId: 'S001-T01-1', receiptId: 'S001T0100000001', total: cart.total, savedOffline: false, change: 10 });
    expect((await stack.api.get('api/cart')).body).to.equal(null);
    const stored = stack.scaleUnit.transactions();
    expect(stored.map((t) => t.transactionId)).to.deep.equal(['S001-T01-1']);
    expect(stored[0]!.tenders).to.deep.equal([{ method: 'cash', amount: cart.total }]);
    expect(stored[0]!.operatorId).to.equal('000160');
  });

  it('fails fast in an outage, keeps the cart and its ids, and a retry saves the sale once', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    const cart = (await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode } })).body;
    await stack.scaleUnit.setFault('refuse');
    const scan = await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode } });
    expect(scan.statusCode).to.equal(503);
    expect(scan.body.error.code).to.equal('ScaleUnitUnavailable');
    expect(scan.body.error).to.not.have.property('stack');
    const failed = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'card', amount: cart.total }] } });
    expect(failed.statusCode).to.equal(503);
    expect((await stack.api.get<Json>('api/cart')).body.transactionId).to.equal(cart.transactionId);
    await stack.scaleUnit.setFault('none');
    const retried = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'card', amount: cart.total }] } });
    expect(retried.statusCode).to.equal(200);
    expect(retried.body.transactionId).to.equal(cart.transactionId);
    expect(stack.scaleUnit.transactions()).to.have.length(1);
  });

  it('numbers the next transaction after the last one the scale unit holds', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    const first = (await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode } })).body;
    await stack.api.post('api/cart/checkout', { json: { tenders: [{ method: 'cash', amount: first.total }] } });
    const second = (await stack.api.post<Json>('api/cart/lines', { json: { barcode: a.barcode } })).body;
    expect(second.transactionId).to.equal('S001-T01-2');
  });

  it('voids the open cart and answers the cart after it: none', async () => {
    await signIn(stack.api);
    const a = await barcodeAt(stack, 0);
    await stack.api.post('api/cart/lines', { json: { barcode: a.barcode } });
    const voided = await stack.api.post('api/cart/void');
    expect(voided.statusCode).to.equal(200);
    expect(voided.body).to.equal(null);
    expect(voided.headers['x-voided-transaction-id']).to.equal('S001-T01-1');
    const again = await stack.api.post<Json>('api/cart/void');
    expect(again.statusCode).to.equal(409);
    expect(again.body.error.code).to.equal('NoOpenCart');
  });

  it('has no operation 917 or sync without the extension', async () => {
    const op = await stack.api.post<Json>('api/operations/917', { json: { confirm: true } });
    expect(op.statusCode).to.equal(404);
    expect(op.body.error.code).to.equal('UnknownOperation');
    const sync = await stack.api.post<Json>('api/sync');
    expect(sync.statusCode).to.equal(501);
    expect(sync.body.error.code).to.equal('SyncNotAvailable');
  });

  it('serves the screen layout with who handles each button', async () => {
    const { body } = await stack.api.get<Json>('api/layout');
    const buttons = body.buttonGrids[0].buttons as Json[];
    expect(buttons.map((b) => b.operationId)).to.include.members([200, 201, 500, 917, 918]);
    expect(buttons.find((b) => b.operationId === 200)).to.include({ handledBy: 'page', pageAction: 'payCash' });
    expect(buttons.find((b) => b.operationId === 917)).to.include({ handledBy: 'unavailable', label: 'Database connection status' });
    expect((await stack.api.get<Json>('api/layout', { searchParams: { name: 'nope' } })).statusCode).to.equal(404);
  });

  it('answers every error in one shape, never with a stack', async () => {
    const unknown = await stack.api.get<Json>('api/nothing-here');
    expect(unknown.statusCode).to.equal(404);
    expect(unknown.body.error.code).to.equal('NotFound');
    const bad = await stack.api.post<Json>('api/cart/lines', { json: { quantity: 1 } });
    expect(bad.statusCode).to.equal(400);
    expect(bad.body.error.code).to.equal('BadRequest');
    const notJson = await stack.api.post<Json>('api/logon', { body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).to.equal(400);
    for (const body of [unknown.body, bad.body, notJson.body]) expect(Object.keys(body.error).sort()).to.deep.equal(['code', 'message']);
  });

  it('sets a scale unit fault from the demo panel through the admin API', async () => {
    const set = await stack.api.post<Json>('api/demo/faults', { json: { mode: 'error503' } });
    expect(set.statusCode).to.equal(200);
    expect(stack.scaleUnit.fault.mode).to.equal('error503');
    const bad = await stack.api.post<Json>('api/demo/faults', { json: { mode: 'meteor' } });
    expect(bad.statusCode).to.equal(400);
    await stack.api.post('api/demo/faults', { json: { mode: 'none' } });
    expect(stack.scaleUnit.fault.mode).to.equal('none');
  });

  it('serves the page', async () => {
    const page = await stack.api.get('', { responseType: 'text' });
    expect(page.statusCode).to.equal(200);
    expect(page.headers['content-type']).to.match(/text\/html/);
    expect((await stack.api.get('..%2Fconfig.ts', { responseType: 'text' })).statusCode).to.equal(404);
  });
});

describe('dev host event stream', () => {
  it('sends a status heartbeat for as long as the page listens', async () => {
    const stack = await startStack({ statusEventIntervalMs: 100 });
    try {
      const events = await readEvents(`${stack.host.url}/api/events`, (seen) => seen.filter((e) => e.event === 'status').length >= 4);
      expect(events.filter((e) => e.event === 'status').length).to.be.at.least(4);
      expect((events[0]!.data as Json).connectionStatus).to.equal('Online');
    } finally {
      await stack.close();
    }
  });
});
