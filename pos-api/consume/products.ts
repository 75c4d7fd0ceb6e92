import { Request, Response } from '../framework.js';
import type { Product, ProductPrice } from '../entities.js';

/** Where an answer came from: the scale unit, or the register's offline database. */
export type DataSource = 'online' | 'offline';

export class GetProductByBarcodeClientResponse extends Response {
  constructor(public readonly product: Product | null, public readonly source: DataSource) {
    super();
  }
}
export class GetProductByBarcodeClientRequest extends Request<GetProductByBarcodeClientResponse> {
  constructor(public readonly barcode: string, correlationId?: string) {
    super(correlationId);
  }
}

export class GetProductsByIdsClientResponse extends Response {
  constructor(public readonly products: readonly Product[], public readonly source: DataSource) {
    super();
  }
}
export class GetProductsByIdsClientRequest extends Request<GetProductsByIdsClientResponse> {
  constructor(public readonly productIds: readonly string[], correlationId?: string) {
    super(correlationId);
  }
}

export class SearchProductsClientResponse extends Response {
  constructor(public readonly products: readonly Product[], public readonly source: DataSource) {
    super();
  }
}
export class SearchProductsClientRequest extends Request<SearchProductsClientResponse> {
  constructor(
    public readonly searchText: string,
    public readonly skip = 0,
    public readonly top = 20,
    correlationId?: string,
  ) {
    super(correlationId);
  }
}

export class GetProductPricesClientResponse extends Response {
  constructor(public readonly prices: readonly ProductPrice[], public readonly source: DataSource) {
    super();
  }
}
/** Prices in effect at `at` (default now) for the given products. */
export class GetProductPricesClientRequest extends Request<GetProductPricesClientResponse> {
  constructor(public readonly productIds: readonly string[], public readonly at?: string, correlationId?: string) {
    super(correlationId);
  }
}
