import { expect } from 'chai';
import {
  ConnectionStatusType,
  ExtensionError,
  ExtensionRequestBase,
  GetConnectionStatusClientRequest,
  GetConnectionStatusClientResponse,
  GetProductByBarcodeClientRequest,
  GetProductByBarcodeClientResponse,
  Response,
  SetConnectionStatusClientRequest,
  SetConnectionStatusDetailsClientRequest,
  ShowConfirmationDialogClientRequest,
  ShowConfirmationDialogClientResponse,
  dataResult,
  type Product,
} from '#pos-api';
import { loadExtensionPackage, type LoadedExtensionPackage } from '../../../host/loader/index.js';
import { ExtensionRuntimeError, PosHost, type ExtensionFailure, type HostEvent } from '../../../host/runtime/index.js';
import { MemoryLogger, builtFixture, deviceConfiguration, hostVersion } from '../fixture.js';

/** The fixture's own request, declared again on the host side: requests match by class name only. */
interface SampleStateResponse extends Response {
  readonly instanceId: string;
  readonly log: readonly string[];
}
type TriggerMode = 'allow' | 'cancel' | 'reject' | 'throw';
class SampleStateRequest extends ExtensionRequestBase<SampleStateResponse> {
  constructor(public readonly modes: { preOperation?: TriggerMode; postOperation?: TriggerMode } = {}) {
    super();
  }
}

/** The error a call rejected with (fails the test when it resolved). */
const rejectionOf = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error as Error,
  );

const product: Product = { productId: 'P1', barcode: '123', name: 'Coffee', category: 'Drinks', price: 3.5 };

