import { injectFromBase, injectable } from 'inversify';
import { GetProductByBarcodeClientRequest, GetProductByBarcodeClientResponse, type Product, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetProductByBarcodeClientRequest;
type Res = GetProductByBarcodeClientResponse;

/** Scan a barcode: the scale unit within the timeout, else the offline database. */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class GetProductByBarcodeHandler extends FallbackRequestHandler<Req, Res, Product | null> {
  protected readonly what = 'product by barcode';

  protected online(request: Req, call: OnlineCallOptions): Promise<Product | null> {
    return this.client.getProductByBarcode(request.barcode, call);
  }

  protected offline(request: Req): Promise<Product | null> {
    return this.store.getProductByBarcode(request.barcode);
  }

  protected respond(value: Product | null, source: DataSource): Res {
    return new GetProductByBarcodeClientResponse(value, source);
  }
}

export default class GetProductByBarcodeClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetProductByBarcodeClientRequest, TOKENS.GetProductByBarcodeHandler) {}
