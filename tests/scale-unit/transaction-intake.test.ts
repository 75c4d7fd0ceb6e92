import { expect } from 'chai';
import type { TransactionIntakeResult } from '#pos-api';
import type { ScaleUnit, StoredTransaction } from '../../scale-unit/index.js';
import { adminClient, deviceClient, sale, startTestScaleUnit } from './support.js';

describe('scale unit transaction intake', () => {
  let scaleUnit: ScaleUnit;
  beforeEach(async () => {
    scaleUnit = await startTestScaleUnit();
  });
  afterEach(() => scaleUnit.close());

  const post = (transactions: unknown[]) => deviceClient(scaleUnit).post<TransactionIntakeResult>('transactions', { json: { transactions } });

  it('stores a batch with a duplicate and an invalid transaction once per id and says why it rejected', async () => {
    const first = await post([sale(1), sale(2)]);
    expect(first.body).to.deep.equal({ accepted: ['S001-T01-1', 'S001-T01-2'], duplicates: [], rejected: [] });

    const second = await post([sale(2), sale(3), sale(3), sale(4, { total: 99 }), sale(5)]);
    expect(second.statusCode).to.equal(200);
    expect(second.body.accepted).to.deep.equal(['S001-T01-3', 'S001-T01-5']);
    expect(second.body.duplicates).to.deep.equal(['S001-T01-2', 'S001-T01-3']);
    expect(second.body.rejected).to.have.length(1);
    expect(second.body.rejected[0]!.transactionId).to.equal('S001-T01-4');
    expect(second.body.rejected[0]!.reason).to.match(/total 99 does not equal the sum of line amounts 26.25/);

    const stored = (await adminClient(scaleUnit).get<StoredTransaction[]>('admin/transactions')).body;
    expect(stored.map((t) => t.transactionId).sort()).to.deep.equal(['S001-T01-1', 'S001-T01-2', 'S001-T01-3', 'S001-T01-5']);
    expect(stored.find((t) => t.transactionId === 'S001-T01-1')).to.deep.include({ total: 26.25, operatorId: '000160' });
  });

  it('rejects each kind of bad content with a reason and keeps the rest of the batch', async () => {
    const result = (await post([
      sale(1, { transactionId: 'not-an-id' }),
      sale(2, { registerId: 'S001-T02' }),
      sale(3, { transactionId: 'S009-T01-3', registerId: 'S009-T01' }),
      sale(4, { lines: [] }),
      sale(5, { lines: [{ productId: 'P1', quantity: 1, unitPrice: 1, amount: '1' }] }),
      sale(6, { total: 'lots' }),
      sale(8, { transactionId: undefined }),
      sale(7, { total: 26.254 }),
    ])).body;
    expect(result.accepted).to.deep.equal(['S001-T01-7']);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.transactionId, r.reason]));
    expect(reasons['not-an-id']).to.match(/transactionId must look like/);
    expect(reasons['S001-T01-2']).to.match(/does not match the store and terminal/);
    expect(reasons['S009-T01-3']).to.match(/unknown register S009-T01/);
    expect(reasons['S001-T01-4']).to.match(/lines must be a non-empty list/);
    expect(reasons['S001-T01-5']).to.match(/lines\[0\]\.amount must be a number/);
    expect(reasons['S001-T01-6']).to.match(/total must be a number/);
    expect(reasons['']).to.match(/transactionId must look like/);
  });

  it('answers 400 naming the field when the batch itself has the wrong shape', async () => {
    const notAnObject = await post([sale(1), 'not an object']);
    expect(notAnObject.statusCode).to.equal(400);
    expect(notAnObject.body).to.have.nested.property('error.field', 'body.transactions.1');
    const missing = await deviceClient(scaleUnit).post('transactions', { json: { sales: [] } });
    expect(missing.body).to.deep.include({ error: { code: 'InvalidRequest', message: 'body.transactions is required', field: 'body.transactions' } });
    expect(scaleUnit.transactions()).to.have.length(0);
  });

  it('answers the last used transaction number per register from stored transactions', async () => {
    const client = deviceClient(scaleUnit);
    expect((await client.get('number-sequences/S001-T01')).body).to.deep.equal({ transaction: 0 });
    await post([sale(7), sale(41), sale(9)]);
    expect((await client.get('number-sequences/S001-T01')).body).to.deep.equal({ transaction: 41 });
    expect((await client.get('number-sequences/S001-T02')).body).to.deep.equal({ transaction: 0 });
    expect((await client.get('number-sequences/S001-T99')).statusCode).to.equal(404);
  });
});
