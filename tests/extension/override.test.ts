import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  GetProductByBarcodeClientRequest,
  GetProductByBarcodeClientResponse,
  type DataPackageInfo,
  type DataPackageLine,
  type IExtensionContext,
  type Product,
  type RegisterConfiguration,
} from '#pos-api';
import { createExtensionContainer } from '../../src/container.js';
import { silentLogger } from '../support/fixtures.js';
import { TOKENS } from '../../src/tokens.js';
import { SqliteOfflineStore } from '../../src/offline/store/index.js';
import type { OfflineStore } from '../../src/offline/store/OfflineStore.js';
import type { IClientRequestHandler } from '../../src/handlers/IClientRequestHandler.js';
import { offlinePriceRuleModule, OfflinePromotionBarcodeHandler } from '../../src/examples/OfflinePriceRuleModule.js';

const bread: Product = { productId: 'P1', barcode: '1111', name: 'Sourdough', category: 'Bakery', price: 5 };
const mug: Product = { productId: 'P2', barcode: '2222', name: 'Mug', category: 'Kitchen', price: 8 };

/** A context whose scale unit is a closed port: every online call is refused, so answers come from the offline database. */
function offlineContext(dbPath: string): IExtensionContext {
  const quiet = () => undefined;
  return {
    runtime: { executeAsync: async () => ({ canceled: false, data: null }) },
    logger: silentLogger,
    navigator: { navigate: quiet, navigateBack: quiet },
    resources: { getString: (k) => k },
    deviceConfiguration: { registerId: 'S001-T01', scaleUnitUrl: 'http://127.0.0.1:9', deviceToken: 't', offlineDatabase: { kind: 'sqlite', path: dbPath } },
  };
}

async function* lines(info: DataPackageInfo, products: Product[]): AsyncIterable<DataPackageLine> {
  yield { header: { id: info.id, kind: info.kind, sequence: info.sequence, registerId: 'S001-T01', rows: products.length, createdAt: info.createdAt } };
  for (const row of products) yield { table: 'products', op: 'upsert', row };
}

describe('overriding a handler by rebinding its token (README "Override a handler")', () => {
  let dir: string;
  let store: OfflineStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'override-'));
    store = await SqliteOfflineStore.open(path.join(dir, 'offline.db'));
    const info: DataPackageInfo = { id: 'full-1', kind: 'full', sequence: 1, createdAt: new Date().toISOString(), rows: 2, bytes: 0, sha256: '' };
    await store.applyDataPackage(info, lines(info, [bread, mug]));
    const config: RegisterConfiguration = {
      registerId: 'S001-T01',
      storeNumber: 'S001',
      terminalId: 'T01',
      supportOffline: true,
      offlineProfile: { switchToOfflineTimeoutMs: 500, reconnectIntervalMs: 1000, uploadIntervalMs: 1000, downloadIntervalMs: 1000, uploadBatchSize: 10, retryCountToOffline: 0, systemHealthCheckIntervalMs: 0 },
    };
    await store.setSetting('registerConfiguration', config);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lookUp = async (customizations: Parameters<typeof createExtensionContainer>[2]) => {
    const container = createExtensionContainer(offlineContext(path.join(dir, 'offline.db')), store, customizations);
    const handler = container.get<IClientRequestHandler<GetProductByBarcodeClientRequest, GetProductByBarcodeClientResponse>>(TOKENS.GetProductByBarcodeHandler);
    const answer = async (barcode: string) => (await handler.executeAsync(new GetProductByBarcodeClientRequest(barcode))).data!;
    return { handler, bread: await answer('1111'), mug: await answer('2222') };
  };

  it('answers offline with the offline database price when nothing is customized', async () => {
    const { bread: answer } = await lookUp({ customizations: [] });
    expect(answer.source).to.equal('offline');
    expect(answer.product?.price).to.equal(5);
  });

  it("runs the partner's handler, with the extension's own policy, client and store injected, once its module rebinds the token", async () => {
    const { handler, bread: promoted, mug: unchanged } = await lookUp({ customizations: [offlinePriceRuleModule] });
    expect(handler).to.be.instanceOf(OfflinePromotionBarcodeHandler);
    expect(promoted).to.deep.include({ source: 'offline' });
    expect(promoted.product?.price).to.equal(4.5);
    expect(unchanged.product?.price).to.equal(8);
  });
});
