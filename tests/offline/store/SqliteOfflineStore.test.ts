import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteOfflineStore } from '../../../src/offline/store/index.js';
import { offlineStoreContract } from './offlineStoreContract.js';

offlineStoreContract('SqliteOfflineStore', {
  skipReason: null,
  async createDatabase() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-store-'));
    const file = path.join(dir, 'offline.db');
    return {
      open: () => SqliteOfflineStore.open(file),
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
});
