/**
 * The host's own request handlers: what runs when no extension replaces a request type. They call
 * the scale unit and nothing else, so without the extension an outage simply fails the request.
 */
import {
  GetCurrentCartClientRequest,
  GetCustomerClientRequest,
  GetNextTransactionNumberClientRequest,
  GetOfflinePendingTransactionCountClientRequest,
  GetOfflinePendingTransactionCountClientResponse,
  GetProductByBarcodeClientRequest,
  GetProductPricesClientRequest,
  GetProductsByIdsClientRequest,
  SearchCustomersClientRequest,
  SearchProductsClientRequest,
  SubmitTransactionClientRequest,
  dataResult,
  type Cart,
} from '#pos-api';
import type { IPosHost } from '../runtime/types.js';
import { CustomerHandlers } from './customerHandlers.js';
import { ProductHandlers } from './productHandlers.js';
import { ScaleUnitHttp } from './ScaleUnitHttp.js';
import { TransactionHandlers } from './transactionHandlers.js';

export { HostScaleUnitError } from './HostScaleUnitError.js';
export type { HostScaleUnitErrorCode } from './HostScaleUnitError.js';
export { ScaleUnitHttp } from './ScaleUnitHttp.js';
export { formatReceiptId, formatTransactionId, lastUsedNumber } from './numbering.js';

export interface DefaultHandlerSettings {
  readonly scaleUnitUrl: string;
  readonly deviceToken: string;
  readonly registerId: string;
  readonly timeoutMs: number;
  /** The cart engine's open cart, for GetCurrentCartClientRequest. */
  readonly currentCart: () => Cart | null;
}

export function registerDefaultHandlers(posHost: IPosHost, settings: DefaultHandlerSettings): void {
  const scaleUnit = new ScaleUnitHttp({ baseUrl: settings.scaleUnitUrl, deviceToken: settings.deviceToken, timeoutMs: settings.timeoutMs });
  const products = new ProductHandlers(scaleUnit);
  const customers = new CustomerHandlers(scaleUnit);
  const transactions = new TransactionHandlers(scaleUnit, settings.registerId, settings.currentCart);

  posHost.registerDefaultHandler(GetProductByBarcodeClientRequest, (r) => products.byBarcode(r));
  posHost.registerDefaultHandler(GetProductsByIdsClientRequest, (r) => products.byIds(r));
  posHost.registerDefaultHandler(SearchProductsClientRequest, (r) => products.search(r));
  posHost.registerDefaultHandler(GetProductPricesClientRequest, (r) => products.prices(r));
  posHost.registerDefaultHandler(SearchCustomersClientRequest, (r) => customers.search(r));
  posHost.registerDefaultHandler(GetCustomerClientRequest, (r) => customers.byId(r));
  posHost.registerDefaultHandler(GetNextTransactionNumberClientRequest, (r) => transactions.nextNumber(r));
  posHost.registerDefaultHandler(SubmitTransactionClientRequest, (r) => transactions.submit(r));
  posHost.registerDefaultHandler(GetCurrentCartClientRequest, (r) => transactions.getCurrentCart(r));
  // The host alone has no offline database, so nothing is ever pending (the extension overrides this).
  posHost.registerDefaultHandler(GetOfflinePendingTransactionCountClientRequest, async () =>
    dataResult(new GetOfflinePendingTransactionCountClientResponse(0)),
  );
}
