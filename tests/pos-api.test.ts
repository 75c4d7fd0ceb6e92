import { expect } from 'chai';
import { ExtensionError, ConnectionStatusType, GetProductByBarcodeClientRequest } from '#pos-api';

describe('pos-api host contract', () => {
  it('recognises an ExtensionError by its marker, also one made by another copy of the module', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('pos-api.ExtensionError')]: true });
    expect(ExtensionError.is(new ExtensionError('needs a connection'))).to.equal(true);
    expect(ExtensionError.is(foreign)).to.equal(true);
    expect(ExtensionError.is(new Error('plain'))).to.equal(false);
  });

  it('numbers connection states as Store Commerce does', () => {
    expect([ConnectionStatusType.Online, ConnectionStatusType.SeamlessOffline, ConnectionStatusType.ManualOffline]).to.deep.equal([0, 1, 2]);
  });

  it('names a request by its class', () => {
    expect(new GetProductByBarcodeClientRequest('123').requestTypeName).to.equal('GetProductByBarcodeClientRequest');
  });
});
