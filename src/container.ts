/**
 * The composition root: every service, handler, trigger dependency and operation dependency of the
 * extension is bound here and only here. The host constructs manifest modules with `new X(context)`;
 * those thin shells reach their implementation through `extensionContainer(context)`, so the whole
 * package shares one container per host (webpack's single runtime chunk makes this module a singleton).
 */
import os from 'node:os';
import path from 'node:path';
import { Container, type ContainerModule } from 'inversify';
import type { IExtensionContext } from '#pos-api';
import { TOKENS } from './tokens.js';
import { customizations } from './customizations.js';
import { systemClock, type Clock } from './platform/Clock.js';
import { openOfflineStore } from './offline/store/index.js';
import type { OfflineStore } from './offline/store/OfflineStore.js';
import { ScaleUnitClient } from './offline/scaleUnit/ScaleUnitClient.js';
import { ConnectionManager } from './offline/connection/ConnectionManager.js';
import { ReconnectionService } from './offline/connection/ReconnectionService.js';
import { SystemHealthMonitor } from './offline/connection/SystemHealthMonitor.js';
import { RegisterConfigurationService } from './offline/profile/RegisterConfigurationService.js';
import { OnlineFallbackPolicy } from './offline/policy/OnlineFallbackPolicy.js';
import { TransactionNumberService } from './offline/numbers/TransactionNumberService.js';
import { OfflineOperationAvailability } from './offline/operations/OfflineOperationAvailability.js';
import { ConnectionSwitchService } from './offline/connection/ConnectionSwitchService.js';
import { OfflineModeSession } from './offline/OfflineModeSession.js';
import { ConnectionStatusModelService } from './offline/status/ConnectionStatusModelService.js';
import { HostStatusPublisher } from './offline/status/HostStatusPublisher.js';
import { DataPackageDownloader, OfflineSyncEngine, OfflineTransactionUploader } from './offline/sync/index.js';
import { GetProductByBarcodeHandler } from './handlers/GetProductByBarcodeClientRequestHandlerExt.js';
import { GetProductsByIdsHandler } from './handlers/GetProductsByIdsClientRequestHandlerExt.js';
import { SearchProductsHandler } from './handlers/SearchProductsClientRequestHandlerExt.js';
import { GetProductPricesHandler } from './handlers/GetProductPricesClientRequestHandlerExt.js';
import { SearchCustomersHandler } from './handlers/SearchCustomersClientRequestHandlerExt.js';
import { GetCustomerHandler } from './handlers/GetCustomerClientRequestHandlerExt.js';
import { GetNextTransactionNumberHandler } from './handlers/GetNextTransactionNumberClientRequestHandlerExt.js';
import { SubmitTransactionHandler } from './handlers/SubmitTransactionClientRequestHandlerExt.js';
import { GetOfflinePendingTransactionCountHandler } from './handlers/GetOfflinePendingTransactionCountClientRequestHandlerExt.js';

export interface ExtensionContainerOptions {
  readonly clock?: Clock;
  /** Partner modules that rebind tokens; defaults to src/customizations.ts. */
  readonly customizations?: readonly ContainerModule[];
}

