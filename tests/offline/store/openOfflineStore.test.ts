import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OfflineDatabaseSettings } from '#pos-api';
import { OfflineStoreError, SqliteOfflineStore, openOfflineStore, toFtsMatchExpression, searchTokens } from '../../../src/offline/store/index.js';

describe('openOfflineStore', () => {
  it('opens the SQLite adapter for sqlite settings and describes the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-offline-store-'));
    try {
      const store = await openOfflineStore({ kind: 'sqlite', path: path.join(dir, 'offline.db') });
      expect(store).to.be.instanceOf(SqliteOfflineStore);
      const description = await store.describe();
      expect(description).to.include({ kind: 'sqlite', location: path.join(dir, 'offline.db'), sizeLimitBytes: null });
      expect(description.sizeBytes).to.be.greaterThan(0);
      await store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses unusable settings with InvalidArgument naming the field', async () => {
    const bad = [{ kind: 'sqlite', path: '' }, { kind: 'sqlserver', connectionString: '' }, { kind: 'oracle' }] as unknown as OfflineDatabaseSettings[];
    for (const settings of bad) {
      const error = await openOfflineStore(settings).catch((e: unknown) => e);
      expect(OfflineStoreError.is(error, 'InvalidArgument'), JSON.stringify(settings)).to.equal(true);
      expect((error as Error).message).to.match(/offlineDatabase\.(path|connectionString|kind)/);
    }
  });

  it('reports an unreachable SQL Server as Unavailable without showing the password', async function unreachable() {
    this.timeout(10_000);
    const error = await openOfflineStore({ kind: 'sqlserver', connectionString: 'Server=127.0.0.1,1;Database=pos;User Id=sa;Password=hunter2;Connect Timeout=2;Encrypt=false' })
      .catch((e: unknown) => e);
    expect(OfflineStoreError.is(error, 'Unavailable')).to.equal(true);
    expect((error as Error).message).to.include('127.0.0.1:1/pos').and.not.include('hunter2');
  });
});

describe('search text', () => {
  it('quotes every word as an FTS string and drops words with no letters or digits', () => {
    expect(searchTokens('  coffee "mug" -- ; NEAR(a b) x*  ')).to.deep.equal(['coffee', '"mug"', 'NEAR(a', 'b)', 'x*']);
    expect(toFtsMatchExpression(['say "hi"', 'AND'])).to.equal('"say ""hi""" "AND"');
  });
});
