import { injectFromBase, injectable } from 'inversify';
import { GetProductPricesClientRequest, GetProductPricesClientResponse, type ProductPrice, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetProductPricesClientRequest;
type Res = GetProductPricesClientResponse;

/** Prices in effect: the scale unit's current prices within the timeout, else the offline price table (effective dates applied). */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class GetProductPricesHandler extends FallbackRequestHandler<Req, Res, ProductPrice[]> {
  protected readonly what = 'price lookup';

  protected async online(request: Req, call: OnlineCallOptions): Promise<ProductPrice[]> {
    const at = request.at ?? new Date().toISOString();
    const found = await Promise.all(request.productIds.map((id) => this.client.getProduct(id, call)));
    return found.filter((p) => p !== null).map((p) => ({ productId: p.productId, price: p.price, validFrom: at, validTo: null }));
  }

  protected offline(request: Req): Promise<ProductPrice[]> {
    return this.store.getPrices(request.productIds, request.at ?? new Date().toISOString());
  }

  protected respond(value: ProductPrice[], source: DataSource): Res {
    return new GetProductPricesClientResponse(value, source);
  }
}

export default class GetProductPricesClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetProductPricesClientRequest, TOKENS.GetProductPricesHandler) {}
