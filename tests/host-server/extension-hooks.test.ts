/**
 * The host's side of the extension contract, with a small extension built in memory: the cart
 * engine runs triggers and requests through the pipeline, and the API shows what the extension
 * decided (prices from offline, saves offline, cancels, live button labels, status details).
 */
import { expect } from 'chai';
import {
  CancelableTriggerBase,
  ConnectionStatusType,
  dataResult,
  ExtensionError,
  ExtensionOperationRequestBase,
  ExtensionOperationRequestHandlerBase,
  GetProductByBarcodeClientRequest,
  GetProductByBarcodeClientResponse,
  NonCancelableTriggerBase,
  ReplacementRequestHandlerBase,
  Response,
  SetConnectionStatusClientRequest,
  SetConnectionStatusDetailsClientRequest,
  SetOperationButtonLabelClientRequest,
  ShowConfirmationDialogClientRequest,
  SubmitTransactionClientRequest,
  SubmitTransactionClientResponse,
  type ICancelableDataResult,
  type IPostEndTransactionTriggerOptions,
  type IPreEndTransactionTriggerOptions,
} from '#pos-api';
import { barcodeAt, inMemoryPackage, readEvents, signIn, startStack, type Stack } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the test extension does; each test sets it. */
const behaviour = { cancelEndWith: null as string | null, priceOffline: false, refuseScanWith: null as string | null, saveOffline: false };
const seen = { postEnd: [] as IPostEndTransactionTriggerOptions[], postLogOn: [] as unknown[], begin: 0 };

class CancelEndTrigger extends CancelableTriggerBase<IPreEndTransactionTriggerOptions> {
  async execute(): Promise<{ canceled: boolean }> {
    if (behaviour.cancelEndWith) throw new ExtensionError(behaviour.cancelEndWith);
    return { canceled: false };
  }
}
class RecordPostEnd extends NonCancelableTriggerBase<IPostEndTransactionTriggerOptions> {
  async execute(options: IPostEndTransactionTriggerOptions): Promise<void> {
    seen.postEnd.push(options);
  }
}
class RecordPostLogOn extends NonCancelableTriggerBase<unknown> {
  async execute(options: unknown): Promise<void> {
    seen.postLogOn.push(options);
  }
}
class CountBegin extends NonCancelableTriggerBase<unknown> {
  async execute(): Promise<void> {
    seen.begin += 1;
  }
}
class GetProductByBarcodeClientRequestHandlerExt extends ReplacementRequestHandlerBase<GetProductByBarcodeClientRequest, GetProductByBarcodeClientResponse> {
  supportedRequestType() {
    return GetProductByBarcodeClientRequest;
  }
  async executeAsync(request: GetProductByBarcodeClientRequest): Promise<ICancelableDataResult<GetProductByBarcodeClientResponse>> {
    if (behaviour.refuseScanWith) throw new ExtensionError(behaviour.refuseScanWith, 'NotAvailableOffline');
    const online = await this.defaultExecuteAsync(request);
    return dataResult(new GetProductByBarcodeClientResponse(online.data!.product, behaviour.priceOffline ? 'offline' : 'online'));
  }
}
class SubmitTransactionClientRequestHandlerExt extends ReplacementRequestHandlerBase<SubmitTransactionClientRequest, SubmitTransactionClientResponse> {
  supportedRequestType() {
    return SubmitTransactionClientRequest;
  }
  async executeAsync(request: SubmitTransactionClientRequest): Promise<ICancelableDataResult<SubmitTransactionClientResponse>> {
    if (!behaviour.saveOffline) return this.defaultExecuteAsync(request);
    const { transactionId, receiptId } = request.transaction;
    return dataResult(new SubmitTransactionClientResponse(transactionId, receiptId, true));
  }
}

class ToggleResponse extends Response {}
class ToggleRequest extends ExtensionOperationRequestBase<ToggleResponse> {}
/** A 917 in miniature: asks to confirm going offline, then flips the status, label and details. */
class ToggleHandler extends ExtensionOperationRequestHandlerBase<ToggleResponse> {
  supportedRequestType() {
    return ToggleRequest;
  }
  async executeAsync(): Promise<ICancelableDataResult<ToggleResponse>> {
    const runtime = this.context.runtime;
    const confirmed = await runtime.executeAsync(new ShowConfirmationDialogClientRequest('Disconnect', 'Work offline?'));
    if (!confirmed.data?.confirmed) return { canceled: true, data: null };
    await runtime.executeAsync(new SetConnectionStatusClientRequest(ConnectionStatusType.ManualOffline, 'operation 917'));
    await runtime.executeAsync(new SetOperationButtonLabelClientRequest(917, 'Connect'));
    await runtime.executeAsync(new SetConnectionStatusDetailsClientRequest({ pendingUploads: 3, syncStatusText: 'Idle', offlineDatabase: { kind: 'sqlite' }, extra: 'kept' }));
    return dataResult(new ToggleResponse());
  }
}

const toggleFactory = async (_context: unknown, operationId: number) => dataResult(new ToggleRequest(operationId));

