import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { DataPackageInfo, DataPackageLine, Product } from '#pos-api';
import type { RegisterOverview, ScaleUnit } from '../../scale-unit/index.js';
import { adminClient, deviceClient, startTestScaleUnit } from './support.js';

interface Download { readonly bytes: Buffer; readonly lines: DataPackageLine[]; readonly contentLength: string | undefined }

async function download(scaleUnit: ScaleUnit, id: string): Promise<Download> {
  const response = await deviceClient(scaleUnit).get(`data-packages/${id}`, { responseType: 'buffer' });
  expect(response.statusCode).to.equal(200);
  const lines = response.body.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as DataPackageLine);
  return { bytes: response.body, lines, contentLength: response.headers['content-length'] };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('scale unit distribution schedule', () => {
  let scaleUnit: ScaleUnit;
  beforeEach(async () => {
    scaleUnit = await startTestScaleUnit({ products: 200 });
  });
  afterEach(() => scaleUnit.close());

  const run = async () => (await adminClient(scaleUnit).post<{ packages: (DataPackageInfo & { registerId: string })[] }>('admin/distribution/run')).body.packages;

  it('gives every offline register a full package of the whole catalogue on the first run', async () => {
    const packages = await run();
    expect(packages.map((p) => [p.registerId, p.kind, p.sequence])).to.deep.equal([['S001-T01', 'full', 1], ['S001-T02', 'full', 1]]);
    const body = await download(scaleUnit, packages[0]!.id);
    expect(sha256(body.bytes)).to.equal(packages[0]!.sha256);
    expect(body.contentLength).to.equal(String(packages[0]!.bytes));
    expect(body.lines[0]).to.deep.include({ header: { id: packages[0]!.id, kind: 'full', sequence: 1, registerId: 'S001-T01', rows: 450, createdAt: packages[0]!.createdAt } });
    const rows = body.lines.slice(1);
    expect(rows).to.have.length(450);
    expect(rows.filter((l) => 'table' in l && l.table === 'products')).to.have.length(200);
    expect(rows.filter((l) => 'table' in l && l.table === 'customers')).to.have.length(50);
  });

  it('makes a delta with the new price, whose sha256 matches its body, after a price change', async () => {
    await run();
    const changed = await adminClient(scaleUnit).post('admin/products', { json: { products: [{ productId: 'P0000003', price: 1.23 }] } });
    expect(changed.statusCode).to.equal(200);
    const packages = await run();
    expect(packages.map((p) => [p.registerId, p.kind, p.sequence])).to.deep.equal([['S001-T01', 'delta', 2], ['S001-T02', 'delta', 2]]);
    const delta = packages[0]!;
    const body = await download(scaleUnit, delta.id);
    expect(sha256(body.bytes)).to.equal(delta.sha256);
    expect(body.bytes.length).to.equal(delta.bytes);
    const rows = body.lines.slice(1);
    expect(rows).to.have.length(delta.rows);
    const product = (await deviceClient(scaleUnit).get<Product>('products/P0000003')).body;
    expect(product.price).to.equal(1.23);
    expect(rows).to.deep.include({ table: 'products', op: 'upsert', row: product });
    const prices = rows.flatMap((l) => ('table' in l && l.table === 'prices' && l.op === 'upsert' ? [l.row] : []));
    expect(prices.find((p) => p.validTo === null)?.price).to.equal(1.23);
    expect(prices.filter((p) => p.validTo !== null)).to.have.length(1);
  });

  it('makes no package when nothing changed and lists only packages after the given sequence', async () => {
    await run();
    expect(await run()).to.deep.equal([]);
    await adminClient(scaleUnit).post('admin/products', { json: { deleteProductIds: ['P0000010'] } });
    await adminClient(scaleUnit).post('admin/customers', { json: { customers: [{ customerId: 'C9001', name: 'Nora New' }] } });
    const [delta] = await run();
    const rows = (await download(scaleUnit, delta!.id)).lines.slice(1);
    expect(rows).to.deep.equal([
      { table: 'products', op: 'delete', key: 'P0000010' },
      { table: 'customers', op: 'upsert', row: { customerId: 'C9001', name: 'Nora New', email: null, phone: null } },
    ]);
    const client = deviceClient(scaleUnit);
    const listed = (await client.get<DataPackageInfo[]>('data-packages?registerId=S001-T01&after=1')).body;
    expect(listed.map((p) => p.sequence)).to.deep.equal([2]);
    expect((await client.get<DataPackageInfo[]>('data-packages?registerId=S001-T01')).body).to.have.length(2);
    expect((await client.get<DataPackageInfo[]>('data-packages?registerId=S001-T03')).body).to.deep.equal([]);
  });

  it('records what a register reports about a package and shows it to the admin', async () => {
    const [full] = await run();
    const client = deviceClient(scaleUnit);
    expect((await client.post(`data-packages/${full!.id}/status`, { json: { registerId: 'S001-T01', status: 'Downloaded' } })).statusCode).to.equal(200);
    expect((await client.post(`data-packages/${full!.id}/status`, { json: { registerId: 'S001-T01', status: 'Applied' } })).statusCode).to.equal(200);
    expect((await client.post(`data-packages/${full!.id}/status`, { json: { registerId: 'S001-T02', status: 'Applied' } })).statusCode).to.equal(404);
    expect((await client.post(`data-packages/${full!.id}/status`, { json: { registerId: 'S001-T01', status: 'Done' } })).body).to.have.nested.property('error.field', 'body.status');
    const registers = (await adminClient(scaleUnit).get<RegisterOverview[]>('admin/registers')).body;
    const t01 = registers.find((r) => r.registerId === 'S001-T01')!;
    expect(t01.lastAppliedSequence).to.equal(1);
    expect(t01.packageStatuses).to.have.length(1);
    expect(t01.packageStatuses[0]).to.deep.include({ packageId: full!.id, status: 'Applied', error: null });
    expect(registers.find((r) => r.registerId === 'S001-T02')!.lastAppliedSequence).to.equal(0);
  });

  it('runs the schedule on its own timer when an interval is set', async () => {
    await scaleUnit.close();
    scaleUnit = await startTestScaleUnit({ distributionIntervalMs: 50 });
    const deadline = Date.now() + 3000;
    let listed: DataPackageInfo[] = [];
    while (listed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      listed = (await deviceClient(scaleUnit).get<DataPackageInfo[]>('data-packages?registerId=S001-T02')).body;
    }
    expect(listed.map((p) => p.kind)).to.deep.equal(['full']);
  });
});