describe('PosHost', () => {
  let pkg: LoadedExtensionPackage;
  let logger: MemoryLogger;
  let host: PosHost;
  let failures: ExtensionFailure[];
  let events: HostEvent[];

  before(async function () {
    this.timeout(120_000);
    pkg = await loadExtensionPackage(await builtFixture(), { hostVersion });
  });

  beforeEach(() => {
    logger = new MemoryLogger();
    host = new PosHost({ packages: pkg, deviceConfiguration, logger, hostVersion });
    host.registerDefaultHandler(GetProductByBarcodeClientRequest, async (request) =>
      dataResult(new GetProductByBarcodeClientResponse(request.barcode === product.barcode ? product : null, 'online')),
    );
    failures = [];
    events = [];
    host.failures$.subscribe((failure) => failures.push(failure));
    host.events$.subscribe((event) => events.push(event));
  });

  // The fixture's modules are imported once per process: put its singleton's switches back.
  afterEach(() => host.executeAsync(new SampleStateRequest({ preOperation: 'allow', postOperation: 'allow' })));

  const sampleState = async () => (await host.executeAsync(new SampleStateRequest())).data!;

  it('runs a replacement handler, which reaches the host default through defaultExecuteAsync', async () => {
    const result = await host.executeAsync(new GetProductByBarcodeClientRequest('123'));
    const { instanceId } = await sampleState();
    expect(result.canceled).to.equal(false);
    expect(result.data?.product?.name).to.equal(`Coffee [ext ${instanceId}]`);
    expect(result.data?.source).to.equal('online');
  });

  it('shares one module instance (the singleton) across every module of the package', async () => {
    await host.start();
    const { instanceId, log } = await sampleState();
    const product = (await host.executeAsync(new GetProductByBarcodeClientRequest('123'))).data?.product;
    const operation = await host.executeOperation(5000, [], { confirm: true });
    // Written by the trigger module, read by the request handler module:
    expect(log).to.include(`ApplicationStart ${deviceConfiguration.registerId}`);
    expect(product?.name).to.contain(instanceId);
    expect((operation.data as SampleStateResponse).instanceId).to.equal(instanceId);
  });

  it('answers a request nobody handles with an error naming the request type', async () => {
    class UnknownThingRequest extends ExtensionRequestBase<Response> {}
    const error = await rejectionOf(host.executeAsync(new UnknownThingRequest()));
    expect(ExtensionRuntimeError.is(error) && error.code).to.equal('NoHandler');
    expect((error as Error).message).to.contain('UnknownThingRequest');
  });

  it('reports a handler that throws with the extension name and request type, and keeps serving', async () => {
    const error = await rejectionOf(host.executeAsync(new GetProductByBarcodeClientRequest('explode')));
    expect(error.message).to.contain('Contoso.SampleExtension').and.to.contain('GetProductByBarcodeClientRequest').and.to.contain('barcode handler bug');
    expect(failures).to.deep.equal([{ extensionName: 'Contoso.SampleExtension', target: 'GetProductByBarcodeClientRequest', message: 'barcode handler bug' }]);
    expect(logger.entries.some((e) => e.level === 'error' && e.message.includes('Contoso.SampleExtension'))).to.equal(true);
    expect((await host.executeAsync(new GetProductByBarcodeClientRequest('123'))).data?.product?.productId).to.equal('P1');
  });

  it('passes a host default error through a replacement handler unchanged and unreported', async () => {
    const outage = new Error('scale unit unreachable');
    host.registerDefaultHandler(GetProductByBarcodeClientRequest, () => Promise.reject(outage));
    const error = await rejectionOf(host.executeAsync(new GetProductByBarcodeClientRequest('123')));
    expect(error).to.equal(outage);
    expect(failures).to.deep.equal([]);
  });

  it('runs an operation: PreOperation, factory, handler (confirmation answered by `confirm`), PostOperation', async () => {
    const result = await host.executeOperation(5000, ['a', 'b'], { confirm: true });
    expect(result.canceled).to.equal(false);
    expect((result.data as unknown as { actionParameters: string[] }).actionParameters).to.deep.equal(['a', 'b']);
    expect(host.buttonLabels.get(5000)).to.equal('Done');
    expect(events).to.deep.include({ type: 'buttonLabel', operationId: 5000, label: 'Done' });
    expect((await sampleState()).log.slice(-2)).to.deep.equal(['PreOperation 5000', 'PostOperation 5000']);
  });

  it('answers the confirmation dialog no without `confirm`, and the operation cancels', async () => {
    expect((await host.executeOperation(5000, [])).canceled).to.equal(true);
    expect((await host.executeOperation(5000, [], { confirm: false })).canceled).to.equal(true);
    const outside = await host.executeAsync(new ShowConfirmationDialogClientRequest('t', 'm'));
    expect((outside.data as ShowConfirmationDialogClientResponse).confirmed).to.equal(false);
  });

  it('lets a cancelable pre-trigger cancel the operation before its factory runs', async () => {
    await host.executeAsync(new SampleStateRequest({ preOperation: 'cancel' }));
    const result = await host.executeOperation(5000, [], { confirm: true });
    expect(result).to.deep.equal({ canceled: true, data: null });
    expect(host.buttonLabels.has(5000)).to.equal(false);
    expect((await host.runTriggers('PreOperation', { operationId: 5000 })).canceled).to.equal(true);
  });

  it('stops the operation with the message of an ExtensionError from a pre-trigger', async () => {
    await host.executeAsync(new SampleStateRequest({ preOperation: 'reject' }));
    expect(await host.runTriggers('PreOperation', { operationId: 5000 })).to.deep.equal({ canceled: true, errorMessage: 'Operation not allowed right now' });
    const error = await rejectionOf(host.executeOperation(5000, [], { confirm: true }));
    expect(ExtensionError.is(error) && error.message).to.equal('Operation not allowed right now');
    expect(failures).to.deep.equal([]);
  });

  it('treats a pre-trigger that throws as a cancel, reported with extension name and trigger type', async () => {
    await host.executeAsync(new SampleStateRequest({ preOperation: 'throw' }));
    const result = await host.runTriggers('PreOperation', { operationId: 5000 });
    expect(result.canceled).to.equal(true);
    expect(result.errorMessage).to.contain('Contoso.SampleExtension').and.to.contain('PreOperation').and.to.contain('pre-operation trigger bug');
    expect(failures[0]).to.deep.equal({ extensionName: 'Contoso.SampleExtension', target: 'PreOperation', message: 'pre-operation trigger bug' });
  });

  it('keeps going after a post-trigger throws: the operation still answers', async () => {
    await host.executeAsync(new SampleStateRequest({ postOperation: 'throw' }));
    const result = await host.executeOperation(5000, [], { confirm: true });
    expect(result.canceled).to.equal(false);
    expect(failures.map((f) => f.target)).to.deep.equal(['PostOperation']);
  });

  it('fails an operation whose handler throws with an error naming extension and operation, after OperationFailure', async () => {
    const error = await rejectionOf(host.executeOperation(5000, ['fail'], { confirm: true }));
    expect(ExtensionRuntimeError.is(error) && error.code).to.equal('OperationFailed');
    expect((error as Error).message).to.equal('Contoso.SampleExtension: operation 5000 failed: operation handler bug');
    expect(failures).to.deep.equal([{ extensionName: 'Contoso.SampleExtension', target: 'operation 5000', message: 'operation handler bug' }]);
    expect((await sampleState()).log.slice(-2)).to.deep.equal(['PreOperation 5000', 'OperationFailure 5000']);
  });

  it('cancels an operation whose factory cancels, and refuses an unknown operation id', async () => {
    expect((await host.executeOperation(5000, ['cancel'])).canceled).to.equal(true);
    expect(host.hasOperation(5000)).to.equal(true);
    const error = await rejectionOf(host.executeOperation(4999, []));
    expect(ExtensionRuntimeError.is(error) && error.code).to.equal('UnknownOperation');
  });

  it('serves the connection status requests, streams changes and runs PostConnectionStatusChange once per change', async () => {
    const changeLog = async () => (await sampleState()).log.filter((entry) => entry.startsWith('PostConnectionStatusChange'));
    const before = (await changeLog()).length;
    const status = await host.executeAsync(new GetConnectionStatusClientRequest());
    expect((status.data as GetConnectionStatusClientResponse).connectionStatus).to.equal(ConnectionStatusType.Online);
    await host.executeAsync(new SetConnectionStatusClientRequest(ConnectionStatusType.ManualOffline, 'operation 917'));
    await host.executeAsync(new SetConnectionStatusClientRequest(ConnectionStatusType.ManualOffline, 'again'));
    expect(host.connectionStatus).to.equal(ConnectionStatusType.ManualOffline);
    expect(host.connectionStatusReason).to.equal('again');
    expect(events.filter((e) => e.type === 'connectionStatus').map((e) => e.type === 'connectionStatus' && e.previousConnectionStatus)).to.deep.equal([
      ConnectionStatusType.Online,
      ConnectionStatusType.ManualOffline,
    ]);
    expect((await changeLog()).slice(before)).to.deep.equal(['PostConnectionStatusChange 0->2']);
    await host.executeAsync(new SetConnectionStatusDetailsClientRequest({ pendingUploads: 2 }));
    expect(host.connectionStatusDetails).to.deep.equal({ pendingUploads: 2 });
  });

  it('builds the context the extension sees: device configuration, string keys, a recording navigator', () => {
    expect(host.context.deviceConfiguration.registerId).to.equal('HOUSTON-1');
    expect(host.context.resources.getString('string_1')).to.equal('string_1');
    host.context.navigator.navigate('ConnectionStatusView', { tab: 'upload' });
    expect(host.navigator.navigations).to.deep.equal([{ viewName: 'ConnectionStatusView', options: { tab: 'upload' } }]);
  });

  it('completes its streams on stop', async () => {
    let completed = false;
    host.events$.subscribe({ complete: () => (completed = true) });
    await host.stop();
    expect(completed).to.equal(true);
  });
});