describe('dev host with an extension in the pipeline', () => {
  let stack: Stack;

  beforeEach(async () => {
    Object.assign(behaviour, { cancelEndWith: null, priceOffline: false, refuseScanWith: null, saveOffline: false });
    Object.assign(seen, { postEnd: [], postLogOn: [], begin: 0 });
    stack = await startStack({
      packages: [
        inMemoryPackage({
          triggers: [
            { triggerType: 'PreEndTransaction', type: CancelEndTrigger },
            { triggerType: 'PostEndTransaction', type: RecordPostEnd },
            { triggerType: 'PostLogOn', type: RecordPostLogOn },
            { triggerType: 'BeginTransaction', type: CountBegin },
          ],
          replacementRequestHandlers: [GetProductByBarcodeClientRequestHandlerExt, SubmitTransactionClientRequestHandlerExt],
          operations: [{ operationId: 917, factory: toggleFactory as never, handler: ToggleHandler }],
        }),
      ],
    });
    await signIn(stack.api);
  });
  afterEach(async () => {
    await stack?.close();
  });

  it('runs PostLogOn with the operator and BeginTransaction once per transaction', async () => {
    expect(seen.postLogOn).to.deep.equal([{ operatorId: '000160' }]);
    const { barcode } = await barcodeAt(stack, 0);
    await stack.api.post('api/cart/lines', { json: { barcode } });
    await stack.api.post('api/cart/lines', { json: { barcode } });
    expect(seen.begin).to.equal(1);
  });

  it('marks a line priced offline when the extension answers from the offline database', async () => {
    behaviour.priceOffline = true;
    const { barcode } = await barcodeAt(stack, 0);
    const cart = (await stack.api.post<Json>('api/cart/lines', { json: { barcode } })).body;
    expect(cart.lines[0].pricedOffline).to.equal(true);
    expect(cart.pricedOfflineLines).to.equal(1);
  });

  it("gives the cashier an ExtensionError's message and code as a 4xx", async () => {
    behaviour.refuseScanWith = 'Gift cards are not available offline';
    const { barcode } = await barcodeAt(stack, 0);
    const response = await stack.api.post<Json>('api/cart/lines', { json: { barcode } });
    expect(response.statusCode).to.equal(422);
    expect(response.body).to.deep.equal({ error: { code: 'NotAvailableOffline', message: 'Gift cards are not available offline' } });
  });

  it('answers 409 with the message when PreEndTransaction cancels, and keeps the cart', async () => {
    behaviour.cancelEndWith = 'Scan the loyalty card first';
    const { barcode } = await barcodeAt(stack, 0);
    const cart = (await stack.api.post<Json>('api/cart/lines', { json: { barcode } })).body;
    const response = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'cash', amount: cart.total }] } });
    expect(response.statusCode).to.equal(409);
    expect(response.body.error).to.deep.equal({ code: 'Canceled', message: 'Scan the loyalty card first' });
    expect((await stack.api.get<Json>('api/cart')).body.transactionId).to.equal(cart.transactionId);
    expect(stack.scaleUnit.transactions()).to.have.length(0);
  });

  it('reports a sale the extension saved offline, and hands PostEndTransaction the receipt', async () => {
    behaviour.saveOffline = true;
    const { barcode } = await barcodeAt(stack, 0);
    const cart = (await stack.api.post<Json>('api/cart/lines', { json: { barcode } })).body;
    const done = await stack.api.post<Json>('api/cart/checkout', { json: { tenders: [{ method: 'card', amount: cart.total }] } });
    expect(done.body).to.include({ transactionId: cart.transactionId, savedOffline: true });
    expect(seen.postEnd).to.have.length(1);
    expect(seen.postEnd[0]!.savedOffline).to.equal(true);
    expect(seen.postEnd[0]!.receipts[0]).to.include({ transactionId: cart.transactionId, operatorId: '000160', createdOffline: false, serverTimeOffsetMs: 0 });
  });

  it('runs 917 only with the cashier\'s confirmation, then shows the live label and status details', async () => {
    const declined = await stack.api.post<Json>('api/operations/917', { json: {} });
    expect(declined.body).to.include({ operationId: 917, canceled: true });
    expect((await stack.api.get<Json>('api/status')).body.connectionStatus).to.equal('Online');

    const confirmed = await stack.api.post<Json>('api/operations/917', { json: { confirm: true } });
    expect(confirmed.body).to.include({ operationId: 917, canceled: false });
    const status = (await stack.api.get<Json>('api/status')).body;
    expect(status).to.include({ connectionStatus: 'ManualOffline', button917Label: 'Connect', pendingUploads: 3, syncStatusText: 'Idle', extra: 'kept' });
    expect(status.offlineDatabase).to.deep.equal({ kind: 'sqlite' });
    const layout = (await stack.api.get<Json>('api/layout')).body;
    const button = (layout.buttonGrids[0].buttons as Json[]).find((b) => b.operationId === 917);
    expect(button).to.include({ label: 'Connect', handledBy: 'extension' });
  });

  it('streams status, cart and extension events to the page', async () => {
    const events = readEvents(`${stack.host.url}/api/events`, (seenEvents) => seenEvents.some((e) => e.event === 'buttonLabel'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.api.post('api/operations/917', { json: { confirm: true } });
    const names = (await events).map((e) => e.event);
    expect(names[0]).to.equal('status');
    expect(names).to.include.members(['cart', 'connectionStatus', 'buttonLabel']);
    const change = (await events).find((e) => e.event === 'connectionStatus')!.data as Json;
    expect(change).to.include({ connectionStatusName: 'ManualOffline', previousConnectionStatusName: 'Online' });
  });
});
