import { injectFromBase, injectable } from 'inversify';
import { SearchProductsClientRequest, SearchProductsClientResponse, type Product, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = SearchProductsClientRequest;
type Res = SearchProductsClientResponse;

/** Product text search, paged: the scale unit within the timeout, else the offline full-text index. */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class SearchProductsHandler extends FallbackRequestHandler<Req, Res, Product[]> {
  protected readonly what = 'product search';

  protected online(request: Req, call: OnlineCallOptions): Promise<Product[]> {
    return this.client.searchProducts(request.searchText, request.skip, request.top, call);
  }

  protected offline(request: Req): Promise<Product[]> {
    return this.store.searchProducts(request.searchText, request.skip, request.top);
  }

  protected respond(value: Product[], source: DataSource): Res {
    return new SearchProductsClientResponse(value, source);
  }
}

export default class SearchProductsClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(SearchProductsClientRequest, TOKENS.SearchProductsHandler) {}
