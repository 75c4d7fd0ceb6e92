/**
 * Manifest validation and module listing shared by the loader (TypeScript), webpack.config.js and
 * scripts/build.js (plain Node). Plain JavaScript with a .d.ts beside it so the build needs no
 * TypeScript runtime and all three read the manifest the same way: they cannot drift.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const schemaUrl = new URL('../../manifest.schema.json', import.meta.url);
export const manifestSchema = JSON.parse(readFileSync(schemaUrl, 'utf8'));

// Compiled once per process; `verbose` gives each error its schema so `x-message` can be read.
const ajv = new Ajv2020({ allErrors: true, verbose: true });
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
const validate = ajv.compile(manifestSchema);

/** One ajv error as `<json path> <what is wrong>`, worded for a partner fixing the file by hand. */
function describe(error) {
  const at = error.instancePath || '/';
  switch (error.keyword) {
    case 'required':
      return `${joinPath(error.instancePath, error.params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${joinPath(error.instancePath, error.params.additionalProperty)} is not allowed`;
    case 'enum':
      return `${at} must be one of ${error.params.allowedValues.join(', ')}`;
    case 'pattern':
      return `${at} ${error.parentSchema['x-message'] ?? error.message} (got ${JSON.stringify(error.data)})`;
    default:
      return `${at} ${error.message}`;
  }
}

const joinPath = (parent, property) => `${parent}/${String(property).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Checks a parsed manifest against manifest.schema.json and the rules a schema cannot express
 * (operation ids unique). Answers the problems as `<json path> <message>` strings; none when valid.
 */
export function findManifestProblems(manifest) {
  if (!validate(manifest)) {
    // Several keywords can fail on one spot (type and pattern); one line per path and keyword is enough.
    return [...new Set(validate.errors.map(describe))];
  }
  const problems = [];
  const firstIndexById = new Map();
  (manifest.components.create?.operations ?? []).forEach((operation, index) => {
    const first = firstIndexById.get(operation.operationId);
    if (first === undefined) {
      firstIndexById.set(operation.operationId, index);
    } else {
      problems.push(
        `/components/create/operations/${index}/operationId "${operation.operationId}" duplicates /components/create/operations/${first}/operationId`,
      );
    }
  });
  return problems;
}

/**
 * Every module the manifest names, in manifest order, with the JSON path that names it: the
 * build makes one entry per item and the loader imports each one.
 */
export function listManifestModules(manifest) {
  const modules = [];
  const { extend = {}, create = {} } = manifest.components;
  (extend.triggers ?? []).forEach((trigger, i) =>
    modules.push({ kind: 'trigger', path: trigger.modulePath, jsonPath: `/components/extend/triggers/${i}/modulePath` }),
  );
  (extend.requestHandlers ?? []).forEach((handler, i) =>
    modules.push({ kind: 'replacementRequestHandler', path: handler.modulePath, jsonPath: `/components/extend/requestHandlers/${i}/modulePath` }),
  );
  (create.requestHandlers ?? []).forEach((handler, i) =>
    modules.push({ kind: 'requestHandler', path: handler.modulePath, jsonPath: `/components/create/requestHandlers/${i}/modulePath` }),
  );
  (create.operations ?? []).forEach((operation, i) => {
    const at = `/components/create/operations/${i}`;
    modules.push({ kind: 'operationRequestFactory', path: operation.operationRequestFactoryPath, jsonPath: `${at}/operationRequestFactoryPath` });
    modules.push({ kind: 'operationRequestHandler', path: operation.operationRequestHandlerPath, jsonPath: `${at}/operationRequestHandlerPath` });
  });
  return modules;
}

/** True for a value written as `class X {}`: the manifest's class modules must default-export one. */
export function isClass(value) {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
