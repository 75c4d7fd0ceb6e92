import { injectFromBase, injectable } from 'inversify';
import { GetCustomerClientRequest, GetCustomerClientResponse, type Customer, type DataSource } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions } from '../offline/policy/OnlineFallbackPolicy.js';
import { FallbackRequestHandler } from './FallbackRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetCustomerClientRequest;
type Res = GetCustomerClientResponse;

/** One customer by id: the scale unit (its search, matched on the id) within the timeout, else the offline database. */
@injectable()
// The policy, client and store come from FallbackRequestHandler's constructor.
@injectFromBase()
export class GetCustomerHandler extends FallbackRequestHandler<Req, Res, Customer | null> {
  protected readonly what = 'customer by id';

  protected async online(request: Req, call: OnlineCallOptions): Promise<Customer | null> {
    const found = await this.client.searchCustomers(request.customerId, call);
    return found.find((c) => c.customerId === request.customerId) ?? null;
  }

  protected offline(request: Req): Promise<Customer | null> {
    return this.store.getCustomer(request.customerId);
  }

  protected respond(value: Customer | null, source: DataSource): Res {
    return new GetCustomerClientResponse(value, source);
  }
}

export default class GetCustomerClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetCustomerClientRequest, TOKENS.GetCustomerHandler) {}
