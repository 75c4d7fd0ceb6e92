import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OfflineStoreError, SqliteOfflineStore, latestSqliteSchemaVersion } from '../../../src/offline/store/index.js';
import { sale } from './fixtures.js';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function openError(file: string): Promise<OfflineStoreError> {
  const error = await SqliteOfflineStore.open(file).then((s) => s.close(), (e: unknown) => e);
  if (!OfflineStoreError.is(error)) throw new Error(`expected an OfflineStoreError, got ${String(error)}`);
  return error;
}

describe('SqliteOfflineStore on disk', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-store-files-'));
    file = path.join(dir, 'offline.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the database file, and its WAL files, readable by the owner only', async () => {
    const store = await SqliteOfflineStore.open(path.join(dir, 'nested', 'offline.db'));
    await store.saveOfflineTransaction(sale(1));
    for (const suffix of ['', '-wal', '-shm']) {
      expect(fs.statSync(path.join(dir, 'nested', `offline.db${suffix}`)).mode & 0o777, suffix).to.equal(0o600);
    }
    await store.close();
  });

  it('refuses a file that is not a database, naming it and leaving it byte for byte untouched', async () => {
    fs.writeFileSync(file, crypto.randomBytes(8192));
    const before = sha256(file);
    const error = await openError(file);
    expect([error.code, error.message.includes(file)]).to.deep.equal(['CorruptDatabase', true]);
    expect(sha256(file)).to.equal(before);
  });

  it('refuses a database whose pages are damaged, leaving it untouched', async () => {
    const store = await SqliteOfflineStore.open(file);
    await store.saveOfflineTransaction(sale(1));
    await store.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 100, 4096); // keep the 100-byte header, wreck the schema page
    fs.writeFileSync(file, bytes);
    const before = sha256(file);
    expect((await openError(file)).code).to.equal('CorruptDatabase');
    expect(sha256(file)).to.equal(before);
  });

  it('refuses an SQLite database that belongs to something else', async () => {
    const other = new Database(file);
    other.exec('CREATE TABLE orders (id INTEGER)');
    other.close();
    const before = sha256(file);
    expect((await openError(file)).message).to.match(/not an offline database/);
    expect(sha256(file)).to.equal(before);
  });

  it('refuses a schema newer than the code, naming both versions', async () => {
    await (await SqliteOfflineStore.open(file)).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSqliteSchemaVersion + 5}`);
    raw.close();
    const error = await openError(file);
    expect(error.code).to.equal('SchemaTooNew');
    expect(error.message).to.include(`version ${latestSqliteSchemaVersion + 5}`).and.include(`up to ${latestSqliteSchemaVersion}`);
  });

  it('migrates once: reopening finds the schema current and the data in place', async () => {
    const first = await SqliteOfflineStore.open(file);
    expect([first.created, first.schemaVersionBefore, first.schemaVersion]).to.deep.equal([true, 0, latestSqliteSchemaVersion]);
    await first.setSetting('k', 1);
    await first.close();
    const second = await SqliteOfflineStore.open(file);
    expect([second.created, second.schemaVersionBefore]).to.deep.equal([false, latestSqliteSchemaVersion]);
    expect(await second.getSetting('k')).to.equal(1);
    await second.close();
  });

  it('leaves no trace of a sale whose save fails midway', async () => {
    const store = await SqliteOfflineStore.open(file);
    const saboteur = new Database(file);
    saboteur.exec(`CREATE TRIGGER fail_queue BEFORE INSERT ON upload_queue BEGIN SELECT RAISE(ABORT, 'disk gone'); END`);
    const error = await store.saveOfflineTransaction(sale(1)).catch((e: unknown) => e as Error);
    expect((error as Error).message).to.equal('disk gone');
    saboteur.exec('DROP TRIGGER fail_queue');
    saboteur.close();
    expect(await store.getOfflineTransaction(sale(1).transactionId)).to.equal(null);
    await store.saveOfflineTransaction(sale(2));
    expect((await store.readUploadBatch(5)).map((u) => u.transactionId)).to.deep.equal([sale(2).transactionId]);
    await store.close();
  });

  it('keeps a saved sale and its queue row when the process is killed right after the save', async function durability() {
    this.timeout(15_000);
    const script = fileURLToPath(new URL('./saveThenBlock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('saved')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before saving: ${stderr}`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const store = await SqliteOfflineStore.open(file);
    expect(await store.getOfflineTransaction(sale(1).transactionId)).to.deep.equal(sale(1));
    expect((await store.readUploadBatch(5)).map((u) => u.transactionId)).to.deep.equal([sale(1).transactionId]);
    expect(await store.getLastNumber('receipt')).to.equal(8);
    await store.close();
  });
});

