import type { OfflineStore } from '../../../src/offline/store/index.js';
import { catalogueContract } from './catalogueContract.js';
import { salesContract } from './salesContract.js';

/** One database for one test: opened as often as the test needs (reopen = same data), then dropped. */
export interface ContractDatabase {
  open(): Promise<OfflineStore>;
  dispose(): Promise<void>;
}

export interface ContractTarget {
  /** Null when the target can run here; otherwise why not (the suite is skipped and says so). */
  readonly skipReason: string | null;
  createDatabase(): Promise<ContractDatabase>;
}

/** What each contract test gets: a fresh, open store, and a way to reopen the same database. */
export interface ContractContext {
  store: OfflineStore;
  reopen(): Promise<OfflineStore>;
}

/** The behaviour every OfflineStore adapter must show; run once per adapter. */
export function offlineStoreContract(name: string, target: ContractTarget): void {
  describe(`${name} (OfflineStore contract)`, function contract() {
    const ctx = {} as ContractContext;
    let db: ContractDatabase | undefined;
    const opened: OfflineStore[] = [];

    before(function skipWhenUnavailable() {
      if (target.skipReason !== null) {
        console.log(`    skipping the ${name} contract: ${target.skipReason}`);
        this.skip();
      }
    });

    beforeEach(async () => {
      db = await target.createDatabase();
      ctx.store = await db.open();
      opened.push(ctx.store);
      ctx.reopen = async () => {
        await ctx.store.close();
        ctx.store = await db!.open();
        opened.push(ctx.store);
        return ctx.store;
      };
    });

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await db?.dispose();
      db = undefined;
    });

    catalogueContract(ctx);
    salesContract(ctx);
  });
}
