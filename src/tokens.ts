/**
 * Every service identifier of the extension, in one place. A partner overrides a handler or a
 * service by rebinding its token in a ContainerModule of their own (see src/customizations.ts and
 * the README's "Override a handler"). Each token is named after the interface or class it stands for.
 */
export const TOKENS = {
  /** IExtensionContext the host constructed the extension with. */
  ExtensionContext: Symbol.for('offline-pos.ExtensionContext'),
  /** DeviceConfiguration: register id, scale unit URL, device token, offline database settings. */
  DeviceConfiguration: Symbol.for('offline-pos.DeviceConfiguration'),
  /** ILogger of the host. */
  Logger: Symbol.for('offline-pos.Logger'),
  /** Clock: injected so tests drive time. */
  Clock: Symbol.for('offline-pos.Clock'),

  /** OfflineStore: the offline database (SQLite or SQL Server adapter). */
  OfflineStore: Symbol.for('offline-pos.OfflineStore'),
  /** ScaleUnitClient: the scale unit's device API over got. */
  ScaleUnitClient: Symbol.for('offline-pos.ScaleUnitClient'),
  /** ConnectionManager: Online | SeamlessOffline | ManualOffline. */
  ConnectionManager: Symbol.for('offline-pos.ConnectionManager'),
  /** RegisterConfigurationService: register configuration and offline profile. */
  RegisterConfigurationService: Symbol.for('offline-pos.RegisterConfigurationService'),
  /** OnlineFallbackPolicy: the one timeout-and-fallback policy. */
  OnlineFallbackPolicy: Symbol.for('offline-pos.OnlineFallbackPolicy'),
  /** ReconnectionService: bounded probe, then Online. */
  ReconnectionService: Symbol.for('offline-pos.ReconnectionService'),
  /** SystemHealthMonitor: the background probe. */
  SystemHealthMonitor: Symbol.for('offline-pos.SystemHealthMonitor'),
  /** TransactionNumberService: never-reused transaction and receipt numbers. */
  TransactionNumberService: Symbol.for('offline-pos.TransactionNumberService'),
  /** OfflineOperationAvailability: what cannot run offline. */
  OfflineOperationAvailability: Symbol.for('offline-pos.OfflineOperationAvailability'),
  /** OfflineSyncEngine: download and upload scheduling. */
  OfflineSyncEngine: Symbol.for('offline-pos.OfflineSyncEngine'),
  DataPackageDownloader: Symbol.for('offline-pos.DataPackageDownloader'),
  OfflineTransactionUploader: Symbol.for('offline-pos.OfflineTransactionUploader'),
  /** ConnectionStatusModelService: the header and Connection status window as a stream. */
  ConnectionStatusModelService: Symbol.for('offline-pos.ConnectionStatusModelService'),
  /** ConnectionSwitchService: what operation 917 does. */
  ConnectionSwitchService: Symbol.for('offline-pos.ConnectionSwitchService'),
  /** OfflineModeSession: start, sign-in, stop. */
  OfflineModeSession: Symbol.for('offline-pos.OfflineModeSession'),
  /** HostStatusPublisher: pushes status, button label and details to the host. */
  HostStatusPublisher: Symbol.for('offline-pos.HostStatusPublisher'),

  // Request handlers (IClientRequestHandler), one per host request the extension replaces.
  GetProductByBarcodeHandler: Symbol.for('offline-pos.GetProductByBarcodeHandler'),
  GetProductsByIdsHandler: Symbol.for('offline-pos.GetProductsByIdsHandler'),
  SearchProductsHandler: Symbol.for('offline-pos.SearchProductsHandler'),
  GetProductPricesHandler: Symbol.for('offline-pos.GetProductPricesHandler'),
  SearchCustomersHandler: Symbol.for('offline-pos.SearchCustomersHandler'),
  GetCustomerHandler: Symbol.for('offline-pos.GetCustomerHandler'),
  GetNextTransactionNumberHandler: Symbol.for('offline-pos.GetNextTransactionNumberHandler'),
  SubmitTransactionHandler: Symbol.for('offline-pos.SubmitTransactionHandler'),
  GetOfflinePendingTransactionCountHandler: Symbol.for('offline-pos.GetOfflinePendingTransactionCountHandler'),
} as const;
