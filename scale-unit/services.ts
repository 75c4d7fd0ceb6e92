import type { ChannelDb } from './db/channel-database.js';
import { CatalogueStore } from './db/catalogue-store.js';
import { RegisterStore } from './db/register-store.js';
import { TransactionIntake } from './db/transaction-intake.js';
import { DistributionSchedule } from './packages/distribution-schedule.js';

/** Everything the routes need, built once over one channel database connection. */
export interface ScaleUnitServices {
  readonly db: ChannelDb;
  readonly catalogue: CatalogueStore;
  readonly registers: RegisterStore;
  readonly intake: TransactionIntake;
  readonly distribution: DistributionSchedule;
}

export function createServices(db: ChannelDb, dataDir: string, onError: (error: unknown) => void): ScaleUnitServices {
  const registers = new RegisterStore(db);
  return {
    db,
    catalogue: new CatalogueStore(db),
    registers,
    intake: new TransactionIntake(db, registers),
    distribution: new DistributionSchedule(db, dataDir, onError),
  };
}
