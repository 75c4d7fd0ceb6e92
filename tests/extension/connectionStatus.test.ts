import { expect } from 'chai';
import { RetailOperation } from '#pos-api';
import { demoBarcode } from '../../scale-unit/index.js';
import { eventually, startRegisterUnderTest, type RegisterUnderTest } from './registerUnderTest.js';

interface Status {
  connectionStatus: 'Online' | 'SeamlessOffline' | 'ManualOffline';
  button917Label: string;
  pendingUploads: number;
  pendingDownloads: number;
  scaleUnitUrl: string;
  since: string;
  offlineDataAsOf: string | null;
  syncStatusText: string;
  lastSync: { download: { ok: boolean } | null; upload: { ok: boolean } | null };
  offlineDatabase?: { kind: string; location: string; sizeBytes: number };
  oldestPendingUploadAt?: string | null;
}
interface Layout {
  buttonGrids: { buttons: { operationId?: number; label: string }[] }[];
}

const status = async (r: RegisterUnderTest) => (await r.api<Status>('GET', '/api/status')).body;
const settled = (r: RegisterUnderTest, check: (s: Status) => boolean, what: string) => eventually(async () => check(await status(r)), 5_000, what);
const press917 = (r: RegisterUnderTest, confirm?: boolean) =>
  r.api<{ error?: { code: string; message: string } }>('POST', '/api/operations/917', confirm === undefined ? {} : { confirm });

async function sellOne(r: RegisterUnderTest, barcode: string) {
  expect((await r.api('POST', '/api/cart/lines', { barcode, quantity: 1 })).status).to.equal(200);
  const cart = (await r.api<{ total: number }>('GET', '/api/cart')).body;
  const done = await r.api<{ transactionId: string; savedOffline: boolean }>('POST', '/api/cart/checkout', { tenders: [{ method: 'card', amount: cart.total }] });
  expect(done.status).to.equal(200);
  return done.body;
}

