/** Client-side enumerations of the host (PosApi/Entities ClientEntities in Store Commerce). */

/** The register's connection to the Commerce Scale Unit. Numeric values match Store Commerce. */
export enum ConnectionStatusType {
  Online = 0,
  SeamlessOffline = 1,
  ManualOffline = 2,
}

/** Operation ids the host reserves (real POS reserves ids up to 4000). */
export enum RetailOperation {
  ItemSale = 100,
  PayCash = 200,
  PayCard = 201,
  PayCustomerAccount = 202,
  PayGiftCertificate = 214,
  PayLoyalty = 1103,
  VoidTransaction = 500,
  IssueGiftCertificate = 512,
  AddToGiftCard = 522,
  GiftCardBalance = 520,
  IssueCreditMemo = 513,
  CustomerEdit = 1101,
  LoyaltyCardPointsBalance = 1104,
  RecallSalesOrder = 1201,
  PickupCustomerOrder = 1215,
  InventoryLookup = 122,
  StockCount = 1410,
  TimeRegistration = 1300,
  ShowJournal = 700,
  XReport = 1000,
  ZReport = 1001,
  CloseShift = 1004,
  SuspendShift = 1006,
  ChangePassword = 1053,
  DatabaseConnectionStatus = 917,
}
