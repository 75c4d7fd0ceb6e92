/**
 * Builds the extension package (`npm run build`): validates the manifest, bundles it with
 * webpack.config.js, then proves the output loads the way the dev host will load it.
 *
 *   node scripts/build.js [--manifest manifest.json] [--src src] [--out dist]
 *
 * Fails (exit code 1, one message per problem) on an invalid manifest, a compile error, or a
 * module path that does not end up as a built module default-exporting a class (a function for
 * an operation's request factory): the manifest and the bundle cannot drift.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import webpack from 'webpack';
import createConfig from '../webpack.config.js';
import { findManifestProblems, isClass, listManifestModules } from '../host/loader/manifest.js';

class BuildError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'BuildError';
    this.problems = problems;
  }
}

function readManifest(manifestPath) {
  const label = path.relative(process.cwd(), manifestPath) || manifestPath;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new BuildError([`${label}: cannot read: ${error.message}`]);
  }
  const problems = findManifestProblems(manifest);
  if (problems.length > 0) {
    throw new BuildError(problems.map((problem) => `${label}: ${problem}`));
  }
  return manifest;
}

function runWebpack(config) {
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) {
          reject(new BuildError([`webpack: ${error.message}`]));
        } else if (stats.hasErrors()) {
          reject(new BuildError(stats.toJson({ all: false, errors: true }).errors.map((e) => `webpack: ${e.moduleName ?? ''} ${e.message}`.trim())));
        } else {
          resolve(stats);
        }
      });
    });
  });
}

/** Imports every built module named by the manifest and checks what it default-exports. */
async function checkOutput(outDir) {
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  const problems = [];
  for (const module of listManifestModules(manifest)) {
    const file = path.join(outDir, `${module.path}.js`);
    if (!existsSync(file)) {
      problems.push(`${module.jsonPath} "${module.path}": no built module at ${file}`);
      continue;
    }
    const exported = (await import(pathToFileURL(file).href)).default;
    const wantsFunction = module.kind === 'operationRequestFactory';
    if (wantsFunction ? typeof exported !== 'function' : !isClass(exported)) {
      problems.push(`${module.jsonPath} "${module.path}": must default-export ${wantsFunction ? 'a request factory function' : 'a class'}`);
    }
  }
  if (problems.length > 0) {
    throw new BuildError(problems);
  }
  return manifest;
}

/** Builds one package; answers the output folder and the modules it checked. */
export async function buildExtensionPackage({ manifest = 'manifest.json', src = 'src', out = 'dist' } = {}) {
  const manifestPath = path.resolve(manifest);
  const outDir = path.resolve(out);
  const srcDir = path.resolve(src);
  const missing = listManifestModules(readManifest(manifestPath)).filter((m) => !existsSync(path.join(srcDir, `${m.path}.ts`)));
  if (missing.length > 0) {
    throw new BuildError(missing.map((m) => `${m.jsonPath} "${m.path}": no source file at ${path.join(srcDir, `${m.path}.ts`)}`));
  }
  await runWebpack(createConfig({ manifest: manifestPath, srcDir, outDir }));
  const built = await checkOutput(outDir);
  return { outDir, modules: listManifestModules(built).map((m) => m.path) };
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const { values } = parseArgs({ options: { manifest: { type: 'string' }, src: { type: 'string' }, out: { type: 'string' } } });
  try {
    const { outDir, modules } = await buildExtensionPackage(values);
    console.log(`build: ${modules.length} modules checked in ${path.relative(process.cwd(), outDir) || outDir}`);
  } catch (error) {
    console.error(error instanceof BuildError ? error.problems.map((p) => `build: ${p}`).join('\n') : error);
    process.exitCode = 1;
  }
}
