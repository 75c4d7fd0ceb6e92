import { Request, Response } from '../framework.js';
import type { Customer } from '../entities.js';
import type { DataSource } from './products.js';

export class SearchCustomersClientResponse extends Response {
  constructor(public readonly customers: readonly Customer[], public readonly source: DataSource) {
    super();
  }
}
export class SearchCustomersClientRequest extends Request<SearchCustomersClientResponse> {
  constructor(public readonly searchText: string, correlationId?: string) {
    super(correlationId);
  }
}

export class GetCustomerClientResponse extends Response {
  constructor(public readonly customer: Customer | null, public readonly source: DataSource) {
    super();
  }
}
export class GetCustomerClientRequest extends Request<GetCustomerClientResponse> {
  constructor(public readonly customerId: string, correlationId?: string) {
    super(correlationId);
  }
}
