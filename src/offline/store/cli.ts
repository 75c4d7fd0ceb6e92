/**
 * `npm run offline-db -- create --data-dir D | --db-path P`: creates or migrates the offline
 * database. Idempotent: a second run changes nothing and says the database is up to date.
 * Exit codes: 0 done, 1 the database cannot be used (left untouched), 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OfflineStoreError } from './OfflineStoreError.js';
import { SqliteOfflineStore } from './sqlite/SqliteOfflineStore.js';

export const defaultDatabaseFileName = 'offline.db';

const usage = `usage: npm run offline-db -- create (--data-dir DIR | --db-path FILE)
  --data-dir DIR   create DIR if needed and the database DIR/${defaultDatabaseFileName}
  --db-path FILE   create the database at FILE`;

class UsageError extends Error {}

function parse(argv: readonly string[]): { file: string; dir: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { 'data-dir': { type: 'string' }, 'db-path': { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'create') throw new UsageError(`expected the command "create", got ${JSON.stringify(positionals.join(' '))}`);
  const dataDir = values['data-dir'];
  const dbPath = values['db-path'];
  if ((dataDir === undefined) === (dbPath === undefined)) throw new UsageError('give exactly one of --data-dir and --db-path');
  const chosen = dataDir ?? dbPath ?? '';
  if (chosen.trim() === '') throw new UsageError('the path must not be empty');
  const file = path.resolve(dataDir !== undefined ? path.join(dataDir, defaultDatabaseFileName) : chosen);
  return { file, dir: path.dirname(file) };
}

export async function runCli(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let target;
  try {
    target = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`offline-db: ${error.message}\n${usage}`);
    return 2;
  }
  const dirExisted = fs.existsSync(target.dir);
  try {
    const store = await SqliteOfflineStore.open(target.file);
    await store.close();
    if (!dirExisted) out(`created directory ${target.dir}`);
    if (store.created) out(`created offline database ${target.file} (schema version ${store.schemaVersion})`);
    else if (store.schemaVersionBefore < store.schemaVersion) {
      out(`migrated offline database ${target.file} from schema version ${store.schemaVersionBefore} to ${store.schemaVersion}`);
    } else out(`offline database ${target.file} is up to date (schema version ${store.schemaVersion}); nothing changed`);
    return 0;
  } catch (error) {
    if (!OfflineStoreError.is(error)) throw error;
    err(`offline-db: ${error.message}`);
    return 1;
  }
}

// Run only as a script, so tests can import runCli.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