describe('operation 917, transaction triggers and the connection status model (built package through the dev host)', function () {
  this.timeout(30_000);
  let register: RegisterUnderTest;
  afterEach(async () => register?.close());

  it('toggles Online → ManualOffline (after confirmation) → Online, and the button label follows', async () => {
    register = await startRegisterUnderTest();
    await settled(register, (s) => s.button917Label === 'Disconnect', 'label Disconnect');

    const declined = await press917(register, false);
    expect(declined.status).to.be.oneOf([200, 409]);
    expect((await status(register)).connectionStatus, 'declining the confirmation changes nothing').to.equal('Online');

    expect((await press917(register, true)).status).to.equal(200);
    await settled(register, (s) => s.connectionStatus === 'ManualOffline' && s.button917Label === 'Connect', 'ManualOffline with label Connect');
    const layout = (await register.api<Layout>('GET', '/api/layout')).body;
    const button = layout.buttonGrids.flatMap((g) => g.buttons).find((b) => b.operationId === 917);
    expect(button?.label).to.equal('Connect');

    expect((await press917(register)).status).to.equal(200);
    await settled(register, (s) => s.connectionStatus === 'Online' && s.button917Label === 'Disconnect', 'Online with label Disconnect');
  });

  it('tells the host of every change, so its PostConnectionStatusChange triggers run, with the previous status', async () => {
    register = await startRegisterUnderTest();
    const seen: string[] = [];
    const sub = register.host.posHost.events$.subscribe((e) => {
      if (e.type === 'connectionStatus') seen.push(`${e.previousConnectionStatus}->${e.connectionStatus}`);
    });
    await press917(register, true);
    await press917(register);
    await register.scaleUnit.setFault('refuse');
    await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(2), quantity: 1 });
    await eventually(() => seen.length === 3, 3_000, 'three status changes');
    sub.unsubscribe();
    expect(seen).to.deep.equal(['0->2', '2->0', '0->1']);
  });

  it('refuses to switch with a cart in progress, saying why', async () => {
    register = await startRegisterUnderTest();
    await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(3), quantity: 1 });
    const refused = await press917(register, true);
    expect(refused.status).to.be.within(400, 499);
    expect(refused.body.error?.message).to.match(/Finish or void the current transaction/);
    expect((await status(register)).connectionStatus).to.equal('Online');
  });

  it('stays offline and says why when Connect cannot reach the scale unit', async () => {
    register = await startRegisterUnderTest();
    await press917(register, true);
    await register.scaleUnit.setFault('refuse');
    const attempt = await register.api<{ message?: string; error?: { message: string } }>('POST', '/api/operations/917', {});
    expect(JSON.stringify(attempt.body)).to.match(/Still offline/);
    expect((await status(register)).connectionStatus).to.equal('ManualOffline');
  });

  it('reconnects at the beginning of a transaction only after the interval, and uploads the offline sale without further action', async () => {
    register = await startRegisterUnderTest({ profile: { reconnectIntervalMs: 1_500 } });
    await settled(register, (s) => s.offlineDataAsOf !== null, 'offline data');
    await register.scaleUnit.setFault('refuse');
    const offlineSale = await sellOne(register, demoBarcode(7));
    expect(offlineSale.savedOffline).to.equal(true);
    await register.scaleUnit.setFault('none');

    // Before the interval: the next transaction stays offline.
    await sellOne(register, demoBarcode(8));
    expect((await status(register)).connectionStatus).to.equal('SeamlessOffline');

    await new Promise((r) => setTimeout(r, 1_600));
    const later = await sellOne(register, demoBarcode(9));
    expect(later.savedOffline, 'the transaction that reconnected is saved online').to.equal(false);
    await settled(register, (s) => s.connectionStatus === 'Online' && s.pendingUploads === 0, 'Online with the queue drained').catch(async (e) => { console.log(JSON.stringify(await status(register), null, 1)); throw e; });
    const stored = register.scaleUnit.transactions().map((t) => t.transactionId);
    expect(stored).to.include.members([offlineSale.transactionId, later.transactionId]);
  });

  it('never reconnects a ManualOffline register at the beginning of a transaction', async () => {
    register = await startRegisterUnderTest({ profile: { reconnectIntervalMs: 200 } });
    await press917(register, true);
    await new Promise((r) => setTimeout(r, 300));
    const sale = await sellOne(register, demoBarcode(12));
    expect(sale.savedOffline).to.equal(true);
    expect((await status(register)).connectionStatus).to.equal('ManualOffline');
  });

  it('reports every field of the status model in each state', async () => {
    register = await startRegisterUnderTest();
    await settled(register, (s) => s.offlineDataAsOf !== null && s.lastSync.download?.ok === true, 'a first download');
    const online = await status(register);
    expect(online).to.include({ connectionStatus: 'Online', button917Label: 'Disconnect', scaleUnitUrl: register.scaleUnit.url, pendingUploads: 0, pendingDownloads: 0 });
    expect(online.syncStatusText).to.match(/^(Last updated|Idle|Syncing|Checking)/);
    expect(online.offlineDatabase).to.include({ kind: 'sqlite' });
    expect(online.offlineDatabase!.sizeBytes).to.be.above(0);

    await press917(register, true);
    await sellOne(register, demoBarcode(15));
    await settled(register, (s) => s.connectionStatus === 'ManualOffline' && s.pendingUploads === 1, 'ManualOffline with one pending');
    const offline = await status(register);
    expect(offline.button917Label).to.equal('Connect');
    expect(offline.oldestPendingUploadAt).to.be.a('string');
    expect(Date.parse(offline.since)).to.be.at.least(Date.parse(online.since));
  });

  it('with the health check on, a blackhole older than the interval sends the next lookup offline without waiting for the timeout', async () => {
    register = await startRegisterUnderTest({ profile: { systemHealthCheckIntervalMs: 200, switchToOfflineTimeoutMs: 3_000 } });
    await settled(register, (s) => s.offlineDataAsOf !== null, 'offline data');
    await register.scaleUnit.setFault('blackhole');
    // One interval for the probe to start, one timeout for it to give up: the cashier is not waiting.
    await settled(register, (s) => s.connectionStatus === 'SeamlessOffline', 'the probe to notice');
    const started = performance.now();
    expect((await register.api('POST', '/api/cart/lines', { barcode: demoBarcode(4), quantity: 1 })).status).to.equal(200);
    expect(performance.now() - started).to.be.below(1_000);
  });

  it('with the health check on, a scale unit seen back lets the next transaction reconnect before the reconnection interval', async () => {
    register = await startRegisterUnderTest({ profile: { systemHealthCheckIntervalMs: 150, reconnectIntervalMs: 60_000 } });
    await settled(register, (s) => s.offlineDataAsOf !== null, 'offline data');
    await register.scaleUnit.setFault('refuse');
    expect((await sellOne(register, demoBarcode(40))).savedOffline).to.equal(true);
    await register.scaleUnit.setFault('none');
    await new Promise((r) => setTimeout(r, 600));
    expect((await status(register)).connectionStatus, 'the probe alone never switches back online').to.equal('SeamlessOffline');
    expect((await sellOne(register, demoBarcode(41))).savedOffline).to.equal(false);
    await settled(register, (s) => s.connectionStatus === 'Online' && s.pendingUploads === 0, 'Online with the queue drained');
  });

  it('refuses operations that need the scale unit while offline, naming the operation', async () => {
    register = await startRegisterUnderTest();
    const online = await register.host.posHost.runTriggers('PreOperation', { operationId: RetailOperation.IssueGiftCertificate });
    expect(online.errorMessage).to.equal(undefined);
    await press917(register, true);
    const offline = await register.host.posHost.runTriggers('PreOperation', { operationId: RetailOperation.IssueGiftCertificate });
    expect(offline.errorMessage).to.match(/Issue gift card \(operation 512\) is not available offline/);
    const selling = await register.host.posHost.runTriggers('PreOperation', { operationId: RetailOperation.ItemSale });
    expect(selling.errorMessage).to.equal(undefined);
  });
});
