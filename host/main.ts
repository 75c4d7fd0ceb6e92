/**
 * CLI: `npm run host -- --port P --scale-unit-url URL --data-dir D --register-id R
 * --device-token T --package-dir dist [--no-extension] [--offline-db-url CS] [--admin-url URL]`.
 * Prints exactly one readiness line on stdout: `host listening on http://127.0.0.1:<port>`.
 * Settings, environment variables and defaults: docs/configuration.md.
 */
import { hostOptionsFromCommandLine } from './config.js';
import { startHost } from './server/index.js';

async function main(): Promise<void> {
  const host = await startHost(hostOptionsFromCommandLine(process.argv.slice(2), process.env));
  // Exactly this line: scripts/start.js and tests wait for it.
  console.log(`host listening on ${host.url}`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`host: close failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The message only: setting errors name the flag, and a stack helps nobody at a prompt.
  console.error(`host: ${(error as Error).message}`);
  process.exit(1);
});
