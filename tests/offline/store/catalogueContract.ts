import { expect } from 'chai';
import fc from 'fast-check';
import type { DataPackageLine } from '#pos-api';
import { OfflineStoreError } from '../../../src/offline/store/index.js';
import type { ContractContext } from './offlineStoreContract.js';
import { alice, bob, coffee, fullCatalogue, info, mug, packageOf, product, tea, upsertPrice, upsertProduct } from './fixtures.js';

async function rejection(promise: Promise<unknown>): Promise<OfflineStoreError> {
  try {
    await promise;
  } catch (error) {
    if (OfflineStoreError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function catalogueContract(ctx: ContractContext): void {
  const loadCatalogue = (rows: DataPackageLine[] = fullCatalogue(), id = 'full-1', sequence = 1) =>
    ctx.store.applyDataPackage(info(id, sequence, 'full', rows.length), packageOf(info(id, sequence, 'full', rows.length), rows));

  describe('catalogue', () => {
    it('finds a product by barcode after a full package, and null for an unknown barcode', async () => {
      expect(await loadCatalogue()).to.deep.equal({ rowsApplied: 5 });
      expect(await ctx.store.getProductByBarcode(tea.barcode)).to.deep.equal(tea);
      expect(await ctx.store.getProductByBarcode('999')).to.equal(null);
    });

    it('returns products by id in the order asked, skipping unknown ids', async () => {
      await loadCatalogue();
      const found = await ctx.store.getProductsByIds([mug.productId, 'nope', coffee.productId]);
      expect(found).to.deep.equal([mug, coffee]);
    });

    it('searches name, barcode and category by whole words and pages with skip and top', async () => {
      await loadCatalogue();
      expect(await ctx.store.searchProducts('coffee', 0, 10)).to.deep.equal([coffee, mug]);
      expect(await ctx.store.searchProducts('COFFEE mug', 0, 10)).to.deep.equal([mug]);
      expect(await ctx.store.searchProducts(tea.barcode, 0, 10)).to.deep.equal([tea]);
      expect(await ctx.store.searchProducts('grocery', 1, 1)).to.deep.equal([tea]);
      expect(await ctx.store.searchProducts('  ', 0, 2)).to.deep.equal([coffee, tea]);
    });

    it('treats search text as plain text, whatever syntax it contains', async () => {
      await loadCatalogue();
      const nasty = ['"', '""', "'", "coffee' OR 1=1 --", '%', '_', '--', ';', 'DROP TABLE products;', 'NEAR(coffee mug)', 'coffee*', '*', 'AND', 'OR NOT',
        'name:coffee', '^coffee', '(', ')', '\\', '[a-z]', 'coffee"mug', '\u0000', '😀', 'ÄÖÜ'];
      for (const text of nasty) expect(await ctx.store.searchProducts(text, 0, 5), text).to.be.an('array');
      expect(await ctx.store.searchProducts('"coffee"', 0, 10)).to.deep.equal([coffee, mug]);
      expect(await ctx.store.searchProducts('%', 0, 10)).to.deep.equal([]);
      await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (text) => {
        expect(await ctx.store.searchProducts(text, 0, 3)).to.be.an('array');
        expect(await ctx.store.searchCustomers(text, 3)).to.be.an('array');
      }), { numRuns: 150 });
    });

    it('refuses a page size or offset that is not a sensible whole number', async () => {
      for (const [skip, top] of [[0, 0], [-1, 5], [0, 1.5], [0, Number.NaN]] as const) {
        expect((await rejection(ctx.store.searchProducts('x', skip, top))).code).to.equal('InvalidArgument');
      }
    });

    it('prices a product with the latest period in effect, else its list price', async () => {
      const rows = [upsertProduct(coffee), upsertProduct(tea),
        upsertPrice({ productId: coffee.productId, price: 8, validFrom: '2024-01-01T00:00:00Z', validTo: null }),
        upsertPrice({ productId: coffee.productId, price: 7, validFrom: '2024-03-01T00:00:00.000Z', validTo: '2024-04-01T00:00:00.000Z' })];
      await loadCatalogue(rows);
      const at = (when: string) => ctx.store.getPrices([coffee.productId, tea.productId, 'nope'], when);
      expect((await at('2024-03-15T00:00:00.000Z')).map((p) => p.price)).to.deep.equal([7, 4]);
      expect((await at('2024-04-02T00:00:00.000Z'))[0]).to.deep.equal({ productId: coffee.productId, price: 8, validFrom: '2024-01-01T00:00:00.000Z', validTo: null });
      expect((await at('2023-12-31T00:00:00.000Z'))[0]?.price).to.equal(coffee.price);
    });

    it('finds customers by any word of their name, id, email or phone', async () => {
      await loadCatalogue();
      expect(await ctx.store.searchCustomers('alice', 10)).to.deep.equal([alice]);
      expect(await ctx.store.searchCustomers('STONE', 10)).to.deep.equal([bob]);
      expect(await ctx.store.searchCustomers('0101', 10)).to.deep.equal([alice]);
      expect(await ctx.store.searchCustomers('%', 10)).to.deep.equal([]);
      expect(await ctx.store.getCustomer(bob.customerId)).to.deep.equal(bob);
      expect(await ctx.store.getCustomer('nope')).to.equal(null);
    });

    it('applies a delta package: upserts and deletes, and search follows renamed products', async () => {
      await loadCatalogue();
      const renamed = { ...tea, name: 'Jasmine infusion', price: 5 };
      const delta = [upsertProduct(renamed), { table: 'products', op: 'delete', key: mug.productId }, { table: 'customers', op: 'delete', key: bob.customerId },
        upsertProduct(product(9, { name: 'Espresso coffee' }))] as DataPackageLine[];
      await ctx.store.applyDataPackage(info('delta-2', 2, 'delta', 4), packageOf(info('delta-2', 2, 'delta', 4), delta));
      expect(await ctx.store.getProductByBarcode(tea.barcode)).to.deep.equal(renamed);
      expect(await ctx.store.searchProducts('tea', 0, 10)).to.deep.equal([]);
      expect(await ctx.store.searchProducts('jasmine', 0, 10)).to.deep.equal([renamed]);
      expect((await ctx.store.searchProducts('coffee', 0, 10)).map((p) => p.productId)).to.deep.equal([coffee.productId, 'P0009']);
      expect(await ctx.store.getProductByBarcode(mug.barcode)).to.equal(null);
      expect(await ctx.store.getCustomer(bob.customerId)).to.equal(null);
      expect((await ctx.store.getLastAppliedPackage())?.packageId).to.equal('delta-2');
    });

    it('replaces the whole catalogue with a full package', async () => {
      await loadCatalogue();
      await loadCatalogue([upsertProduct(product(7, { name: 'Oat milk' }))], 'full-2', 2);
      expect(await ctx.store.getProductByBarcode(coffee.barcode)).to.equal(null);
      expect(await ctx.store.searchProducts('coffee', 0, 10)).to.deep.equal([]);
      expect((await ctx.store.searchProducts('oat', 0, 10)).map((p) => p.name)).to.deep.equal(['Oat milk']);
      expect(await ctx.store.getCustomer(alice.customerId)).to.equal(null);
    });

    it('reports progress about every thousand rows', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => upsertProduct(product(i + 10)));
      const seen: number[] = [];
      await ctx.store.applyDataPackage(info('big', 1, 'full', rows.length), packageOf(info('big', 1, 'full', rows.length), rows), (p) => seen.push(p.rows));
      expect(seen).to.deep.equal([1000, 2000, 2500]);
      expect((await ctx.store.searchProducts('item', 0, 3)).length).to.equal(3);
    });

    describe('a bad package', () => {
      const cases: [string, unknown[], RegExp, Record<string, unknown>?][] = [
        ['a header for another package', [], /line 1: header\.id/, { id: 'other' }],
        ['a row count that differs from its header', [upsertProduct(mug)], /header\.rows says 5 rows but the body has 2/, { rows: 5 }],
        ['a row without its key', [{ table: 'products', op: 'upsert', row: { ...mug, productId: undefined } }], /line 3: row\.productId/],
        ['a price that is not a number', [{ table: 'products', op: 'upsert', row: { ...mug, price: '7' } }], /line 3: row\.price/],
        ['an unknown table', [{ table: 'stores', op: 'upsert', row: {} }], /line 3: table "stores"/],
        ['an unknown op', [{ table: 'products', op: 'merge', row: mug }], /line 3: op must be "upsert" or "delete" \(got "merge"\)/],
        ['a delete of prices', [{ table: 'prices', op: 'delete', key: 'x' }], /line 3: table "prices"/],
        ['a bad date', [upsertPrice({ productId: 'P1', price: 1, validFrom: 'soon', validTo: null })], /line 3: row\.validFrom/],
        ['a second header', [{ header: {} }], /line 3: header may only appear on line 1/],
        // A full package builds the barcode index once at the end, so the error names the barcode and its products, not a line.
        ['two products with one barcode', [upsertProduct(mug), upsertProduct({ ...tea, barcode: mug.barcode })], /line 4|barcode .* belongs to more than one product \(.*, .*\)/],
      ];
      for (const [what, rows, message, header] of cases) {
        it(`is rejected whole, leaving the database unchanged, when it has ${what}`, async () => {
          await loadCatalogue();
          const good = [upsertProduct(product(8, { name: 'Should not stay' }))];
          const pkg = info('bad', 2, 'full', good.length + rows.length);
          const error = await rejection(ctx.store.applyDataPackage(pkg, packageOf(pkg, [...good, ...rows], header)));
          expect(error.code).to.equal('InvalidPackage');
          expect(error.message).to.match(message);
          expect(await ctx.store.getProductByBarcode(coffee.barcode)).to.deep.equal(coffee);
          expect(await ctx.store.getProductByBarcode(product(8).barcode)).to.equal(null);
          expect(await ctx.store.searchProducts('coffee', 0, 10)).to.deep.equal([coffee, mug]);
          expect((await ctx.store.getLastAppliedPackage())?.packageId).to.equal('full-1');
        });
      }

      it('is rejected when its stream fails midway, leaving the database unchanged', async () => {
        await loadCatalogue();
        const pkg = info('cut', 2, 'full', 3);
        const broken = (async function* cut() {
          yield* packageOf(pkg, [upsertProduct(product(8))]);
          throw new Error('connection reset');
        })();
        await ctx.store.applyDataPackage(pkg, broken).then(() => expect.fail('should fail'), (e: Error) => expect(e.message).to.equal('connection reset'));
        expect(await ctx.store.getProductByBarcode(product(8).barcode)).to.equal(null);
        expect(await ctx.store.getProductByBarcode(coffee.barcode)).to.deep.equal(coffee);
      });
    });
  });
}
