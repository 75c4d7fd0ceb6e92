/** Why the host refused an extension package. `message` names the file and the field or module. */
export type ExtensionLoadErrorCode =
  | 'ManifestNotFound'
  | 'ManifestUnreadable'
  | 'ManifestInvalid'
  | 'PosVersionTooOld'
  | 'ModuleNotFound'
  | 'ModuleImportFailed'
  | 'ModuleExportInvalid'
  | 'ModuleConstructionFailed'
  | 'HandlerConflict';

const marker = Symbol.for('offline-pos.host.ExtensionLoadError');

export class ExtensionLoadError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: ExtensionLoadErrorCode,
    message: string,
    /** Each problem on its own (a manifest can have several); `message` joins them. */
    readonly problems: readonly string[] = [message],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ExtensionLoadError';
  }

  /** Marker check rather than instanceof, so it holds across module copies (host vs. test). */
  static is(value: unknown): value is ExtensionLoadError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
