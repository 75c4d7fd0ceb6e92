import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import got from 'got';
import type { DataPackageInfo } from '#pos-api';
import { createChannelDatabase, startScaleUnit, type ScaleUnit } from '../../scale-unit/index.js';
import { adminToken, deviceClient, deviceToken, sale, tempDataDir } from './support.js';

describe('scale unit restart and CLI', () => {
  const open: ScaleUnit[] = [];
  const start = async (dataDir: string, products = 200) => {
    const scaleUnit = await startScaleUnit({ dataDir, products, deviceToken, adminToken, distributionIntervalMs: 0 });
    open.push(scaleUnit);
    return scaleUnit;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('keeps transactions, packages and catalogue changes across a restart on the same data dir', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    expect(first.seeded).to.equal(true);
    await deviceClient(first).post('transactions', { json: { transactions: [sale(1), sale(2)] } });
    first.changeProducts([{ productId: 'P0000005', price: 3.5 }]);
    const [full] = await first.runDistribution();
    await first.close();

    const second = await start(dataDir, 999);
    expect(second.seeded).to.equal(false);
    const client = deviceClient(second);
    expect(second.transactions().map((t) => t.transactionId)).to.deep.equal(['S001-T01-1', 'S001-T01-2']);
    expect((await client.get('number-sequences/S001-T01')).body).to.deep.equal({ transaction: 2 });
    expect((await client.get<{ price: number }>('products/P0000005')).body.price).to.equal(3.5);
    expect((await client.get<unknown[]>('products?skip=199&top=10')).body).to.have.length(1);
    const listed = (await client.get<DataPackageInfo[]>('data-packages?registerId=S001-T01')).body;
    expect(listed.map((p) => p.id)).to.deep.equal([full!.id]);
    expect((await client.get(`data-packages/${full!.id}`, { responseType: 'text' })).body).to.have.length(full!.bytes);
    expect(await second.runDistribution()).to.deep.equal([]);
  });

  it('closes cleanly while refusing, so the next start can take the port', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    await first.setFault('refuse');
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'channel.sqlite'))).to.equal(true);
  });

  it('prepares a bigger catalogue ahead of a start and tops it up later', () => {
    const dataDir = tempDataDir();
    expect(createChannelDatabase({ dataDir, products: 300 }).products).to.equal(300);
    expect(createChannelDatabase({ dataDir, products: 1000 }).products).to.equal(1000);
  });

  it('prints both readiness lines from the CLI and stops on SIGTERM', async function () {
    this.timeout(15000);
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'scale-unit/main.ts', '--port', '0', '--admin-port', '0', '--products', '50', '--data-dir', tempDataDir()], {
      env: { ...process.env, SCALE_UNIT_DEVICE_TOKEN: 'cli-device-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 12000;
    while (!output.includes('scale-unit-admin listening') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const device = /^scale-unit listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
    expect(device, output).to.not.equal(null);
    expect(output).to.match(/^scale-unit-admin listening on http:\/\/127\.0\.0\.1:\d+$/m);
    const register = await got(`${device![1]}/registers/S001-T01`, { headers: { authorization: 'Bearer cli-device-token' }, retry: { limit: 0 } }).json<{ registerId: string }>();
    expect(register.registerId).to.equal('S001-T01');
    expect(output).not.to.include('cli-device-token');
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
