import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/offline/store/cli.js';

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('offline-db CLI', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-db-cli-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory and the database, then finds it up to date and changes nothing', async () => {
    const dataDir = path.join(dir, 'a', 'b');
    const first = await run('create', '--data-dir', dataDir);
    expect(first.code).to.equal(0);
    expect(first.out.join('\n')).to.match(/created directory/).and.match(/created offline database .*offline\.db \(schema version \d+\)/);
    const file = path.join(dataDir, 'offline.db');
    const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const second = await run('create', '--data-dir', dataDir);
    expect([second.code, second.out]).to.deep.equal([0, [`offline database ${file} is up to date (schema version 1); nothing changed`]]);
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).to.equal(hash);
  });

  it('creates the database at an exact path with --db-path', async () => {
    const file = path.join(dir, 'custom.sqlite');
    expect((await run('create', '--db-path', file)).code).to.equal(0);
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('explains bad arguments and exits with 2', async () => {
    for (const argv of [[], ['create'], ['drop', '--data-dir', dir], ['create', '--data-dir', dir, '--db-path', 'x'], ['create', '--nope']]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).to.equal(2);
      expect(result.err.join('\n')).to.match(/usage: npm run offline-db/);
    }
  });

  it('exits with 1 and leaves a file that is not a database untouched', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not a database');
    const result = await run('create', '--db-path', file);
    expect([result.code, fs.readFileSync(file, 'utf8')]).to.deep.equal([1, 'not a database']);
    expect(result.err[0]).to.include(file);
  });

  it('sets the process exit code when run as a script', function script() {
    this.timeout(15_000);
    const cli = fileURLToPath(new URL('../../../src/offline/store/cli.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', cli, 'create'], { encoding: 'utf8' });
    expect([result.status, result.stderr]).to.satisfy(([status, stderr]: [number, string]) => status === 2 && stderr.includes('give exactly one'));
  });
});
