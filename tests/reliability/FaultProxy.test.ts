import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import got from 'got';
import { FaultProxy } from '../support/FaultProxy.js';

/** A tiny server that counts the requests it handled (the "commit"), answering `{ n }`. */
async function startCountingServer(): Promise<{ server: http.Server; port: number; handled: () => number }> {
  let handled = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      handled += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ n: handled }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, handled: () => handled };
}

/** One request on a fresh connection; answers the JSON body or the error code. */
async function call(url: string, timeoutMs = 400): Promise<{ n?: number; code?: string; ms: number }> {
  const started = Date.now();
  try {
    const body = await got.post(url, { json: { hello: 'x' }, retry: { limit: 0 }, timeout: { request: timeoutMs }, agent: { http: new http.Agent({ keepAlive: false }) } }).json<{ n: number }>();
    return { n: body.n, ms: Date.now() - started };
  } catch (error) {
    return { code: (error as { code?: string }).code, ms: Date.now() - started };
  }
}

describe('FaultProxy', function () {
  this.timeout(10_000);
  let target: Awaited<ReturnType<typeof startCountingServer>>;
  let proxy: FaultProxy;

  beforeEach(async () => {
    target = await startCountingServer();
    proxy = await FaultProxy.start({ targetPort: target.port });
  });

  afterEach(async () => {
    await proxy.close();
    target.server.closeAllConnections();
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('passes requests and replies through untouched', async () => {
    expect(await call(proxy.url)).to.include({ n: 1 });
    expect(await call(proxy.url)).to.include({ n: 2 });
    expect(proxy.stats.forwardedToServer).to.be.greaterThan(0);
  });

  it('holds every chunk back in latency mode, then delivers it', async () => {
    await proxy.setMode({ mode: 'latency', ms: 150 });
    const answer = await call(proxy.url, 2000);
    expect(answer.n).to.equal(1);
    // One delay on the way in, one on the way out.
    expect(answer.ms).to.be.at.least(290);
  });

  it('delivers a request already in flight even if the client goes away meanwhile', async () => {
    await proxy.setMode({ mode: 'latency', ms: 200 });
    const answer = await call(proxy.url, 50);
    expect(answer.code).to.equal('ETIMEDOUT');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(target.handled()).to.equal(1);
  });

  it('accepts and never answers in blackhole mode, and the server never sees the request', async () => {
    await proxy.setMode({ mode: 'blackhole' });
    const answer = await call(proxy.url, 300);
    expect(answer.code).to.equal('ETIMEDOUT');
    expect(answer.ms).to.be.at.least(290);
    expect(target.handled()).to.equal(0);
  });

  it('resets connections with an RST in reset mode, new and open ones alike', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const client = got.extend({ prefixUrl: proxy.url, retry: { limit: 0 }, agent: { http: agent }, timeout: { request: 1000 } });
    expect(await client.post('a', { json: {} }).json()).to.deep.equal({ n: 1 });
    await proxy.setMode({ mode: 'reset' });
    const open = await client.post('a', { json: {} }).then(() => 'answered', (e: { code?: string }) => e.code);
    expect(open).to.equal('ECONNRESET');
    expect((await call(proxy.url)).code).to.equal('ECONNRESET');
    expect(proxy.stats.resets).to.be.greaterThan(0);
    agent.destroy();
  });

  it('refuses connections in refuse mode and listens again on the same port afterwards', async () => {
    const port = proxy.port;
    await proxy.setMode({ mode: 'refuse' });
    const answer = await call(proxy.url);
    expect(answer.code).to.equal('ECONNREFUSED');
    expect(answer.ms).to.be.below(200);
    await proxy.setMode({ mode: 'pass' });
    expect(proxy.port).to.equal(port);
    expect(await call(proxy.url)).to.include({ n: 1 });
  });

  it('lets the request reach the server but drops the reply, destroying the client socket', async () => {
    await proxy.setMode({ mode: 'drop-after-request' });
    const dropped = new Promise((resolve) => proxy.once('replyDropped', resolve));
    const answer = await call(proxy.url, 1000);
    await dropped;
    expect(answer.code).to.be.oneOf(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
    expect(target.handled()).to.equal(1);
  });

  it('can keep the client socket hanging after dropping the reply', async () => {
    await proxy.setMode({ mode: 'drop-after-request', keepClient: true });
    const answer = await call(proxy.url, 300);
    expect(answer.code).to.equal('ETIMEDOUT');
    expect(target.handled()).to.equal(1);
  });

  it('does not hand a connection that lost bytes back to the client after the fault ends', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const client = got.extend({ prefixUrl: proxy.url, retry: { limit: 0 }, agent: { http: agent }, timeout: { request: 300 } });
    await client.post('a', { json: {} });
    await proxy.setMode({ mode: 'drop-after-request', keepClient: true });
    await client.post('a', { json: {} }).catch(() => undefined);
    await proxy.setMode({ mode: 'pass' });
    expect(await client.post('a', { json: {} }).json()).to.deep.equal({ n: 3 });
    agent.destroy();
  });

  it('reports client and server chunks as events so tests can act at an exact moment', async () => {
    const seen: string[] = [];
    proxy.on('clientData', (_id: number, chunk: Buffer) => seen.push(`c:${chunk.toString('latin1').split(' ')[0]}`));
    proxy.on('serverData', () => seen.push('s'));
    await call(proxy.url);
    expect(seen[0]).to.equal('c:POST');
    expect(seen).to.include('s');
  });

  it('applies a selective fault only to the requests it matches', async () => {
    await proxy.setMode({ mode: 'drop-after-request', match: (line) => line.startsWith('POST /transactions') });
    const agentless = (route: string) => got.post(`${proxy.url}/${route}`, { json: {}, retry: { limit: 0 }, timeout: { request: 500 } }).json<{ n: number }>();
    expect(await agentless('health')).to.deep.equal({ n: 1 });
    const dropped = await agentless('transactions').then(() => 'answered', () => 'dropped');
    expect(dropped).to.equal('dropped');
    expect(target.handled()).to.equal(2);
    await proxy.setMode({ mode: 'blackhole', match: (line) => line.startsWith('POST /transactions') });
    expect(await agentless('health')).to.deep.equal({ n: 3 });
    expect(await agentless('transactions').then(() => 'answered', () => 'hung')).to.equal('hung');
    expect(target.handled()).to.equal(3);
  });
});
