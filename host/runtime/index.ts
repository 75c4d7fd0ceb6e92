/** The dev host runtime's public surface. */
export { PosHost } from './PosHost.js';
export type { PosHostOptions } from './PosHost.js';
export { ExtensionRuntimeError } from './ExtensionRuntimeError.js';
export type { ExtensionRuntimeErrorCode } from './ExtensionRuntimeError.js';
export { RecordingNavigator } from './createExtensionContext.js';
export type { Navigation } from './createExtensionContext.js';
export type * from './types.js';
