/**
 * Loads an extension package the way Store Commerce does: through manifest.json only. Validates
 * the manifest, refuses a package that needs a newer POS, imports each module it names
 * (`<packageDir>/<modulePath>.js`) and keeps its default export.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtensionManifest } from './ExtensionManifest.js';
import { ExtensionLoadError } from './ExtensionLoadError.js';
import type {
  ExtensionClass,
  LoadedExtensionPackage,
  LoadedModule,
  LoadedOperation,
  OperationRequestFactory,
  RequestHandlerInstance,
  TriggerInstance,
} from './LoadedExtensionPackage.js';
import { findManifestProblems, isClass, listManifestModules, type ManifestModule } from './manifest.js';
import { comparePosVersions } from './posVersion.js';

export interface LoadExtensionPackageOptions {
  /** The dev host's POS version; packages whose `minimumPosVersion` is newer are refused. */
  readonly hostVersion: string;
}

export async function loadExtensionPackage(packageDir: string, options: LoadExtensionPackageOptions): Promise<LoadedExtensionPackage> {
  const directory = path.resolve(packageDir);
  const manifest = await readManifest(path.join(directory, 'manifest.json'));
  if (comparePosVersions(manifest.minimumPosVersion, options.hostVersion) > 0) {
    throw new ExtensionLoadError(
      'PosVersionTooOld',
      `manifest.json: /minimumPosVersion ${manifest.minimumPosVersion} is newer than this host's POS version ${options.hostVersion}`,
    );
  }

  // Check every file before importing any, so one error lists all missing modules.
  const modules = listManifestModules(manifest);
  const missing = modules.filter((module) => !existsSync(moduleFile(directory, module)));
  if (missing.length > 0) {
    const problems = missing.map((m) => `manifest.json: ${m.jsonPath} "${m.path}": no module at ${moduleFile(directory, m)}`);
    throw new ExtensionLoadError('ModuleNotFound', problems.join('; '), problems);
  }

  const byPath = new Map<string, LoadedModule<unknown>>();
  for (const module of modules) {
    byPath.set(module.jsonPath, await importModule(directory, module));
  }
  const at = <T>(jsonPath: string) => byPath.get(jsonPath) as LoadedModule<T>;
  const { extend = {}, create = {} } = manifest.components;
  const handlerList = (jsonPrefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => at<ExtensionClass<RequestHandlerInstance>>(`${jsonPrefix}/${i}/modulePath`));

  return {
    name: manifest.name,
    publisher: manifest.publisher,
    version: manifest.version,
    directory,
    manifest,
    triggers: (extend.triggers ?? []).map((trigger, i) => ({
      ...at<ExtensionClass<TriggerInstance>>(`/components/extend/triggers/${i}/modulePath`),
      triggerType: trigger.triggerType,
      ...(trigger.name === undefined ? {} : { name: trigger.name }),
    })),
    replacementRequestHandlers: handlerList('/components/extend/requestHandlers', extend.requestHandlers?.length ?? 0),
    requestHandlers: handlerList('/components/create/requestHandlers', create.requestHandlers?.length ?? 0),
    operations: (create.operations ?? []).map(
      (operation, i): LoadedOperation => ({
        operationId: Number(operation.operationId),
        factory: at<OperationRequestFactory>(`/components/create/operations/${i}/operationRequestFactoryPath`),
        handler: at<ExtensionClass<RequestHandlerInstance>>(`/components/create/operations/${i}/operationRequestHandlerPath`),
      }),
    ),
  };
}

async function readManifest(file: string): Promise<ExtensionManifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ExtensionLoadError('ManifestNotFound', `manifest.json: cannot read ${file}`, undefined, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExtensionLoadError('ManifestUnreadable', `manifest.json: not valid JSON (${(error as Error).message})`, undefined, { cause: error });
  }
  const problems = findManifestProblems(parsed).map((problem) => `manifest.json: ${problem}`);
  if (problems.length > 0) {
    throw new ExtensionLoadError('ManifestInvalid', problems.join('; '), problems);
  }
  return parsed as ExtensionManifest;
}

const moduleFile = (directory: string, module: ManifestModule) => path.join(directory, `${module.path}.js`);

async function importModule(directory: string, module: ManifestModule): Promise<LoadedModule<unknown>> {
  const file = moduleFile(directory, module);
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new ExtensionLoadError(
      'ModuleImportFailed',
      `manifest.json: ${module.jsonPath} "${module.path}": importing ${file} failed: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
  const wantsFunction = module.kind === 'operationRequestFactory';
  if (wantsFunction ? typeof exported !== 'function' : !isClass(exported)) {
    throw new ExtensionLoadError(
      'ModuleExportInvalid',
      `manifest.json: ${module.jsonPath} "${module.path}": ${file} must default-export ${wantsFunction ? 'a request factory function' : 'a class'}`,
    );
  }
  return { modulePath: module.path, file, exported };
}
