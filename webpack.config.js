/**
 * Builds an extension package: one ES module per module the manifest names, plus manifest.json,
 * in the output folder, which the dev host then loads through the manifest only.
 *
 *   env.manifest  manifest.json to build (default: ./manifest.json)
 *   env.srcDir    folder the manifest's module paths are relative to (default: ./src)
 *   env.outDir    output folder (default: ./dist)
 *
 * Every entry shares ONE webpack runtime chunk, so module instances live in one module cache: a
 * module-level singleton (the extension's composition root) is the same object for a trigger, a
 * request handler and an operation, as it is in Store Commerce where the package is one bundle.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { listManifestModules } from './host/loader/manifest.js';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

// Bundled into the package (each bundle carries its own copy of the host contract, matched by
// name); every other bare import stays a Node import resolved from node_modules at run time, so
// native and heavy packages (better-sqlite3, mssql, got, fastify) are never bundled.
const bundledBareImports = ['#pos-api'];

/** Emits manifest.json, and a package.json marking the .js files ES modules wherever the output sits. */
class ManifestAssetsPlugin {
  constructor(manifestPath) {
    this.manifestPath = manifestPath;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestAssetsPlugin', (compilation) => {
      compilation.fileDependencies.add(this.manifestPath);
      compilation.hooks.processAssets.tap(
        { name: 'ManifestAssetsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const { RawSource } = webpack.sources;
          compilation.emitAsset('manifest.json', new RawSource(readFileSync(this.manifestPath)));
          compilation.emitAsset('package.json', new RawSource(`${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`));
        },
      );
    });
  }
}

export default (env = {}) => {
  const manifestPath = path.resolve(repoRoot, env.manifest ?? 'manifest.json');
  const srcDir = path.resolve(repoRoot, env.srcDir ?? 'src');
  const outDir = path.resolve(repoRoot, env.outDir ?? 'dist');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

  // Entry name = module path, so `<srcDir>/<path>.ts` lands at `<outDir>/<path>.js`.
  const entry = {};
  for (const module of listManifestModules(manifest)) {
    entry[module.path] = { import: path.join(srcDir, `${module.path}.ts`) };
  }

  return {
    mode: 'production',
    target: 'node20',
    context: repoRoot,
    entry,
    devtool: 'source-map',
    experiments: { outputModule: true },
    output: {
      path: outDir,
      // Entries keep their manifest path; shared chunks (initial chunks too) go under _chunks/.
      filename: (pathData) => (pathData.chunk?.name && pathData.chunk.name in entry ? '[name].js' : '_chunks/[name].js'),
      chunkFilename: '_chunks/[name].js',
      module: true,
      chunkFormat: 'module',
      chunkLoading: 'import',
      library: { type: 'module' },
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          // Type checking is `npm run typecheck`'s job; the build only transpiles.
          options: {
            transpileOnly: true,
            configFile: path.join(repoRoot, 'tsconfig.json'),
            // Emit ES modules whatever NodeNext would infer per file, so webpack sees real
            // `export default` (CommonJS output would default-export the whole exports object).
            // useDefineForClassFields false as in .swcrc, so the bundle initialises class fields the
            // way the tests (run through swc) do.
            compilerOptions: { module: 'es2022', moduleResolution: 'bundler', useDefineForClassFields: false },
          },
        },
      ],
    },
    externalsType: 'module',
    externals: [
      ({ request }, callback) => {
        if (!request || request.startsWith('.') || path.isAbsolute(request) || bundledBareImports.some((b) => request === b || request.startsWith(`${b}/`))) {
          return callback();
        }
        // Built-ins and packages alike: a static `import` Node resolves from the output folder.
        return callback(null, `module ${isBuiltin(request) && !request.startsWith('node:') ? `node:${request}` : request}`);
      },
    ],
    optimization: {
      // Requests match handlers by class name: names must survive the build. No minifier, and no
      // scope hoisting, which renames a class whose name collides with another module's.
      minimize: false,
      concatenateModules: false,
      // One runtime (one module cache) for all entries, and shared modules in shared chunks.
      runtimeChunk: { name: 'webpack-runtime' },
      splitChunks: { chunks: 'all', minSize: 0, name: false },
      chunkIds: 'deterministic',
      moduleIds: 'deterministic',
    },
    performance: { hints: false },
    plugins: [new ManifestAssetsPlugin(manifestPath)],
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-warnings',
  };
};
