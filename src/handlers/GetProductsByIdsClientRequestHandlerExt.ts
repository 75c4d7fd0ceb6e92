import { injectFromBase, injectable } from 'inversify';
import { GetProductsByIdsClientRequest, GetProductsByIdsClientResponse, type Product, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetProductsByIdsClientRequest;
type Res = GetProductsByIdsClientResponse;

/** Products by id (a recalled or edited line): the scale unit within the timeout, else the offline database. */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class GetProductsByIdsHandler extends FallbackRequestHandler<Req, Res, Product[]> {
  protected readonly what = 'products by id';

  protected async online(request: Req, call: OnlineCallOptions): Promise<Product[]> {
    const found = await Promise.all(request.productIds.map((id) => this.client.getProduct(id, call)));
    return found.filter((p) => p !== null);
  }

  protected offline(request: Req): Promise<Product[]> {
    return this.store.getProductsByIds(request.productIds);
  }

  protected respond(value: Product[], source: DataSource): Res {
    return new GetProductsByIdsClientResponse(value, source);
  }
}

export default class GetProductsByIdsClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetProductsByIdsClientRequest, TOKENS.GetProductsByIdsHandler) {}
