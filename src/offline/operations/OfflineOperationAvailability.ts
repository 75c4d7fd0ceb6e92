import { ExtensionError, RetailOperation } from '#pos-api';

/**
 * Operations that need the scale unit (Store Commerce's "not available offline" list). Kept in one
 * place; the README lists the same. Selling, returns, voids, cash and card tenders, suspend/recall
 * on the same register and 917 itself all work offline.
 */
export const operationsNotAvailableOffline: ReadonlyMap<number, string> = new Map([
  [RetailOperation.IssueGiftCertificate, 'Issue gift card'],
  [RetailOperation.AddToGiftCard, 'Add to gift card'],
  [RetailOperation.GiftCardBalance, 'Gift card balance'],
  [RetailOperation.PayGiftCertificate, 'Pay with gift card'],
  [RetailOperation.PayLoyalty, 'Pay with loyalty card'],
  [RetailOperation.LoyaltyCardPointsBalance, 'Loyalty card balance'],
  [RetailOperation.PayCustomerAccount, 'Pay with customer account'],
  [RetailOperation.IssueCreditMemo, 'Issue credit memo'],
  [RetailOperation.CustomerEdit, 'Edit customer'],
  [RetailOperation.RecallSalesOrder, 'Recall customer order'],
  [RetailOperation.PickupCustomerOrder, 'Pick up customer order'],
  [RetailOperation.InventoryLookup, 'Inventory lookup'],
  [RetailOperation.StockCount, 'Stock count'],
  [RetailOperation.TimeRegistration, 'Time clock'],
  [RetailOperation.ShowJournal, 'Show journal'],
  [RetailOperation.XReport, 'Print X report'],
  [RetailOperation.ZReport, 'Print Z report'],
  [RetailOperation.CloseShift, 'Close shift'],
  [RetailOperation.SuspendShift, 'Suspend shift'],
  [RetailOperation.ChangePassword, 'Change password'],
]);

export class OperationNotAvailableOfflineError extends ExtensionError {
  constructor(readonly operationId: number, readonly operationName: string) {
    super(`${operationName} (operation ${operationId}) is not available offline: it needs a connection to the scale unit.`, 'NotAvailableOffline');
  }
}

export class OfflineOperationAvailability {
  /** Throws OperationNotAvailableOfflineError when `operationId` needs a connection and the register has none. */
  assertAvailable(operationId: number, online: boolean): void {
    const name = operationsNotAvailableOffline.get(operationId);
    if (!online && name) throw new OperationNotAvailableOfflineError(operationId, name);
  }
}
