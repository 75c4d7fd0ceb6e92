/** The IExtensionContext the host hands every trigger, handler and operation it constructs. */
import type { DeviceConfiguration, IExtensionContext, ILogger, INavigator, IRuntime } from '#pos-api';

export interface Navigation {
  readonly viewName: string;
  readonly options?: unknown;
}

/** The dev host renders no extension views; it records navigations so tests can see them. */
export class RecordingNavigator implements INavigator {
  private readonly history: (Navigation | 'back')[] = [];

  get navigations(): readonly (Navigation | 'back')[] {
    return this.history;
  }

  navigate(viewName: string, options?: unknown): void {
    this.history.push(options === undefined ? { viewName } : { viewName, options });
  }

  navigateBack(): void {
    this.history.push('back');
  }
}

export function createExtensionContext(parts: {
  runtime: IRuntime;
  logger: ILogger;
  navigator: INavigator;
  deviceConfiguration: DeviceConfiguration;
}): IExtensionContext {
  return Object.freeze({
    runtime: parts.runtime,
    logger: parts.logger,
    navigator: parts.navigator,
    // No string resources in the dev host: the key is the text (Store Commerce shows the key too when one is missing).
    resources: Object.freeze({ getString: (key: string) => key }),
    deviceConfiguration: parts.deviceConfiguration,
  });
}
