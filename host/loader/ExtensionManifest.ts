/** The manifest.json shape manifest.schema.json accepts (typed after validation, never before). */
import type { TriggerType } from '#pos-api';

export interface ExtensionManifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly minimumPosVersion: string;
  readonly description: string;
  readonly components: {
    readonly resources?: {
      readonly fallbackUICulture: string;
      readonly culturesDirectoryPath: string;
      readonly stringResourcesFileName: string;
      readonly supportedUICultures?: readonly string[];
    };
    readonly extend?: {
      readonly triggers?: readonly ManifestTrigger[];
      readonly requestHandlers?: readonly { readonly modulePath: string }[];
    };
    readonly create?: {
      readonly operations?: readonly ManifestOperation[];
      readonly requestHandlers?: readonly { readonly modulePath: string }[];
      readonly views?: readonly { readonly pageName: string; readonly viewDirectory: string; readonly viewControllerPath: string; readonly title?: string }[];
      readonly templatedDialogs?: readonly { readonly modulePath: string }[];
    };
  };
}

export interface ManifestTrigger {
  readonly triggerType: TriggerType;
  readonly modulePath: string;
  readonly name?: string;
  readonly description?: string;
}

export interface ManifestOperation {
  /** Digits, as a string (Store Commerce's manifest form). */
  readonly operationId: string;
  readonly operationRequestFactoryPath: string;
  readonly operationRequestHandlerPath: string;
}
