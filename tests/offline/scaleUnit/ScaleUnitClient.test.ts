import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleUnitClient } from '../../../src/offline/scaleUnit/ScaleUnitClient.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';

/** A tiny server answering what each test sets, to see how the client names every failure. */
describe('ScaleUnitClient failure classification', () => {
  let server: http.Server;
  let answer: (res: http.ServerResponse) => void;
  let client: ScaleUnitClient;

  before(async () => {
    server = http.createServer((_req, res) => answer(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new ScaleUnitClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deviceToken: 't' });
  });
  after(() => new Promise((r) => server.close(r)));

  const failureOf = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => e);

  it('names an HTML page answered with 200 a bad response, not a rejection', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>');
    const error = await failureOf(client.getHealth());
    expect(ScaleUnitError.is(error) && error.code).to.equal('BadResponse');
  });

  it('names JSON of the wrong shape a bad response', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":"all"}');
    const error = await failureOf(client.postTransactions([]));
    expect(ScaleUnitError.is(error) && error.code).to.equal('BadResponse');
  });

  it('names a 304 (no body) to a status report a bad response, not a success', async () => {
    answer = (res) => res.writeHead(304).end();
    const error = await failureOf(client.reportDataPackageStatus('P1', 'S001-T01', 'Applied', null));
    expect(ScaleUnitError.is(error) && [error.code, error.statusCode]).to.deep.equal(['BadResponse', 304]);
  });

  it('names 401 a rejection (shown to the user, never an outage)', async () => {
    answer = (res) => res.writeHead(401).end('{}');
    const error = await failureOf(client.getHealth());
    expect(ScaleUnitError.is(error) && [error.code, error.statusCode, error.isConnectivityFailure]).to.deep.equal(['Rejected', 401, false]);
  });

  it('names 503 an outage', async () => {
    answer = (res) => res.writeHead(503).end('{}');
    const error = await failureOf(client.getHealth());
    expect(ScaleUnitError.is(error) && error.isConnectivityFailure).to.equal(true);
  });

  it('answers null for an unknown barcode (404) instead of failing', async () => {
    answer = (res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound","message":"no"}}');
    expect(await client.getProductByBarcode('0000')).to.equal(null);
  });

  it('names a reset connection an outage', async () => {
    answer = (res) => res.socket?.destroy();
    const error = await failureOf(client.getHealth());
    expect(ScaleUnitError.is(error) && error.isConnectivityFailure).to.equal(true);
  });
});
