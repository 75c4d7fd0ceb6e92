/**
 * CLI: `npm run scale-unit -- --port P --admin-port A --data-dir D --products N
 * --device-token T --admin-token T --distribution-interval-ms MS`. Each flag falls back to an
 * environment variable (SCALE_UNIT_PORT, SCALE_UNIT_ADMIN_PORT, SCALE_UNIT_DATA_DIR,
 * SCALE_UNIT_PRODUCTS, SCALE_UNIT_DEVICE_TOKEN, SCALE_UNIT_ADMIN_TOKEN,
 * SCALE_UNIT_DISTRIBUTION_INTERVAL_MS, SCALE_UNIT_HOST), then to the local-use defaults.
 */
import { parseArgs } from 'node:util';
import { startScaleUnit } from './scale-unit.js';
import type { ScaleUnitOptions } from './options.js';

const flags = {
  port: { flag: 'port', env: 'SCALE_UNIT_PORT', numeric: true },
  adminPort: { flag: 'admin-port', env: 'SCALE_UNIT_ADMIN_PORT', numeric: true },
  host: { flag: 'host', env: 'SCALE_UNIT_HOST', numeric: false },
  dataDir: { flag: 'data-dir', env: 'SCALE_UNIT_DATA_DIR', numeric: false },
  products: { flag: 'products', env: 'SCALE_UNIT_PRODUCTS', numeric: true },
  deviceToken: { flag: 'device-token', env: 'SCALE_UNIT_DEVICE_TOKEN', numeric: false },
  adminToken: { flag: 'admin-token', env: 'SCALE_UNIT_ADMIN_TOKEN', numeric: false },
  distributionIntervalMs: { flag: 'distribution-interval-ms', env: 'SCALE_UNIT_DISTRIBUTION_INTERVAL_MS', numeric: true },
} as const;

function readOptions(argv: string[], env: NodeJS.ProcessEnv): ScaleUnitOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.values(flags).map((f) => [f.flag, { type: 'string' as const }])),
    strict: true,
  });
  const options: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(flags)) {
    const raw = (values[spec.flag] as string | undefined) ?? env[spec.env];
    if (raw === undefined || raw === '') continue;
    if (spec.numeric && !/^\d+$/.test(raw)) throw new RangeError(`--${spec.flag} must be a whole number, got ${raw}`);
    options[name] = spec.numeric ? Number(raw) : raw;
  }
  return options as ScaleUnitOptions;
}

async function main(): Promise<void> {
  const scaleUnit = await startScaleUnit(readOptions(process.argv.slice(2), process.env));
  // Exactly these two lines: the start script and tests wait for them.
  console.log(`scale-unit listening on ${scaleUnit.url}`);
  console.log(`scale-unit-admin listening on ${scaleUnit.adminUrl}`);
  const stop = (): void => {
    scaleUnit.close().then(() => process.exit(0), (error: unknown) => {
      console.error(`scale-unit: close failed: ${(error as Error).message}`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The message only: option errors name the flag, and a stack helps nobody at a prompt.
  console.error(`scale-unit: ${(error as Error).message}`);
  process.exit(1);
});
