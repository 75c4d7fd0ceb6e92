import type { ICancelableDataResult, Request, Response } from './framework.js';

/** `context.runtime`: runs any request through the host pipeline (extension handler first, else the host's). */
export interface IRuntime {
  executeAsync<TResponse extends Response>(request: Request<TResponse>): Promise<ICancelableDataResult<TResponse>>;
}

export interface ILogger {
  logVerbose(message: string, correlationId?: string): void;
  logInformational(message: string, correlationId?: string): void;
  logWarning(message: string, correlationId?: string): void;
  logError(message: string, correlationId?: string): void;
  logCriticalError(message: string, correlationId?: string): void;
  getNewCorrelationId(): string;
}

export interface INavigator {
  navigate(viewName: string, options?: unknown): void;
  navigateBack(): void;
}

/** Where the offline database lives: an embedded SQLite file, or the register's SQL Server. */
export type OfflineDatabaseSettings =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'sqlserver'; readonly connectionString: string };

/** The device's own settings the host hands every extension (Store Commerce's device configuration). */
export interface DeviceConfiguration {
  readonly registerId: string;
  readonly scaleUnitUrl: string;
  /** Bearer token of the device; never logged, never shown. */
  readonly deviceToken: string;
  readonly offlineDatabase: OfflineDatabaseSettings;
}

/** What the host passes to every operation, handler and trigger it constructs. */
export interface IExtensionContext {
  readonly runtime: IRuntime;
  readonly logger: ILogger;
  readonly navigator: INavigator;
  readonly resources: { getString(key: string): string };
  readonly deviceConfiguration: DeviceConfiguration;
}
