import {
  dataResult,
  GetProductByBarcodeClientResponse,
  GetProductPricesClientResponse,
  GetProductsByIdsClientResponse,
  SearchProductsClientResponse,
  type GetProductByBarcodeClientRequest,
  type GetProductPricesClientRequest,
  type GetProductsByIdsClientRequest,
  type ICancelableDataResult,
  type Product,
  type ProductPrice,
  type SearchProductsClientRequest,
} from '#pos-api';
import type { ScaleUnitHttp } from './ScaleUnitHttp.js';

/** Catalogue reads straight from the scale unit; every answer is `source: 'online'`. */
export class ProductHandlers {
  constructor(private readonly scaleUnit: ScaleUnitHttp) {}

  async byBarcode(request: GetProductByBarcodeClientRequest): Promise<ICancelableDataResult<GetProductByBarcodeClientResponse>> {
    const product = await this.scaleUnit.get<Product>(`products/by-barcode/${encodeURIComponent(request.barcode)}`, 'product by barcode', true);
    return dataResult(new GetProductByBarcodeClientResponse(product, 'online'));
  }

  async byIds(request: GetProductsByIdsClientRequest): Promise<ICancelableDataResult<GetProductsByIdsClientResponse>> {
    const products = await this.fetchProducts(request.productIds);
    return dataResult(new GetProductsByIdsClientResponse(products, 'online'));
  }

  async search(request: SearchProductsClientRequest): Promise<ICancelableDataResult<SearchProductsClientResponse>> {
    const query = new URLSearchParams({ search: request.searchText, skip: String(request.skip), top: String(request.top) });
    const products = await this.scaleUnit.get<Product[]>(`products?${query}`, 'product search');
    return dataResult(new SearchProductsClientResponse(products, 'online'));
  }

  /**
   * The scale unit serves current prices on the product itself, so a price "at" a moment is the
   * current one; the open-ended period says no later change is known.
   */
  async prices(request: GetProductPricesClientRequest): Promise<ICancelableDataResult<GetProductPricesClientResponse>> {
    const at = request.at ?? new Date().toISOString();
    const products = await this.fetchProducts(request.productIds);
    const prices: ProductPrice[] = products.map((p) => ({ productId: p.productId, price: p.price, validFrom: at, validTo: null }));
    return dataResult(new GetProductPricesClientResponse(prices, 'online'));
  }

  private async fetchProducts(productIds: readonly string[]): Promise<Product[]> {
    const found = await Promise.all(
      productIds.map((id) => this.scaleUnit.get<Product>(`products/${encodeURIComponent(id)}`, 'product by id', true)),
    );
    return found.filter((p): p is Product => p !== null);
  }
}
