import {
  dataResult,
  GetCustomerClientResponse,
  SearchCustomersClientResponse,
  type Customer,
  type GetCustomerClientRequest,
  type ICancelableDataResult,
  type SearchCustomersClientRequest,
} from '#pos-api';
import type { ScaleUnitHttp } from './ScaleUnitHttp.js';

/** Customer reads straight from the scale unit. */
export class CustomerHandlers {
  constructor(private readonly scaleUnit: ScaleUnitHttp) {}

  async search(request: SearchCustomersClientRequest): Promise<ICancelableDataResult<SearchCustomersClientResponse>> {
    const customers = await this.scaleUnit.get<Customer[]>(`customers?${new URLSearchParams({ search: request.searchText })}`, 'customer search');
    return dataResult(new SearchCustomersClientResponse(customers, 'online'));
  }

  /**
   * The device API has no customer-by-id route, so search by the id and keep the exact match
   * (ids are unique; the scale unit's search matches ids too).
   */
  async byId(request: GetCustomerClientRequest): Promise<ICancelableDataResult<GetCustomerClientResponse>> {
    const customers = await this.scaleUnit.get<Customer[]>(`customers?${new URLSearchParams({ search: request.customerId })}`, 'customer by id');
    const customer = customers.find((c) => c.customerId === request.customerId) ?? null;
    return dataResult(new GetCustomerClientResponse(customer, 'online'));
  }
}
