/**
 * Example of a partner customization: a price rule that applies only to offline answers (say,
 * headquarters' weekend promotion is not in the offline data packages, so the register applies it
 * itself). It replaces the barcode handler by rebinding its token; nothing else changes. To use it,
 * add `offlinePriceRuleModule` to the list in src/customizations.ts and rebuild.
 */
import { ContainerModule, injectFromBase, injectable } from 'inversify';
import type { Product } from '#pos-api';
import { TOKENS } from '../tokens.js';
import { GetProductByBarcodeHandler } from '../handlers/GetProductByBarcodeClientRequestHandlerExt.js';

/** 10 % off every product of the category, offline only; online the scale unit's price engine decides. */
export const promotedCategory = 'Bakery';
export const offlineDiscount = 0.1;

@injectable()
@injectFromBase()
export class OfflinePromotionBarcodeHandler extends GetProductByBarcodeHandler {
  protected override async offline(request: Parameters<GetProductByBarcodeHandler['offline']>[0]): Promise<Product | null> {
    const product = await super.offline(request);
    if (!product || product.category !== promotedCategory) return product;
    return { ...product, price: Math.round(product.price * (1 - offlineDiscount) * 100) / 100 };
  }
}

export const offlinePriceRuleModule = new ContainerModule(({ rebind }) => {
  rebind(TOKENS.GetProductByBarcodeHandler).to(OfflinePromotionBarcodeHandler);
});
