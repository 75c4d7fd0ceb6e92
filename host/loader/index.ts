/** The extension loader's public surface. */
export { loadExtensionPackage } from './loadExtensionPackage.js';
export type { LoadExtensionPackageOptions } from './loadExtensionPackage.js';
export { ExtensionLoadError } from './ExtensionLoadError.js';
export type { ExtensionLoadErrorCode } from './ExtensionLoadError.js';
export { comparePosVersions } from './posVersion.js';
export type * from './LoadedExtensionPackage.js';
export type { ExtensionManifest, ManifestTrigger, ManifestOperation } from './ExtensionManifest.js';
