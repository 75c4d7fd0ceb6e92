import { expect } from 'chai';
import type { RequestError } from 'got';
import type { ScaleUnit } from '../../scale-unit/index.js';
import { adminClient, deviceClient, sale, startTestScaleUnit } from './support.js';

/** The got error code of a failed request, or the status code when it got an answer. */
async function outcome(request: Promise<{ statusCode: number }>): Promise<string | number> {
  try {
    return (await request).statusCode;
  } catch (error) {
    return (error as RequestError).code;
  }
}

describe('scale unit fault injection', () => {
  let scaleUnit: ScaleUnit;
  beforeEach(async () => {
    scaleUnit = await startTestScaleUnit();
  });
  afterEach(() => scaleUnit.close());

  const setFault = (json: object) => adminClient(scaleUnit).post('admin/faults', { json });

  it('refuses connections in refuse mode and listens on the same port again after none', async () => {
    expect((await setFault({ mode: 'refuse' })).statusCode).to.equal(200);
    expect(await outcome(deviceClient(scaleUnit).get('health'))).to.equal('ECONNREFUSED');
    expect((await adminClient(scaleUnit).get('admin/registers')).statusCode).to.equal(200);
    await setFault({ mode: 'none' });
    expect(await outcome(deviceClient(scaleUnit).get('health'))).to.equal(200);
  });

  it('lets a request time out in blackhole mode, and answers again after none', async () => {
    await setFault({ mode: 'blackhole' });
    const started = Date.now();
    expect(await outcome(deviceClient(scaleUnit).get('health', { timeout: { request: 300 } }))).to.equal('ETIMEDOUT');
    expect(Date.now() - started).to.be.at.least(250);
    await setFault({ mode: 'none' });
    expect(await outcome(deviceClient(scaleUnit).get('health'))).to.equal(200);
  });

  it('holds every response back by latencyMs in latency mode', async () => {
    await setFault({ mode: 'latency', latencyMs: 400 });
    expect(await outcome(deviceClient(scaleUnit).get('health', { timeout: { request: 150 } }))).to.equal('ETIMEDOUT');
    const started = Date.now();
    expect(await outcome(deviceClient(scaleUnit).get('registers/S001-T01'))).to.equal(200);
    expect(Date.now() - started).to.be.at.least(380);
  });

  it('answers 503 to every device route, health included, in error503 mode', async () => {
    await setFault({ mode: 'error503' });
    const health = await deviceClient(scaleUnit).get('health');
    expect(health.statusCode).to.equal(503);
    expect(health.body).to.have.nested.property('error.code', 'ServiceUnavailable');
    expect(await outcome(deviceClient(scaleUnit).post('transactions', { json: { transactions: [sale(1)] } }))).to.equal(503);
    expect(scaleUnit.transactions()).to.have.length(0);
  });

  it('stores the transaction but resets the socket instead of answering in drop-reply mode', async () => {
    await setFault({ mode: 'drop-reply' });
    expect(await outcome(deviceClient(scaleUnit).post('transactions', { json: { transactions: [sale(1)] } }))).to.equal('ECONNRESET');
    expect(scaleUnit.transactions().map((t) => t.transactionId)).to.deep.equal(['S001-T01-1']);
    await setFault({ mode: 'none' });
    const resend = await deviceClient(scaleUnit).post('transactions', { json: { transactions: [sale(1)] } });
    expect(resend.body).to.deep.equal({ accepted: [], duplicates: ['S001-T01-1'], rejected: [] });
  });

  it('validates the fault request and offers the same control in-process', async () => {
    expect((await setFault({ mode: 'flaky' })).body).to.have.nested.property('error.field', 'body.mode');
    await scaleUnit.setFault('error503');
    expect(scaleUnit.fault.mode).to.equal('error503');
    expect((await adminClient(scaleUnit).get('admin/faults')).body).to.deep.equal({ mode: 'error503', latencyMs: 0 });
  });

  it('closes cleanly while requests hang in blackhole mode', async () => {
    await scaleUnit.setFault('blackhole');
    const hanging = outcome(deviceClient(scaleUnit).get('health'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scaleUnit.close();
    expect(await hanging).to.be.oneOf(['ECONNRESET', 'ERR_GOT_REQUEST_ERROR']);
  });
});
