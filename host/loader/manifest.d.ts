/** Types of manifest.js (plain JavaScript so scripts/build.js and webpack.config.js share it). */
import type { ExtensionManifest } from './ExtensionManifest.js';

export declare const manifestSchema: Record<string, unknown>;

/** Problems as `<json path> <message>`; empty when the manifest is valid. */
export declare function findManifestProblems(manifest: unknown): string[];

export type ManifestModuleKind =
  | 'trigger'
  | 'replacementRequestHandler'
  | 'requestHandler'
  | 'operationRequestFactory'
  | 'operationRequestHandler';

export interface ManifestModule {
  readonly kind: ManifestModuleKind;
  /** As written in the manifest: relative to the package root, no extension. */
  readonly path: string;
  /** Where the manifest names it, e.g. `/components/extend/triggers/0/modulePath`. */
  readonly jsonPath: string;
}

export declare function listManifestModules(manifest: ExtensionManifest): ManifestModule[];

export declare function isClass(value: unknown): value is abstract new (...args: never[]) => unknown;
