import type { ResolvedHostOptions } from '../config.js';
import type { CartEngine } from '../cart/index.js';
import type { IPosHost } from '../runtime/index.js';
import type { DemoFaults } from './DemoFaults.js';
import type { ScreenLayout } from './layouts.js';
import type { Session } from './Session.js';
import type { HostStatus } from './status.js';

/** Everything the routes use, built once by startHost (the server's composition root). */
export interface HostServices {
  readonly options: ResolvedHostOptions;
  readonly posHost: IPosHost;
  readonly cart: CartEngine;
  readonly session: Session;
  readonly layouts: ReadonlyMap<string, ScreenLayout>;
  /** Null when no admin URL is configured. */
  readonly demoFaults: DemoFaults | null;
  readonly status: () => HostStatus;
  /** Directory of the page's static files. */
  readonly publicDir: string;
}

/** The operation id the lead's extension registers for "Sync data". */
export const syncOperationId = 918;

/** Operations the page carries out itself through the cart routes. */
export const pageOperations: ReadonlyMap<number, string> = new Map([
  [200, 'payCash'],
  [201, 'payCard'],
  [500, 'voidTransaction'],
]);
