import { injectFromBase, injectable } from 'inversify';
import { SearchCustomersClientRequest, SearchCustomersClientResponse, type Customer, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = SearchCustomersClientRequest;
type Res = SearchCustomersClientResponse;

/** Customer search: the scale unit within the timeout, else the offline customer table. */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class SearchCustomersHandler extends FallbackRequestHandler<Req, Res, Customer[]> {
  protected readonly what = 'customer search';

  protected online(request: Req, call: OnlineCallOptions): Promise<Customer[]> {
    return this.client.searchCustomers(request.searchText, call);
  }

  protected offline(request: Req): Promise<Customer[]> {
    return this.store.searchCustomers(request.searchText, 50);
  }

  protected respond(value: Customer[], source: DataSource): Res {
    return new SearchCustomersClientResponse(value, source);
  }
}

export default class SearchCustomersClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(SearchCustomersClientRequest, TOKENS.SearchCustomersHandler) {}