/** Builds the container around an opened offline store. Tests call this directly with their own store. */
export function createExtensionContainer(context: IExtensionContext, store: OfflineStore, options: ExtensionContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const bind = container.bind.bind(container);
  const get = <T>(token: symbol): T => container.get<T>(token);

  bind(TOKENS.ExtensionContext).toConstantValue(context);
  bind(TOKENS.DeviceConfiguration).toConstantValue(context.deviceConfiguration);
  bind(TOKENS.Logger).toConstantValue(context.logger);
  bind(TOKENS.Clock).toConstantValue(options.clock ?? systemClock);
  bind(TOKENS.OfflineStore).toConstantValue(store);

  const device = context.deviceConfiguration;
  bind(TOKENS.ScaleUnitClient).toDynamicValue(() => new ScaleUnitClient({ baseUrl: device.scaleUnitUrl, deviceToken: device.deviceToken }));
  bind(TOKENS.ConnectionManager).toDynamicValue(() => new ConnectionManager(get(TOKENS.Clock)));
  bind(TOKENS.RegisterConfigurationService).toDynamicValue(
    () => new RegisterConfigurationService(device, get(TOKENS.ScaleUnitClient), store, get(TOKENS.Clock), context.logger),
  );
  bind(TOKENS.OnlineFallbackPolicy).toDynamicValue(() => new OnlineFallbackPolicy(get(TOKENS.ConnectionManager), get(TOKENS.RegisterConfigurationService)));
  bind(TOKENS.ReconnectionService).toDynamicValue(
    () => new ReconnectionService(get(TOKENS.ConnectionManager), get(TOKENS.ScaleUnitClient), get(TOKENS.RegisterConfigurationService)),
  );
  bind(TOKENS.SystemHealthMonitor).toDynamicValue(
    () => new SystemHealthMonitor(get(TOKENS.ConnectionManager), get(TOKENS.ScaleUnitClient), get(TOKENS.RegisterConfigurationService)),
  );
  bind(TOKENS.TransactionNumberService).toDynamicValue(
    () => new TransactionNumberService(store, get(TOKENS.ScaleUnitClient), get(TOKENS.RegisterConfigurationService), context.logger),
  );
  bind(TOKENS.OfflineOperationAvailability).to(OfflineOperationAvailability);

  bind(TOKENS.DataPackageDownloader).toDynamicValue(
    () =>
      new DataPackageDownloader(get(TOKENS.ScaleUnitClient), store, get(TOKENS.ConnectionManager), device, get(TOKENS.Clock), context.logger, {
        downloadsDir: downloadsDirectory(context),
      }),
  );
  bind(TOKENS.OfflineTransactionUploader).toDynamicValue(
    () => new OfflineTransactionUploader(get(TOKENS.ScaleUnitClient), store, get(TOKENS.ConnectionManager), get(TOKENS.RegisterConfigurationService), get(TOKENS.Clock), context.logger),
  );
  bind(TOKENS.OfflineSyncEngine).toDynamicValue(
    () =>
      new OfflineSyncEngine(
        get(TOKENS.DataPackageDownloader),
        get(TOKENS.OfflineTransactionUploader),
        store,
        get(TOKENS.ConnectionManager),
        get(TOKENS.RegisterConfigurationService),
        get(TOKENS.Clock),
        context.logger,
      ),
  );
  bind(TOKENS.ConnectionStatusModelService).toDynamicValue(
    () =>
      new ConnectionStatusModelService(
        device,
        get(TOKENS.ConnectionManager),
        get(TOKENS.RegisterConfigurationService),
        store,
        get<OfflineSyncEngine>(TOKENS.OfflineSyncEngine).status$,
        get(TOKENS.Clock),
      ),
  );
  bind(TOKENS.HostStatusPublisher).toDynamicValue(
    () =>
      new HostStatusPublisher(
        context.runtime,
        context.logger,
        get<ConnectionManager>(TOKENS.ConnectionManager).state$,
        get<ConnectionStatusModelService>(TOKENS.ConnectionStatusModelService).model$,
      ),
  );
  bind(TOKENS.ConnectionSwitchService).toDynamicValue(
    () => new ConnectionSwitchService(context.runtime, get(TOKENS.ConnectionManager), get(TOKENS.ReconnectionService), get(TOKENS.ConnectionStatusModelService)),
  );
  bind(TOKENS.OfflineModeSession).toDynamicValue(
    () =>
      new OfflineModeSession(
        get(TOKENS.RegisterConfigurationService),
        get(TOKENS.TransactionNumberService),
        get(TOKENS.OfflineSyncEngine),
        get(TOKENS.SystemHealthMonitor),
        get(TOKENS.HostStatusPublisher),
        get(TOKENS.ConnectionStatusModelService),
        context.logger,
      ),
  );

  bind(TOKENS.GetProductByBarcodeHandler).to(GetProductByBarcodeHandler);
  bind(TOKENS.GetProductsByIdsHandler).to(GetProductsByIdsHandler);
  bind(TOKENS.SearchProductsHandler).to(SearchProductsHandler);
  bind(TOKENS.GetProductPricesHandler).to(GetProductPricesHandler);
  bind(TOKENS.SearchCustomersHandler).to(SearchCustomersHandler);
  bind(TOKENS.GetCustomerHandler).to(GetCustomerHandler);
  bind(TOKENS.GetNextTransactionNumberHandler).to(GetNextTransactionNumberHandler);
  bind(TOKENS.SubmitTransactionHandler).to(SubmitTransactionHandler);
  bind(TOKENS.GetOfflinePendingTransactionCountHandler).to(GetOfflinePendingTransactionCountHandler);

  container.load(...(options.customizations ?? customizations));
  return container;
}

const containers = new WeakMap<IExtensionContext, Promise<Container>>();
/** The same containers once open, for the per-request path that should not wait a microtask for an open promise. */
const openContainers = new WeakMap<IExtensionContext, Container>();

/** This host's container if it is open already (else undefined: use extensionContainer). */
export function openExtensionContainer(context: IExtensionContext): Container | undefined {
  return openContainers.get(context);
}

/** The one container of this host: created on first use (opening the offline database), then shared. */
export function extensionContainer(context: IExtensionContext): Promise<Container> {
  let container = containers.get(context);
  if (!container) {
    container = openOfflineStore(context.deviceConfiguration.offlineDatabase).then((store) => {
      const created = createExtensionContainer(context, store);
      openContainers.set(context, created);
      return created;
    });
    containers.set(context, container);
    // A failed open must not be cached forever: the next call tries again (and reports again).
    container.catch(() => containers.delete(context));
  }
  return container;
}

/** Releases this host's container (ApplicationStop): stops background work, closes the database. */
export async function disposeExtensionContainer(context: IExtensionContext): Promise<void> {
  const pending = containers.get(context);
  if (!pending) return;
  containers.delete(context);
  openContainers.delete(context);
  const container = await pending;
  await container.get<OfflineModeSession>(TOKENS.OfflineModeSession).stop();
  await container.get<OfflineStore>(TOKENS.OfflineStore).close();
}

/** Package bodies download next to a SQLite file; a SQL Server register uses the temp folder. */
function downloadsDirectory(context: IExtensionContext): string {
  const db = context.deviceConfiguration.offlineDatabase;
  return db.kind === 'sqlite' ? path.join(path.dirname(db.path), 'downloads') : path.join(os.tmpdir(), 'offline-pos-downloads', context.deviceConfiguration.registerId);
}
